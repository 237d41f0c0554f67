"""The words and patterns Norwegian date expressions are read with (language.dates reads them)."""

from __future__ import annotations

import re

from language.months import FULL_MONTHS, MONTHS

# Input words, bokmål and nynorsk; what members read lives in the texts modules.

WEEKDAYS: dict[str, int] = {
    "mandag": 0, "måndag": 0, "tirsdag": 1, "tysdag": 1, "onsdag": 2, "torsdag": 3,
    "fredag": 4, "lørdag": 5, "laurdag": 5, "søndag": 6, "sundag": 6,
}  # fmt: skip
RELATIVE_DAYS: dict[str, int] = {
    "i dag": 0, "idag": 0, "i morgen": 1, "imorgen": 1, "i morgon": 1, "imorgon": 1,
    "i overmorgen": 2, "i overmorgon": 2, "iovermorgen": 2,
}  # fmt: skip
COUNTS: dict[str, int] = {
    "en": 1, "ein": 1, "ei": 1, "ett": 1, "eitt": 1, "to": 2, "tre": 3, "fire": 4, "fem": 5,
    "seks": 6, "sju": 7, "syv": 7, "åtte": 8, "ni": 9, "ti": 10,
}  # fmt: skip

_MONTH_RE = "|".join(sorted(MONTHS, key=len, reverse=True))
_FULL_MONTH_RE = "|".join(FULL_MONTHS)  # «i jul» is Christmas, not July
_WEEKDAY_RE = "|".join(sorted(WEEKDAYS, key=len, reverse=True))
_RELATIVE_RE = "|".join(sorted((re.escape(k).replace(r"\ ", r"\s+") for k in RELATIVE_DAYS), key=len)[::-1])
_COUNT_RE = "|".join(sorted(COUNTS, key=len, reverse=True))

ISO = re.compile(r"(?=\d)(?<![\d.])(\d{4,})-(\d{2})-(\d{2})(?![\d])")
# «7.12», «07.12.17», «7/12», «23/11-2017»: the same separator between day and month; a year of any
# length is read so that «7.12.10000» is reported, not half read.
_NOT_AFTER_CLOCK = "".join(f"(?<!{re.escape(w)})" for w in ("kl", "kl.", "kl ", "kl. ", "klokka", "klokka ",
                                                               "klokken", "klokken "))  # fmt: skip
NUMERIC = re.compile(
    rf"(?=\d)(?<![\d.,/:]){_NOT_AFTER_CLOCK}(\d{{1,2}})([./])(\d{{1,2}})(?:(?:\2|-)(\d+))?(?![\d]|[.,/]\d)",
    re.I,
)
DAY_MONTH = re.compile(
    rf"(?=\d)(?<![\d.])(\d{{1,2}})\.?\s*({_MONTH_RE})\.?(?:\s+(\d{{4,}}))?(?![\wæøå])", re.I
)
RELATIVE = re.compile(rf"(?=[iI])(?<![\wæøå])({_RELATIVE_RE})(?![\wæøå])", re.I)
IN_DAYS = re.compile(
    rf"(?=[oO])(?<![\wæøå])om\s+(\d{{1,2}}|{_COUNT_RE})\s+(dag|dager|dagar|uke|uker|veke|veker)\b", re.I
)
WEEKDAY = re.compile(
    rf"(?=[nNpPfFkKtTmMoOlLsS])(?<![\wæøå])(?:(neste|på|førstkommende|kommende|til)\s+)?({_WEEKDAY_RE})"
    rf"(?!\s+i\s+(?:{_FULL_MONTH_RE})(?![\wæøå]))"  # «torsdag i desember»: the month is what counts
    rf"(?:\s+(?:i\s+)?(neste|kommende)\s+(uke|veke))?(?![\wæøå])",
    re.I,
)
ORDINALS: dict[str, int] = {
    "første": 1, "fyrste": 1, "1.": 1, "andre": 2, "2.": 2, "tredje": 3, "3.": 3, "fjerde": 4, "4.": 4,
    "siste": -1,
}  # fmt: skip
_ORDINAL_RE = "|".join(re.escape(k) for k in ORDINALS)
# «første torsdag i desember»; without the ordinal («torsdag i desember») it is the month that counts.
WEEKDAY_IN_MONTH = re.compile(
    rf"(?=[fFaAtTsS1-4])(?<![\wæøå])(?:({_ORDINAL_RE})\s+)({_WEEKDAY_RE})\s+i\s+({_FULL_MONTH_RE})(?:\s+(\d{{4,}}))?(?![\wæøå])",
    re.I,
)
IN_MONTH = re.compile(rf"(?=[iI])(?<![\wæøå])i\s+({_FULL_MONTH_RE})(?:\s+(\d{{4,}}))?(?![\wæøå])", re.I)
NEXT_MEETING = re.compile(
    r"(?=[nNfFkK])(?<![\wæøå])(neste|førstkommende|kommende)\s+([\wæøå-]*møte[\wæøå]*)", re.I
)
IN_TEXT_MONTH = re.compile(rf"(?<![\wæøå])({_FULL_MONTH_RE})(?![\wæøå])", re.I)
MONTH_HINT = re.compile(r"jan|feb|mar|apr|mai|jun|jul|aug|sep|okt|nov|des")  # in every month name
CLOCK_BEFORE = re.compile(r"(?:kl|klokka|klokken)\.?\s*$", re.I)
CLOCK_WINDOW = 12  # «klokken.  » is at most this long: the look back before a number stops there
# A weekday written beside a date names that date («torsdag 23/11», «23.11 (torsdag)»): not a day of its own.
BESIDE = re.compile(r"[\s,(]*(?:den\s+)?$|^[\s,()]*$", re.I)
MAX_DATES = 20  # a message naming more dates than this is read for its first ones (and confirmed)
MAX_YEAR = 9999  # datetime's limit; a later year is reported as a date that does not exist

# Every pattern opens with a look-ahead at its first character, so the scan skips other positions
# at once instead of trying the look-behinds and alternatives there (a 100 KB text costs ms).
