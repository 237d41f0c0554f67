"""The one table of Norwegian month names (bokmål and nynorsk share them), full and abbreviated."""

from __future__ import annotations

MONTHS: dict[str, int] = {
    "januar": 1, "jan": 1, "februar": 2, "feb": 2, "mars": 3, "mar": 3, "april": 4, "apr": 4,
    "mai": 5, "juni": 6, "jun": 6, "juli": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sep": 9, "sept": 9, "oktober": 10, "okt": 10, "november": 11, "nov": 11,
    "desember": 12, "des": 12,
}  # fmt: skip

# The full names only: «i jul» is Christmas, not July, so «i <måned>» takes these (and «mai»).
FULL_MONTHS: tuple[str, ...] = tuple(name for name in MONTHS if len(name) > 3 or name == "mai")
