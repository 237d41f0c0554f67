"""Hypothesis strategies for what members (and attackers) send: commands, dates, numbers, noise."""

from __future__ import annotations

from hypothesis import strategies as st

from handlers.registry import COMMANDS
from handlers.types import Invocation

WORDS = (
    "forfall", "neste møte", "møteplan", "saker", "vedtak", "sak", "hjelp", "mine forfall",
    "trekk forfall", "jeg er", "koblinger", "bekreft-kobling", "mer", "pga", "møter for meg",
    "Styringsgruppen", "Rådmannsgruppen", "Kari Nordmann", "i morgen", "neste uke", "desember",
)  # fmt: skip

_HUGE = st.sampled_from(["0", "-1", "2147483648", "99999999999999999999", "1e9", "9" * 40, "007"])
_NUMBER = st.one_of(st.integers(min_value=-5, max_value=40_000).map(str), _HUGE)
_DATE = st.one_of(
    st.builds(lambda d, m: f"{d}.{m}", _NUMBER, _NUMBER),
    st.builds(lambda d, m, y: f"{d}.{m}.{y}", _NUMBER, _NUMBER, _NUMBER),
    st.builds(lambda d, m: f"{d}. {m}", _NUMBER, st.sampled_from(["januar", "mars", "des", "foo"])),
    st.builds(lambda n, y: f"{n}/{y}", _NUMBER, _NUMBER),
)
_VALUE = st.one_of(
    st.builds(lambda m: f"meeting:{m}", _NUMBER),
    st.builds(lambda m, p: f"meeting:{m} person:{p}", _NUMBER, _NUMBER),
    st.builds(lambda m, g: f"meeting:{m} grunn:{g}", _NUMBER, st.text(max_size=20)),
    st.builds(lambda n: f"sok:{n}", _NUMBER),
)
_CONTROLS = st.sampled_from("\x00\x1b\r\n\t\u202e\ud800")
_NOISE = st.text(alphabet=st.characters(codec="utf-8") | _CONTROLS, max_size=40)
_PIECE = st.one_of(st.sampled_from(WORDS), _NUMBER, _DATE, _VALUE, _NOISE)
TEXT = st.lists(_PIECE, max_size=8).map(" ".join)
COMMAND = st.one_of(st.none(), st.sampled_from([c.word for c in COMMANDS]), st.text(max_size=12))
USERS = st.sampled_from(["Per Kierulf", "Kjersti Bærug Hulbakk", "Ukjent Person", "U0FUZZ", ""])


@st.composite
def invocations(draw: st.DrawFn) -> Invocation:
    """A console invocation: some text, maybe a command word or a button value, from some user."""
    command = draw(COMMAND)
    text = draw(st.one_of(TEXT, _VALUE)) if command else draw(TEXT)
    return Invocation(platform="console", user_id=draw(USERS), text=text, command=command)
