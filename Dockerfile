# møtebot: slim Python, non-root, tzdata; `motebot run` serves Slack, Teams, the calendar and /healthz.
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
HEALTHCHECK --interval=30s --timeout=3s CMD ["python", "-c", "import os, urllib.request; urllib.request.urlopen('http://127.0.0.1:' + os.environ.get('PORT', '3000') + '/healthz')"]
CMD ["motebot", "run"]
