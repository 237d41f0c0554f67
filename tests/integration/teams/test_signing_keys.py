"""Signing keys fetched once and cached: forged tokens with unknown key ids never hold up real ones."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest

from bot.teams.auth import BOT_FRAMEWORK_ISSUER, SigningKeys, TokenValidator
from tests.integration.teams import activities as act
from tests.integration.teams.conftest import TeamsClient
from tests.integration.teams.keys import APP_ID, KeyServer, new_key, public_jwk, token
from tests.integration.teams.standin import serve

# One fetch from the key endpoint takes this long; what must not wait for it takes under half.
# (Generous: the machine running the tests may be loaded; queuing would take 5 × SLOW and more.)
SLOW = 3.0
REAL = new_key()
FORGER = new_key()


@pytest.fixture(autouse=True)
def _own_token(monkeypatch: pytest.MonkeyPatch) -> None:
    """The bot's own outgoing token would come from Entra (on the internet): a fixed one instead."""
    from microsoft_agents.authentication.msal import MsalAuth

    async def fixed(self: object, resource_url: str, scopes: list[str], force_refresh: bool = False) -> str:
        return "bot-token"

    monkeypatch.setattr(MsalAuth, "get_access_token", fixed)


@pytest.fixture(scope="module")
def key_server() -> Iterator[tuple[KeyServer, str]]:
    server = KeyServer(keys=[public_jwk(REAL, "real-1")])
    with serve(server.app()) as url:
        yield server, f"{url}/keys"


def _signed_teams(
    make_teams: Callable[..., TeamsClient], url: str, clock: Callable[[], float] = time.monotonic
) -> tuple[TeamsClient, SigningKeys]:
    keys = SigningKeys(url, monotonic=clock)
    validator = TokenValidator(APP_ID, {BOT_FRAMEWORK_ISSUER: keys})
    teams = make_teams(
        teams_app_id=APP_ID, teams_app_password="s3cret", teams_allow_anonymous=False, validator=validator
    )
    return teams, keys


def _timed_post(teams: TeamsClient, bearer: str) -> tuple[int, float]:
    """Post; the status and how long the acknowledgement took (the answer is made after it)."""
    started = time.monotonic()
    response = httpx.post(
        f"{teams.url}/api/messages",
        json=act.personal_message(teams.connector.url, "hjelp"),
        headers={"Authorization": f"Bearer {bearer}"},
        timeout=20,
    )
    took = time.monotonic() - started
    _answered(teams)
    return response.status_code, took


def _answered(teams: TeamsClient) -> None:
    deadline = time.monotonic() + 20
    while teams.bot is not None and teams.bot.deliveries.busy:
        assert time.monotonic() < deadline
        time.sleep(0.005)


def test_forged_key_ids_do_not_queue_a_real_token_behind_them(
    make_teams: Callable[..., TeamsClient], key_server: tuple[KeyServer, str]
) -> None:
    server, url = key_server
    server.fetches = 0
    server.delay = SLOW  # a far-away key endpoint
    clock = [time.monotonic()]
    teams, keys = _signed_teams(make_teams, url, clock=lambda: clock[0])
    real = token(REAL, "real-1", service_url=teams.connector.url)

    # The first request fetches the keys (one slow fetch); later ones are verified from the cache.
    assert _timed_post(teams, real)[0] == 202
    assert server.fetches == 1
    teams.connector.sent.clear()
    clock[0] += 301  # the set is fresh (max-age 3600) but old enough for one refetch of unknown ids

    # Five forged tokens with unknown key ids at once, and one real token among them.
    forged = [token(FORGER, f"forged-{i}", service_url=teams.connector.url) for i in range(5)]
    with ThreadPoolExecutor(max_workers=6) as pool:
        forged_runs = [pool.submit(_timed_post, teams, f) for f in forged]
        time.sleep(0.05)  # the forged ones are in first
        real_status, real_seconds = pool.submit(_timed_post, teams, real).result()
        forged_results = [f.result() for f in forged_runs]

    assert real_status == 202
    assert real_seconds < SLOW / 2, f"the real token waited {real_seconds:.2f} s"
    assert [status for status, _ in forged_results] == [401] * 5
    # One refetch for all five, never one after another (5 × SLOW): the first forged
    # token waits for it, the other four are refused at once.
    assert max(seconds for _, seconds in forged_results) < 2 * SLOW
    assert sorted(seconds for _, seconds in forged_results)[3] < SLOW / 2
    assert server.fetches == 2
    assert len(teams.connector.sent) == 1  # the real one was answered; no forged one was

    # More forged key ids within the refetch interval are refused at once, without a fetch.
    before = server.fetches
    status, seconds = _timed_post(teams, token(FORGER, "forged-late", service_url=teams.connector.url))
    assert (status, server.fetches) == (401, before)
    assert seconds < SLOW / 2
    server.delay = 1.0
    assert keys.fetches == server.fetches


