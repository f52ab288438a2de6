"""Read generated DOCX back with python-docx: paragraphs in order, with their runs."""

import io
import subprocess

import docx
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph


def open_docx(content: bytes):
    return docx.Document(io.BytesIO(content))


def paragraphs(document) -> list[Paragraph]:
    """Every paragraph of the body in reading order, inside tables too."""
    return [Paragraph(p, document) for p in document.element.body.iter(qn("w:p"))]


def texts(document) -> list[str]:
    return [p.text for p in paragraphs(document) if p.text.strip()]


def full_text(document) -> str:
    return "\n".join(texts(document))


def find(document, text: str) -> Paragraph:
    """Return the first paragraph whose text equals (or else starts with) `text`."""
    ps = paragraphs(document)
    for p in ps:
        if p.text == text:
            return p
    for p in ps:
        if p.text.startswith(text):
            return p
    raise AssertionError(f"{text!r} not in the document")


def index_of(document, text: str) -> int:
    for i, line in enumerate(texts(document)):
        if line == text or line.startswith(text):
            return i
    raise AssertionError(f"{text!r} not in the document")


def run_style(paragraph):
    """Return (font names, sizes in pt, bold, italic, underline) of the non-empty runs."""
    runs = [r for r in paragraph.runs if r.text.strip()]
    return (
        {r.font.name for r in runs},
        {r.font.size.pt if r.font.size else None for r in runs},
        {bool(r.font.bold) for r in runs},
        {bool(r.font.italic) for r in runs},
        {bool(r.font.underline) for r in runs},
    )


def signature_blocks(document) -> list[tuple[str, str]]:
    """Return (authority line, name) of each signature block: the rows that cannot split."""
    blocks = []
    for table in document.tables:
        row = table.rows[0]
        if row._tr.trPr is None or row._tr.trPr.find(qn("w:cantSplit")) is None:
            continue
        for cell in row.cells:
            lines = [p.text for p in cell.paragraphs if p.text.strip()]
            if lines and not lines[0].startswith("Nơi nhận"):
                blocks.append((lines[0], lines[-1]))
    return blocks


def pdf_pages(pdf: bytes, tmp_path) -> list[str]:
    """Return the text of each page (pdftotext separates pages with form feeds)."""
    source = tmp_path / "document.pdf"
    source.write_bytes(pdf)
    text = subprocess.run(  # noqa: S603 - fixed program and arguments
        ["pdftotext", "-enc", "UTF-8", str(source), "-"],  # noqa: S607
        check=True,
        capture_output=True,
        timeout=60,
    ).stdout.decode()
    return text.split("\f")


def page_of(pages: list[str], text: str) -> int:
    found = [n for n, page in enumerate(pages) if text in page]
    assert found, f"{text!r} is on no page"
    return found[0]


def block_on_one_page(pages: list[str], authority: str, name: str) -> bool:
    """Whether some page carries the line `authority` and, below it, the line `name`."""
    for page in pages:
        lines = [line.strip() for line in page.splitlines()]
        for start, line in enumerate(lines):
            if line == authority and name in lines[start + 1 :]:
                return True
    return False
