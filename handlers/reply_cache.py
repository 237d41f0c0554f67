"""Answers to the read commands kept per process, stamped with the database's read generation.

«neste møte», «møteplan» and «saker» are made only from the database, the asker, the words given
and the members' local day; what they read changes only when something is written (an import, a
forfall, a vara answer, a roster change). So an answer is kept under (generation, command, words,
asker, day) and given again while the generation stands. The generation is read first in the
command's own transaction (storage/read_model.py bumps it in every writer's transaction), so a
process never serves an answer older than a write any process has committed.
"""

from __future__ import annotations

import threading
import weakref
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from handlers.types import Reply, Request
from storage import read_model

CACHED = frozenset({"neste-møte", "møteplan", "saker"})
SIZE = 4096  # answers kept; the oldest used goes first


class ReplyCache:
    """A small thread-safe LRU of answers."""

    def __init__(self, size: int = SIZE) -> None:
        self._size = size
        self._data: OrderedDict[Hashable, Reply] = OrderedDict()
        self._lock = threading.Lock()
        self.hits = self.misses = 0

    def get(self, key: Hashable) -> Reply | None:
        with self._lock:
            reply = self._data.get(key)
            if reply is None:
                self.misses += 1
                return None
            self._data.move_to_end(key)
            self.hits += 1
            return reply

    def put(self, key: Hashable, reply: Reply) -> None:
        with self._lock:
            self._data[key] = reply
            self._data.move_to_end(key)
            while len(self._data) > self._size:
                self._data.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._data.clear()


# One cache per database engine: a process (a test run, a bench) may talk to several databases.
_CACHES: weakref.WeakKeyDictionary[Engine, ReplyCache] = weakref.WeakKeyDictionary()
_CACHES_LOCK = threading.Lock()


def cache_of(engine: Engine) -> ReplyCache:
    """The answers kept for this database."""
    with _CACHES_LOCK:
        cache = _CACHES.get(engine)
        if cache is None:
            cache = _CACHES[engine] = ReplyCache()
        return cache


@dataclass(frozen=True)
class Stamp:
    """Where and at which generation an answer may be kept or found."""

    cache: ReplyCache
    generation: int
    word: str


def stamp(session: Session, word: str) -> Stamp | None:
    """For a cached command, the generation read first in its transaction; else None."""
    if word not in CACHED:
        return None
    generation = read_model.generation(session)
    if generation is None:
        return None
    return Stamp(cache_of(session.get_bind().engine), generation, word)


def answer(stamped: Stamp | None, req: Request, tz: ZoneInfo, make: Callable[[], Reply]) -> Reply:
    """The kept answer for this stamp, request and day, or `make()` (kept when it is an answer)."""
    if stamped is None:
        return make()
    day = req.now.astimezone(tz).date()
    words = " ".join(req.args.split())
    key = (stamped.generation, stamped.word, req.invocation.platform, words, req.asker, day)
    reply = stamped.cache.get(key)
    if reply is None:
        reply = make()  # a typed refusal raises and is not kept
        stamped.cache.put(key, reply)
    return reply
