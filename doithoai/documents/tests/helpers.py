"""Read generated DOCX back with python-docx: paragraphs in order, with their runs."""

import io

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
