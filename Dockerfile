# møtebot: slim Python, non-root, tzdata; `motebot run` (one process) serves Slack, Teams, the calendar,
# /healthz, /readyz and /metrics; logs are JSON lines on stderr (MOTEBOT_LOG_FORMAT=text for text).
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    TZ=Europe/Oslo

RUN apt-get update \
    && apt-get install -y --no-install-recommends tzdata=* \
    && rm -rf /var/lib/apt/lists/*

RUN useradd --create-home --uid 10001 motebot
WORKDIR /app

COPY pyproject.toml README.md ./
COPY bot ./bot
COPY handlers ./handlers
COPY storage ./storage
COPY ingest ./ingest
COPY examples ./examples
RUN pip install --no-cache-dir .

USER 10001
EXPOSE 3000
# Liveness: /healthz asks nothing of the database, so an outage of PostgreSQL does not get a
# healthy bot restarted; the load balancer routes on /readyz (database and schema checked).
HEALTHCHECK --interval=30s --timeout=3s --start-period=20s CMD ["python", "-c", "import os, urllib.request; urllib.request.urlopen('http://127.0.0.1:' + os.environ.get('PORT', '3000') + '/healthz', timeout=2)"]
CMD ["motebot", "run"]
