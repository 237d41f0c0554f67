"""Hypothesis strategies for what members (and attackers) send: commands, dates, numbers, noise."""

from __future__ import annotations

from hypothesis import strategies as st

from handlers.registry import COMMANDS
from handlers.types import Invocation

WORDS = (
    "forfall", "neste møte", "møteplan", "saker", "vedtak", "sak", "hjelp", "mine forfall",
    "trekk forfall", "jeg er", "koblinger", "bekreft-kobling", "mer", "pga", "møter for meg",
    "Styringsgruppen", "Rådmannsgruppen", "Kari Nordmann", "i morgen", "neste uke", "desember",
    "hvem kommer", "inhabil", "oppsummering", "publiser", "påminnelser", "nytt møte", "flytt møte",
    "avlys møte", "kommer", "ja", "nei", "kl.", "kl 25.61", "Per Kierulf", "Kjersti Bærug Hulbakk",
    "vara er varsla", "kan ikke komme", "får ikkje kome", "hva ble vedtatt i sak", "når er neste møte?",
    "torsdag", "første torsdag i", "om 99999 dager", "siste fredag i mai", "i overmorgen",
)  # fmt: skip

_HUGE = st.sampled_from(
    ["0", "-1", "2147483648", "9223372036854775808", "99999999999999999999", "1e9", "9" * 40, "007",
     "10000", "99999", "٣", "²", "0x10", "1_000"]
)  # fmt: skip
_NUMBER = st.one_of(st.integers(min_value=-5, max_value=40_000).map(str), _HUGE)
_MONTH = st.sampled_from(["januar", "mars", "des", "foo", "Desember", "mai", "oktober"])
_DATE = st.one_of(
    st.builds(lambda d, m: f"{d}.{m}", _NUMBER, _NUMBER),
    st.builds(lambda d, m, y: f"{d}.{m}.{y}", _NUMBER, _NUMBER, _NUMBER),
    st.builds(lambda d, m: f"{d}. {m}", _NUMBER, _MONTH),
    st.builds(lambda d, m, y: f"{d}. {m} {y}", _NUMBER, _MONTH, _NUMBER),
    st.builds(lambda y, m, d: f"{y}-{m}-{d}", _NUMBER, _NUMBER, _NUMBER),
    st.builds(lambda n, y: f"{n}/{y}", _NUMBER, _NUMBER),
    st.dates().map(lambda d: f"{d.day}.{d.month}.{d.year}"),
)
_ID = st.one_of(_NUMBER, st.builds(lambda a, b: f"{a},{b}", _NUMBER, _NUMBER))
_VALUE = st.one_of(
    st.builds(lambda m: f"meeting:{m}", _NUMBER),
    st.builds(lambda m, p: f"meeting:{m} person:{p}", _NUMBER, _NUMBER),
    st.builds(lambda m, g: f"meeting:{m} grunn:{g}", _NUMBER, st.text(max_size=20)),
    st.builds(lambda m: f"meetings:{m}", _ID),
    st.builds(lambda s, m: f"sak:{s} meeting:{m}", _NUMBER, _NUMBER),
    st.builds(lambda n, a: f"request:{n}{a}", _NUMBER, st.sampled_from(["", ":ja", ":nei", ":x"])),
    st.builds(lambda n: f"sok:{n}", _NUMBER),
    st.builds(lambda n, q: f"{n}|{q}", _NUMBER, st.sampled_from(["kunst", "", "|", "x" * 300])),
    st.builds(lambda m, d: f"{m}|{d}", _NUMBER, _DATE),
    st.builds(lambda d, h: f"document:{d}:{h}", _NUMBER, st.text("0123456789abcdef", max_size=20)),
    st.builds(lambda h, m: f"{h}:{m}", _NUMBER, _NUMBER),
)
_CONTROLS = st.sampled_from("\x00\x1b\r\n\t\u202e\ud800\x85\u2028\ufeff\uffff\x7f\x9f")
_SCRIPTS = st.sampled_from(
    ["Ærlig", "Øyvind", "Åse", "Ŋ", "Дмитрий", "محمد", "李雷", "🙂", "e\u0301", "ﬁ", "İ"]
)
_NOISE = st.text(alphabet=st.characters(codec="utf-8") | _CONTROLS, max_size=40)
_PIECE = st.one_of(st.sampled_from(WORDS), _NUMBER, _DATE, _VALUE, _NOISE, _SCRIPTS)
_SHORT = st.lists(_PIECE, max_size=8).map(" ".join)
# Past edges.MAX_MESSAGE_CHARS: one piece repeated, or a sentence followed by padding.
_LONG = st.one_of(
    st.builds(lambda piece, n: (piece + " ") * n, _PIECE, st.integers(min_value=100, max_value=3_000)),
    st.builds(
        lambda head, pad: head + " " + "x" * pad, _SHORT, st.integers(min_value=3_990, max_value=5_000)
    ),
)
TEXT = st.one_of(_SHORT, _SHORT, _SHORT, _LONG)
COMMAND = st.one_of(st.none(), st.sampled_from([c.word for c in COMMANDS]), st.text(max_size=12))
# A member of both bodies, one of one body, the secretariat (of the seeds), nobody, and no name.
USERS = st.sampled_from(["Per Kierulf", "Kjersti Bærug Hulbakk", "Trude Andresen", "Nina Solberg",
                         "Ukjent Person", "U0FUZZ", ""])  # fmt: skip


@st.composite
def invocations(draw: st.DrawFn) -> Invocation:
    """A console invocation: a plain message, or a command word with text or a button value."""
    command = draw(st.one_of(st.none(), COMMAND))
    text = draw(st.one_of(TEXT, _VALUE)) if command else draw(TEXT)
    return Invocation(platform="console", user_id=draw(USERS), text=text, command=command)