def test_a_real_token_does_not_wait_for_the_renewal_of_an_expired_key_set(
    make_teams: Callable[..., TeamsClient], key_server: tuple[KeyServer, str]
) -> None:
    server, url = key_server
    server.fetches = 0
    clock = [time.monotonic()]
    teams, _keys = _signed_teams(make_teams, url, clock=lambda: clock[0])
    real = token(REAL, "real-1", service_url=teams.connector.url)
    assert _timed_post(teams, real)[0] == 202
    clock[0] += 3601  # past the key set's max-age (3600 s)
    server.delay = SLOW  # and the key endpoint is slow today
    try:
        with ThreadPoolExecutor(max_workers=3) as pool:
            runs = [pool.submit(_timed_post, teams, real) for _ in range(3)]
            results = [r.result() for r in runs]
        assert [status for status, _ in results] == [202] * 3
        assert max(seconds for _, seconds in results) < SLOW / 2, results  # the cached key, at once
        time.sleep(SLOW + 0.5)
        assert server.fetches == 2  # one renewal, made beside the requests
    finally:
        server.delay = 1.0


def test_a_token_for_another_app_or_a_wrong_service_url_is_refused(
    make_teams: Callable[..., TeamsClient], key_server: tuple[KeyServer, str]
) -> None:
    _server, url = key_server
    teams, _keys = _signed_teams(make_teams, url)
    other_app = token(
        REAL, "real-1", service_url=teams.connector.url, audience="99999999-1111-2222-3333-444444444444"
    )
    elsewhere = token(REAL, "real-1", service_url="https://smba.trafficmanager.net/emea/")
    expired = token(REAL, "real-1", service_url=teams.connector.url, exp=int(time.time()) - 3600)
    for bearer in (other_app, elsewhere, expired):
        assert _timed_post(teams, bearer)[0] == 401
    assert teams.connector.sent == []
    assert _timed_post(teams, token(REAL, "real-1", service_url=teams.connector.url))[0] == 202


def test_keys_are_kept_for_their_lifetime_and_renewed_beside_requests(
    key_server: tuple[KeyServer, str],
) -> None:
    import asyncio

    server, url = key_server
    clock = [1000.0]
    keys = SigningKeys(url, monotonic=lambda: clock[0])

    async def run() -> None:
        assert await keys.get("real-1") is not None  # fetched once (max-age=3600)
        assert keys.fetches == 1
        clock[0] += 3000
        assert await keys.get("real-1") is not None  # still fresh: no fetch
        assert keys.fetches == 1
        clock[0] += 700  # past max-age: the known key is used at once, a refresh runs beside
        started = time.monotonic()
        assert await keys.get("real-1") is not None
        assert time.monotonic() - started < 0.5  # did not wait for the 1 s fetch
        await asyncio.sleep(server.delay + 0.3)
        assert keys.fetches == 2

    asyncio.run(run())


def test_lifetime_follows_cache_control() -> None:
    from bot.teams.auth import DEFAULT_LIFETIME, lifetime

    assert lifetime("public, max-age=86400") == 86400
    assert lifetime("max-age=7200, must-revalidate") == 7200
    assert lifetime(None) == DEFAULT_LIFETIME == 24 * 3600
    assert lifetime("no-cache") == DEFAULT_LIFETIME
    assert lifetime("max-age=0") == 60  # never a fetch per request


def test_while_the_key_endpoint_is_down_it_is_asked_at_most_every_few_seconds() -> None:
    import asyncio

    clock = [0.0]
    keys = SigningKeys("http://127.0.0.1:9/keys", monotonic=lambda: clock[0], timeout=0.5)  # nothing listens

    async def run() -> None:
        assert await keys.get("any") is None  # one failed fetch
        results = await asyncio.gather(*(keys.get(f"k{i}") for i in range(5)))
        assert results == [None] * 5 and keys.fetches == 1  # not asked again per request
        clock[0] += 11
        assert await keys.get("any") is None and keys.fetches == 2

    asyncio.run(run())
