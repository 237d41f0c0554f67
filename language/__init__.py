"""Norwegian text rules, a leaf package: it imports nothing of ours, so ingest/, handlers/ and
storage/ may all use it.

folding      fold (the ASCII twin used to compare names), fold_marks (as SQLite's FTS5 index keeps
             words), body_stem
months       MONTHS, the one table of month names
sentences    sentence splitting and sak citations («14/2016»)
open_rules   what may keep a sak open, read off a vedtak
dates        Norwegian date expressions → dates (the clock is passed in)
"""

from language.folding import body_stem, fold, fold_marks
from language.months import MONTHS

__all__ = ["MONTHS", "body_stem", "fold", "fold_marks"]
