"""What the roster reader says of a bad row (the command line and an upload in chat alike)."""

from __future__ import annotations

MEMBERS_MISSING_COLUMNS = "overskriftslinjen mangler {columns} (kolonner: name, email, role, bodies)"
MEMBERS_NO_NAME = "mangler navn"
MEMBERS_BAD_EMAIL = "«{email}» er ikke en e-postadresse"
MEMBERS_DUPLICATE_EMAIL = "e-posten {email} står også på linje {other}"
MEMBERS_EMAIL_TAKEN = "e-posten {email} tilhører allerede {name}"
