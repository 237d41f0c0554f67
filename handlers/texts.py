"""Every Norwegian (bokmål) string and every date/time format a member or the secretariat reads.

Several parts of the bot add to this module: keep to your own section (marked below), add with
small edits, and never rewrite the file wholesale.
"""

from __future__ import annotations

# === Section: common (dates, times, errors) ======================================================

# === Section: import and export (ingest reports) =================================================

# === Section: member commands (neste møte, møteplan, saker, forfall, hjelp, members) =============

# === Section: vedtak and search ==================================================================

# === Section: Slack ==============================================================================

# === Section: reminders and møteplan (secretariat) ===============================================

# === Section: Teams ==============================================================================
