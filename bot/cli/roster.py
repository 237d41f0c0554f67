"""The roster CSV of `motebot members import`: name, email, role, bodies (organisation optional)."""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass

from sqlalchemy.orm import Session

from bot.cli import texts as cli_texts
from storage import directory, people
from storage.models import Body

ROLES = {
    "member": "member",
    "medlem": "member",
    "chair": "chair",
    "leder": "chair",
    "møteleder": "chair",
    "secretariat": "secretariat",
    "sekretariat": "secretariat",
    "sekretariatet": "secretariat",
}
REQUIRED = ("name", "email", "role", "bodies")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


@dataclass(frozen=True)
class RosterRow:
    name: str
    email: str | None
    role: str
    bodies: tuple[Body, ...]
    org: str | None


def read_roster(session: Session, content: str) -> tuple[list[RosterRow], list[tuple[int, str]]]:
    """The rows, and (line, problem) for every row that cannot be imported as written."""
    reader = csv.DictReader(io.StringIO(content))
    header = [h.strip().lower() for h in reader.fieldnames or []]
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        return [], [(1, cli_texts.MEMBERS_MISSING_COLUMNS.format(columns=", ".join(missing)))]
    reader.fieldnames = header
    rows: list[RosterRow] = []
    problems: list[tuple[int, str]] = []
    emails: dict[str, int] = {}
    for raw in reader:
        line = reader.line_num
        row = {k: (v or "").strip() for k, v in raw.items() if k is not None}
        name = " ".join(row["name"].split())
        email = row["email"].lower() or None
        role = ROLES.get(row["role"].lower() or "member")
        body_names = [b.strip() for b in re.split(r"[;|,]", row["bodies"]) if b.strip()]
        bodies = [people.body_by_name(session, name=b) for b in body_names]
        found = [b for b in bodies if b is not None]
        if not name:
            problems.append((line, cli_texts.MEMBERS_NO_NAME))
            continue
        if email and not _EMAIL.match(email):
            problems.append((line, cli_texts.MEMBERS_BAD_EMAIL.format(email=email)))
        if email and email in emails:
            problems.append(
                (line, cli_texts.MEMBERS_DUPLICATE_EMAIL.format(email=email, other=emails[email]))
            )
        if email:
            emails[email] = line
            owner = directory.person_by_email(session, email=email)
            if owner is not None and owner.name.lower() != name.lower():
                problems.append((line, cli_texts.MEMBERS_EMAIL_TAKEN.format(email=email, name=owner.name)))
        if role is None:
            problems.append((line, cli_texts.MEMBERS_BAD_ROLE.format(role=row["role"])))
        for wanted, body in zip(body_names, bodies, strict=True):
            if body is None:
                problems.append((line, cli_texts.MEMBERS_UNKNOWN_BODY.format(body=wanted)))
        org = row.get("organisation") or row.get("organisasjon") or None
        rows.append(RosterRow(name, email, role or "member", tuple(found), org))
    return rows, problems
