"""`motebot bodies list|add|alias|rename|merge`: the secretariat's hand on the bodies (organer)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

import typer
from sqlalchemy.orm import Session

from bot import ingest_texts as T
from bot.app import build_app
from bot.config import load_settings
from storage import bodies as store
from storage.db import session_factory, unit_of_work
from storage.models import Body

bodies = typer.Typer(
    help="Organene: list, legg til, gi kortnavn, gi nytt navn, slå sammen.", no_args_is_help=True
)


@contextmanager
def _session() -> Iterator[Session]:
    app = build_app(load_settings())
    try:
        with unit_of_work(session_factory(app.engine)) as session:
            yield session
    finally:
        app.engine.dispose()


def _fail(message: str) -> None:
    typer.echo(message, err=True)
    raise typer.Exit(1)


def _body(session: Session, name: str) -> Body:
    found = store.find_body(session, name=name)
    if found is None:
        known = ", ".join(b.name for b in store.all_bodies(session)) or "–"
        _fail(f"{T.BODIES_UNKNOWN.format(name=name)} {T.BODIES_KNOWN.format(names=known)}")
        raise AssertionError  # unreachable: _fail raises
    return found


def _guarded(action: Callable[[Session], str]) -> None:
    """Run one change in one transaction; a conflict is printed in Norwegian and changes nothing."""
    try:
        with _session() as session:
            message = action(session)
    except store.BodyConflict as exc:
        _fail(T.BODIES_CONFLICTS.get(exc.code, exc.code).format(detail=exc.detail))
        return
    typer.echo(message)


def line(body: Body) -> str:
    """«Regionrådet Nordhordland (også: NRR, regionrådet)»."""
    aliases = sorted((a.alias for a in body.aliases), key=str.casefold)
    if not aliases:
        return T.BODIES_LINE.format(name=body.name)
    return T.BODIES_LINE_ALIASES.format(name=body.name, aliases=", ".join(aliases))


@bodies.command("list")
def list_command() -> None:
    """Vis alle organer med kortnavn."""
    with _session() as session:
        rows = [line(b) for b in store.all_bodies(session)]
    typer.echo("\n".join(rows) if rows else T.BODIES_NONE)


@bodies.command("add")
def add_command(
    name: str = typer.Argument(..., help="Organets fulle navn."),
    alias: list[str] = typer.Option([], "--alias", "-a", help="Et kortnavn (kan gjentas)."),
) -> None:
    """Legg til et organ (kortnavn lages også av navnet)."""
    if not name.strip():
        _fail(T.BODIES_EMPTY_NAME)

    def action(session: Session) -> str:
        found = store.ensure_body(session, name=name, aliases=alias)
        if not found.created:
            return T.BODIES_EXISTS.format(name=found.name)
        body = session.get(Body, found.id)
        assert body is not None
        aliases = sorted((a.alias for a in body.aliases), key=str.casefold)
        if aliases:
            return T.BODIES_ADDED_ALIASES.format(name=body.name, aliases=", ".join(aliases))
        return T.BODIES_ADDED.format(name=body.name)

    _guarded(action)


@bodies.command("alias")
def alias_command(
    body: str = typer.Argument(..., help="Organet (navn eller kortnavn)."),
    alias: str = typer.Argument(..., help="Det nye kortnavnet."),
) -> None:
    """Gi et organ et kortnavn til («regionrådet», «NRR»)."""
    if not alias.strip():
        _fail(T.BODIES_EMPTY_NAME)

    def action(session: Session) -> str:
        found = _body(session, body)
        if not store.add_alias(session, body=found, alias=alias):
            return T.BODIES_ALIAS_SAME.format(alias=alias, name=found.name)
        return T.BODIES_ALIAS_ADDED.format(name=found.name, alias=" ".join(alias.split()))

    _guarded(action)


@bodies.command("rename")
def rename_command(
    body: str = typer.Argument(..., help="Organet (navn eller kortnavn)."),
    name: str = typer.Argument(..., help="Det nye navnet."),
) -> None:
    """Gi et organ nytt navn; det gamle gjelder videre som kortnavn."""
    if not name.strip():
        _fail(T.BODIES_EMPTY_NAME)

    def action(session: Session) -> str:
        found = _body(session, body)
        old = found.name
        store.rename_body(session, body=found, name=name)
        return T.BODIES_RENAMED.format(old=old, new=found.name)

    _guarded(action)


@bodies.command("merge")
def merge_command(
    keep: str = typer.Argument(..., help="Organet som beholdes."),
    gone: str = typer.Argument(..., help="Organet som slås inn i det første."),
) -> None:
    """Slå to organer sammen (samme organ lest inn under to navn)."""

    def action(session: Session) -> str:
        kept, merged = _body(session, keep), _body(session, gone)
        gone_name = merged.name
        store.merge_bodies(session, keep=kept, gone=merged)
        return T.BODIES_MERGED.format(gone=gone_name, keep=kept.name)

    _guarded(action)


def register(app: typer.Typer) -> None:
    """Add `bodies` to the command line."""
    app.add_typer(bodies, name="bodies")
