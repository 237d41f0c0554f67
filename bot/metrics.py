"""Prometheus metrics of `motebot run`, served at /metrics.

Counted in this process: commands by name and outcome (answered, refused, error) and the time to
make each answer, through the registry's observer hook (handlers/ knows nothing of Prometheus);
errors by kind (every record logged at ERROR or above, by logger); deliveries a restart or an
outage left unfinished and a later pass finished. Read from the database at each scrape (so every
process agrees and a restart loses nothing): reminders and notices sent, and the vara chain's steps
(called, accepted, declined, timed out).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from typing import ParamSpec, TypeVar

from prometheus_client import CollectorRegistry, Counter, Histogram, ProcessCollector, generate_latest
from prometheus_client.core import GaugeMetricFamily, Metric
from prometheus_client.exposition import CONTENT_TYPE_LATEST
from prometheus_client.registry import Collector
from sqlalchemy import Engine, func, select
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from bot import logs
from bot.app import App
from bot.parts import Part
from handlers import registry
from handlers.types import Invocation, Reply
from storage.chat_models import ReminderPost
from storage.models_secretariat import Notice, VaraRequest

log = logging.getLogger(__name__)
P = ParamSpec("P")
T = TypeVar("T")

OUTCOMES = {"answer": "answered", "refusal": "refused", "error": "error"}
VARA_STEPS = {"yes": "accepted", "no": "declined", "timeout": "timed_out"}  # every request: "called"

COMMANDS = Counter(
    "motebot_commands", "Commands answered, by command and outcome", ["command", "outcome"], registry=None
)
ANSWER_SECONDS = Histogram(
    "motebot_answer_seconds",
    "Seconds to make an answer (routing, the handler and its transaction)",
    ["platform"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0),
    registry=None,
)
ERRORS = Counter(
    "motebot_errors", "Errors logged, by kind (the logger that logged them)", ["kind"], registry=None
)
RECOVERED = Counter(
    "motebot_deliveries_recovered",
    "Deliveries left unfinished (a crash, an outage) that a later pass took up",
    ["platform"],
    registry=None,
)


def observe(invocation: Invocation, command: str | None, reply: Reply, seconds: float) -> None:
    """The registry's observer: one command answered."""
    COMMANDS.labels(command or "(ukjent)", OUTCOMES.get(reply.kind, reply.kind)).inc()
    ANSWER_SECONDS.labels(invocation.platform).observe(seconds)


def recovered(platform: str, start: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
    """Count a delivery a restart or an outage left unfinished, and `start` its work as a request of
    its own (a fresh request id in its log lines)."""
    RECOVERED.labels(platform).inc()
    return logs.with_fresh_request_id(start, *args, **kwargs)


class ErrorCounter(logging.Handler):
    """Counts every record at ERROR or above by its logger's name."""

    def __init__(self) -> None:
        super().__init__(level=logging.ERROR)
        self.set_name("motebot-metrics")

    def emit(self, record: logging.LogRecord) -> None:
        ERRORS.labels(record.name).inc()


class StoreCollector(Collector):
    """What the database holds of the reminder loop and the vara chain, read at each scrape."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def collect(self) -> Iterator[Metric]:
        try:
            with self.engine.connect() as conn:
                rows = {
                    table: dict(conn.execute(select(state, func.count()).group_by(state)).all())
                    for table, state in (
                        ("reminders", ReminderPost.state),
                        ("notices", Notice.state),
                        ("vara", VaraRequest.state),
                    )
                }
        except Exception:
            log.warning("metrics: the database did not answer", exc_info=True)
            return
        sent = GaugeMetricFamily("motebot_reminders_sent", "Reminders posted to a channel (database)")
        sent.add_metric([], rows["reminders"].get("posted", 0))
        yield sent
        notices = GaugeMetricFamily(
            "motebot_notices",
            "The secretariat's notices (vara asks, «Kommer du?») by state",
            labels=["state"],
        )
        for state, count in sorted(rows["notices"].items()):
            notices.add_metric([state], count)
        yield notices
        steps = GaugeMetricFamily(
            "motebot_vara_chain_steps",
            "Vara chain steps: called, accepted, declined, timed out",
            labels=["step"],
        )
        steps.add_metric(["called"], sum(rows["vara"].values()))
        for state, step in VARA_STEPS.items():
            steps.add_metric([step], rows["vara"].get(state, 0))
        yield steps


def install() -> None:
    """Hook the counters in (once per process, however many apps are built)."""
    if observe not in registry.OBSERVERS:
        registry.OBSERVERS.append(observe)
    root = logging.getLogger()
    if not any(h.get_name() == "motebot-metrics" for h in root.handlers):
        root.addHandler(ErrorCounter())


def collector_registry(engine: Engine) -> CollectorRegistry:
    """The process's counters, its CPU and memory, and the database's figures."""
    found = CollectorRegistry(auto_describe=True)
    for metric in (COMMANDS, ANSWER_SECONDS, ERRORS, RECOVERED):
        found.register(metric)
    found.register(ProcessCollector(registry=None))
    found.register(StoreCollector(engine))
    return found


def metrics_part(app_ctx: App) -> Part:
    """/metrics in Prometheus' text format."""
    install()
    found = collector_registry(app_ctx.engine)

    async def metrics(_request: Request) -> Response:
        return Response(await run_in_threadpool(generate_latest, found), media_type=CONTENT_TYPE_LATEST)

    return Part("metrics", routes=[Route("/metrics", metrics, methods=["GET"])])
