"""Files a secretariat shares in the upload tests: own minutes as PDF and .docx, a roster, broken ones."""

from __future__ import annotations

from pathlib import Path

from tests.unit.ingest.converters import printable_text, to_docx, to_pdf

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "chat"
MINUTES = FIXTURES / "referat_styringsgruppen_2027-01-14.md"


def minutes_pdf(folder: Path) -> bytes:
    path, _ = to_pdf(printable_text(MINUTES), folder / "referat.pdf")
    return path.read_bytes()


def minutes_docx(folder: Path) -> bytes:
    return to_docx(MINUTES, folder / "referat.docx").read_bytes()


BROKEN_PDF = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\nthis is not a finished pdf"
ROSTER = (
    b"name,email,role,bodies\n"
    b"Randi Roster,randi.roster@lier.example,member,Styringsgruppen\n"
    b"Jon Listhaug,jon.listhaug@hole.example,chair,Styringsgruppen\n"
)
ROSTER_BAD = b"name,email,role,bodies\nRandi Roster,ikke-en-epost,member,Styringsgruppen\n"
