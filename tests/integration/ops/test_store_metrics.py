"""The figures /metrics reads from the database at each scrape: the vara chain's steps and the
notices, as the chain moves (SQLite and PostgreSQL)."""

from __future__ import annotations

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from bot.metrics import StoreCollector
from storage.db import make_engine
from tests.integration.secretariat.test_chain import _ask_value
from tests.integration.secretariat.world import build


def _figures(engine: Engine) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    return {
        (s.name, tuple(sorted(s.labels.items()))): s.value
        for family in StoreCollector(engine).collect()
        for s in family.samples
    }


def _step(figures: dict[tuple[str, tuple[tuple[str, str], ...]], float], step: str) -> float:
    return figures[("motebot_vara_chain_steps", (("step", step),))]


def test_vara_steps_follow_the_chain(engine: Engine, db: sessionmaker[Session]) -> None:
    small = build(db)
    assert _step(_figures(engine), "called") == 0
    small.say("Per Kierulf", "forfall 7.12 pga sykdom")
    assert small.requests() == [("Per Kierulf", "Vera Vik", "asked")]
    figures = _figures(engine)
    assert (_step(figures, "called"), _step(figures, "accepted"), _step(figures, "declined")) == (1, 0, 0)
    assert figures[("motebot_notices", (("state", "pending"),))] == 1  # the ask, not sent yet
    assert figures[("motebot_reminders_sent", ())] == 0

    small.say("Vera Vik", f"{_ask_value(small, 'Vera Vik')}:nei", command="vara-svar")
    figures = _figures(engine)
    asked = len(small.requests())
    assert _step(figures, "declined") == 1 and _step(figures, "called") == asked >= 1
    assert _step(figures, "accepted") == 0 and _step(figures, "timed_out") == 0


def test_an_unreachable_database_gives_no_figures_and_no_error() -> None:
    gone = make_engine("postgresql+psycopg://postgres@127.0.0.1:1/none?connect_timeout=2")
    assert list(StoreCollector(gone).collect()) == []
