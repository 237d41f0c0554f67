"""The roster CSV of `motebot members import` (docs/secretariat.md): who sits where, and the vara.

Columns (a header line; English or Norwegian names): name, email, role, bodies, and optionally
group (the municipality or list the seat is for), vara_order (a vara's place in that group) and
organisation. Every row is checked before anything is written.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass

from sqlalchemy.orm import Session

from bot import roster_texts as cli_texts
from handlers import vara_texts as stexts
from storage import bodies as body_store
from storage import directory, people
from storage.models import Body

ROLES = {
    "member": "member",
    "medlem": "member",
    "chair": "chair",
    "leder": "chair",
    "møteleder": "chair",
    "vice_chair": "vice_chair",
    "nestleder": "vice_chair",
    "vara": "vara",
    "varamedlem": "vara",
    "secretariat": "secretariat",
    "sekretariat": "secretariat",
    "sekretariatet": "secretariat",
}
# Header names: each column's English name and the Norwegian ones it may be written with.
COLUMNS = {
    "name": ("name", "navn"),
    "email": ("email", "e-post", "epost"),
    "role": ("role", "rolle"),
    "bodies": ("bodies", "body", "organ", "organer"),
    "group": ("group", "gruppe", "kommune", "liste"),
    "vara_order": ("vara_order", "varanummer", "rekkefølge", "nr"),
    "organisation": ("organisation", "organisasjon"),
}
REQUIRED = ("name", "email", "role", "bodies")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


@dataclass(frozen=True)
class RosterRow:
    name: str
    email: str | None
    role: str
    body_names: tuple[str, ...]
    org: str | None
    group: str | None = None
    vara_order: int | None = None


def _canonical(header: str) -> str:
    wanted = header.strip().lower()
    return next((c for c, names in COLUMNS.items() if wanted in names), wanted)


def read_roster(
    session: Session, content: str, *, create_bodies: bool = False
) -> tuple[list[RosterRow], list[tuple[int, str]]]:
    """The rows, and (line, problem) for every row that cannot be imported as written."""
    reader = csv.DictReader(io.StringIO(content))
    header = [_canonical(h) for h in reader.fieldnames or []]
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        return [], [(1, cli_texts.MEMBERS_MISSING_COLUMNS.format(columns=", ".join(missing)))]
    reader.fieldnames = header
    rows: list[RosterRow] = []
    problems: list[tuple[int, str]] = []
    emails: dict[str, int] = {}
    orders: dict[tuple[str, str, int | None], int] = {}
    for raw in reader:
        line = reader.line_num
        row = {k: (v or "").strip() for k, v in raw.items() if k is not None and isinstance(v, str | None)}
        found = _check(session, row, line, problems, emails, create_bodies=create_bodies)
        if found is None:
            continue
        for body in found.body_names if found.role == "vara" and found.vara_order is not None else ():
            key = (body.lower(), (found.group or "").lower(), found.vara_order)
            if key in orders:
                problems.append(
                    (
                        line,
                        stexts.ROSTER_DUPLICATE_ORDER.format(
                            order=found.vara_order, group=found.group, body=body, other=orders[key]
                        ),
                    )
                )
            orders[key] = line
        rows.append(found)
    return rows, problems


def _check(
    session: Session,
    row: dict[str, str],
    line: int,
    problems: list[tuple[int, str]],
    emails: dict[str, int],
    *,
    create_bodies: bool,
) -> RosterRow | None:
    """One row checked; its problems appended; None when it has no name at all."""
    name = " ".join(row.get("name", "").split())
    if not name:
        problems.append((line, cli_texts.MEMBERS_NO_NAME))
        return None
    email = row.get("email", "").lower() or None
    role = ROLES.get(row.get("role", "").lower() or "member")
    body_names = tuple(b.strip() for b in re.split(r"[;|,]", row.get("bodies", "")) if b.strip())
    if email and not _EMAIL.match(email):
        problems.append((line, cli_texts.MEMBERS_BAD_EMAIL.format(email=email)))
    if email and email in emails:
        problems.append((line, cli_texts.MEMBERS_DUPLICATE_EMAIL.format(email=email, other=emails[email])))
    if email:
        emails[email] = line
        owner = directory.person_by_email(session, email=email)
        if owner is not None and owner.name.lower() != name.lower():
            problems.append((line, cli_texts.MEMBERS_EMAIL_TAKEN.format(email=email, name=owner.name)))
    if role is None:
        problems.append((line, stexts.ROSTER_BAD_ROLE.format(role=row.get("role", ""))))
    if not body_names:
        problems.append((line, stexts.ROSTER_NO_BODY))
    for wanted in body_names:
        if not create_bodies and body_store.find_body(session, name=wanted) is None:
            problems.append((line, stexts.ROSTER_UNKNOWN_BODY.format(body=wanted)))
    group = " ".join(row.get("group", "").split()) or None
    order_text = row.get("vara_order", "")
    order: int | None = None
    if order_text:
        if not order_text.isdigit() or int(order_text) < 1:
            problems.append((line, stexts.ROSTER_BAD_ORDER.format(order=order_text)))
        else:
            order = int(order_text)
    if role == "vara" and (group is None or order is None):
        problems.append((line, stexts.ROSTER_VARA_NEEDS))
    if role not in (None, "vara") and order is not None:
        problems.append((line, stexts.ROSTER_ORDER_NOT_VARA))
    org = row.get("organisation") or None
    return RosterRow(name, email, role or "member", body_names, org, group, order)


def import_roster(session: Session, rows: list[RosterRow]) -> int:
    """Write checked rows: people, e-mail, and a membership per body (created when asked)."""
    for row in rows:
        ensured = [body_store.ensure_body(session, name=n) for n in row.body_names]
        bodies = [b for b in (session.get(Body, e.id) for e in ensured) if b is not None]
        people.upsert_roster_person(
            session,
            name=row.name,
            email=row.email,
            role=row.role,
            bodies=bodies,
            organisation=row.org,
            seat_group=row.group,
            vara_order=row.vara_order,
        )
    return len(rows)
