"""Documents above the size, page, paragraph and expansion limits are refused quickly, in little memory."""

from __future__ import annotations

import io
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import docx
import pytest
from pypdf import PdfWriter

from ingest import limits
from ingest.model import DocumentError
from ingest.readers import read_document
from tests.conftest import ROOT


def _code(path: Path) -> str:
    with pytest.raises(DocumentError) as caught:
        read_document(path)
    return caught.value.code


_W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _many_paragraphs(path: Path, count: int) -> Path:
    """A Word document of `count` short paragraphs, every third a bullet (XML written directly:
    python-docx itself takes minutes to add this many)."""
    paragraphs = "".join(
        "<w:p>"
        + ('<w:pPr><w:pStyle w:val="ListBullet"/></w:pPr>' if i % 3 == 0 else "")
        + f"<w:r><w:t>Avsnitt {i}</w:t></w:r></w:p>"
        for i in range(count)
    )
    body = (
        f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{_W_NS}">'
        f"<w:body>{paragraphs}</w:body></w:document>"
    )
    buffer = io.BytesIO()
    docx.Document().save(buffer)
    with zipfile.ZipFile(buffer) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for info in source.infolist():
            data = body.encode() if info.filename == "word/document.xml" else source.read(info.filename)
            out.writestr(info.filename, data)
    return path


def _zip_bomb(path: Path, *, member: str, size: int) -> Path:
    """A real Word document plus one member that unpacks to `size` bytes (a few KB packed)."""
    buffer = io.BytesIO()
    docx.Document().save(buffer)
    with zipfile.ZipFile(buffer) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as bomb:
        for info in source.infolist():
            if info.filename != member:
                bomb.writestr(info, source.read(info.filename))
        with bomb.open(member, "w", force_zip64=True) as out:
            chunk = b"<w:p/>" * 100_000
            for _ in range(size // len(chunk) + 1):
                out.write(chunk)
    return path


def test_a_docx_of_many_paragraphs_is_read_in_linear_time(tmp_path: Path) -> None:
    path = _many_paragraphs(tmp_path / "lang.docx", limits.MAX_PARAGRAPHS - 500)
    assert path.stat().st_size < 200_000
    started = time.perf_counter()
    text = read_document(path)
    elapsed = time.perf_counter() - started
    assert text.count("\n\n") == limits.MAX_PARAGRAPHS - 501
    assert "- Avsnitt 0\n\nAvsnitt 1\n" in text
    assert elapsed < 15.0, f"{elapsed:.1f} s for {limits.MAX_PARAGRAPHS - 500} paragraphs"


def test_a_docx_above_the_paragraph_limit_is_refused_before_parsing(tmp_path: Path) -> None:
    path = _many_paragraphs(tmp_path / "for_lang.docx", limits.MAX_PARAGRAPHS + 1)
    started = time.perf_counter()
    assert _code(path) == "too_large"
    assert time.perf_counter() - started < 1.5


@pytest.mark.parametrize(
    ("member", "size"),
    [("word/document.xml", 30_000_000), ("word/media/image1.png", limits.MAX_UNZIPPED_BYTES + 1)],
)
def test_a_zip_bomb_is_refused_from_its_declared_sizes(tmp_path: Path, member: str, size: int) -> None:
    path = _zip_bomb(tmp_path / "bombe.docx", member=member, size=size)
    assert path.stat().st_size < 200_000
    assert _code(path) == "too_large"


def test_text_and_pdf_above_their_limits_are_refused(tmp_path: Path) -> None:
    big = tmp_path / "stor.txt"
    big.write_bytes(b"Referat fra m\xc3\xb8te i Styringsgruppen 7.12.2017\n" * 200_000)
    assert big.stat().st_size > limits.MAX_TEXT_FILE_BYTES
    assert _code(big) == "too_large"
    lines = tmp_path / "linjer.md"
    lines.write_bytes(b"a\n" * (limits.MAX_LINES + 10))
    assert _code(lines) == "too_large"
    writer = PdfWriter()
    for _ in range(limits.MAX_PAGES + 1):
        writer.add_blank_page(width=595, height=842)
    pdf = tmp_path / "sider.pdf"
    writer.write(pdf)
    assert _code(pdf) == "too_large"  # not «no_text»: the pages are not read


_MEMORY = """
import sys
from pathlib import Path
from ingest.model import DocumentError
from ingest.readers import read_document
for name in sys.argv[1:]:
    try:
        read_document(Path(name))
    except DocumentError:
        pass
# VmHWM belongs to this program's own memory map; ru_maxrss would carry over the forking pytest
# worker's size across exec on Linux (it measured the test runner, not the readers).
hwm = next(line for line in Path("/proc/self/status").read_text().splitlines() if line.startswith("VmHWM"))
print(int(hwm.split()[1]) // 1024)
"""


def test_memory_stays_under_300_mb_for_every_hostile_file(tmp_path: Path) -> None:
    files = [
        _zip_bomb(tmp_path / "bombe.docx", member="word/document.xml", size=limits.MAX_XML_PART_BYTES - 100),
        _many_paragraphs(tmp_path / "lang.docx", limits.MAX_PARAGRAPHS - 10),
        tmp_path / "stor.txt",
    ]
    files[2].write_bytes(("Sak 1/2017 Tekst æøå\n" * 200_000).encode()[: limits.MAX_TEXT_FILE_BYTES])
    out = subprocess.run(
        [sys.executable, "-c", _MEMORY, *map(str, files)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    assert int(out.stdout) < 300, f"peak {out.stdout.strip()} MB"


def test_a_docx_whose_compressed_text_is_broken_is_refused_as_unreadable() -> None:
    """A deflate stream broken inside (found by the fuzzer): zlib's error is not an OSError."""
    import io
    import zipfile
    import zlib

    from ingest.docx_reader import read_docx
    from ingest.model import DocumentError

    xml = b"<w:document>" + b"<w:p><w:r><w:t>Sak 1/2027 Budsjett</w:t></w:r></w:p>" * 400 + b"</w:document>"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", xml)
    good = buffer.getvalue()
    start = good.index(b"word/document.xml") + len("word/document.xml")  # the local header's name
    for offset in range(start + 2, start + 200):  # find a byte whose change breaks the stream itself
        data = bytearray(good)
        data[offset] ^= 0xFF
        try:
            with zipfile.ZipFile(io.BytesIO(bytes(data))) as archive:
                archive.read("word/document.xml")
        except zlib.error:
            break
        except (zipfile.BadZipFile, OSError, EOFError):
            continue
    else:
        raise AssertionError("no byte gave a zlib error")
    with pytest.raises(DocumentError) as refused:
        read_docx(bytes(data))
    assert refused.value.code == "unreadable"
