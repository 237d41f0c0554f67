"""The edge of the message path: control characters out, long messages cut, ids in range."""

from __future__ import annotations

import pytest

from handlers.edges import MAX_MESSAGE_CHARS, parse_id
from handlers.types import Invocation


def test_control_characters_and_lone_surrogates_are_cleaned_where_an_invocation_is_made() -> None:
    inv = Invocation(
        platform="slack",
        user_id="U1\x00",
        text="neste\x00 møte\x1b[31m\r\nfor\u0085meg\ud800 \t!",
        channel_id="C\x07X",
        email="kari\x00@example.no",
    )
    assert inv.text == "neste møte[31m\nfor\nmeg \t!"
    assert (inv.user_id, inv.channel_id, inv.email) == ("U1", "CX", "kari@example.no")
    assert not inv.cut
    inv.text.encode("utf-8")  # a lone surrogate would raise here


def test_a_long_message_is_cut_and_marked() -> None:
    inv = Invocation(platform="teams", user_id="u", text="forfall 7.12 " * 10_000)
    assert inv.cut and len(inv.text) <= MAX_MESSAGE_CHARS
    short = Invocation(platform="teams", user_id="u", text="x" * MAX_MESSAGE_CHARS)
    assert not short.cut and len(short.text) == MAX_MESSAGE_CHARS


@pytest.mark.parametrize(
    ("digits", "expected"),
    [("12", 12), ("2147483647", 2147483647), ("2147483648", None), ("99999999999999999999", None),
     ("0", None), ("", None), ("1e9", None), ("١٢", None)],
)  # fmt: skip
def test_ids_out_of_range_are_none(digits: str, expected: int | None) -> None:
    assert parse_id(digits) == expected
