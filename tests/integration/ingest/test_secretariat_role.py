"""A secretary stays secretariat whatever the minutes call them, in any import order."""

from __future__ import annotations

from itertools import permutations
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from storage.models import Body, Membership, Person
from tests.integration.ingest.helpers import load

# Two invented meetings of an invented council: in the first the secretary is listed under
# «Fra sekretariatet», in the second (as some secretariats write it) among those present.
FIRST = """# Referat fra møte i Fjordrådet 4. mars 2027

**Tid:** Torsdag 04.03.2027 kl. 10.00 – 12.00

**Sted:** Havnehuset, Sjøvik

**Til stede:** Ola Fjellstad, Sjøvik, Guri Strand, Bakkebø, Per Li, Nesvik

**Fra sekretariatet:** Sigrid Vold

### Saker til behandling:

**Sak 1/2027**      **Referat fra forrige møte**

*Vedtak:*
Referatet godkjennes.
"""

SECOND = """# Referat fra møte i Fjordrådet 6. mai 2027

**Tid:** Torsdag 06.05.2027 kl. 10.00 – 12.00

**Sted:** Havnehuset, Sjøvik

**Til stede:** Ola Fjellstad, Sjøvik, Guri Strand, Bakkebø, Sigrid Vold, Fjordrådet

**Forfall:** Per Li, Nesvik

### Saker til behandling:

**Sak 5/2027**      **Budsjett for 2028**

*Vedtak:*
Budsjettet vedtas.
"""


@pytest.mark.parametrize("order", list(permutations((0, 1))))
def test_minutes_never_make_a_secretary_a_voting_member(
    db: sessionmaker[Session], tmp_path: Path, order: tuple[int, int]
) -> None:
    paths = []
    for index, text in enumerate((FIRST, SECOND)):
        path = tmp_path / f"referat-{index}.md"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    for index in order:
        load(db, [paths[index]], None)
    with db() as session:
        roles = dict(
            session.execute(
                select(Person.name, Membership.role)
                .join(Membership, Membership.person_id == Person.id)
                .join(Body, Body.id == Membership.body_id)
                .where(Body.name.ilike("%fjordråd%"))
            ).all()
        )
    assert roles["Sigrid Vold"] == "secretariat"
    assert roles["Ola Fjellstad"] == "member"
