"""Settings from the environment: values an operator may leave empty do not stop start-up."""

from __future__ import annotations

import pytest

from bot.config import Settings


@pytest.mark.parametrize(("raw", "expected"), [("", False), ("  ", False), ("true", True), ("false", False)])
def test_teams_allow_anonymous_empty_means_off(
    monkeypatch: pytest.MonkeyPatch, raw: str, expected: bool
) -> None:
    monkeypatch.setenv("TEAMS_ALLOW_ANONYMOUS", raw)
    assert Settings(_env_file=None).teams_allow_anonymous is expected  # type: ignore[call-arg]


def test_teams_allow_anonymous_nonsense_is_still_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TEAMS_ALLOW_ANONYMOUS", "kanskje")
    with pytest.raises(ValueError):
        Settings(_env_file=None)  # type: ignore[call-arg]
