"""Where Decree 30/2020 Appendix I puts the signature images, found in the rendered PDF.

The PDF comes from LibreOffice, so the signature block is located by its text: on the page
that carries it, the signer's full name (bold, centred in the signature cell) and, above it,
the last authority/title line. pdfminer gives every glyph's box; LibreOffice writes some
Vietnamese letters (ể, ộ, ỉ …) as separate glyphs, so lines are rebuilt from glyphs grouped by
baseline and compared without spaces. No marker is hidden in the document: the signed original
shows exactly what the DOCX shows.

All coordinates are PDF points with the origin at the bottom left of the page.
"""

import functools
import io
import unicodedata
from dataclasses import dataclass

from pdfminer.high_level import extract_pages
from pdfminer.layout import LTChar, LTPage
from pdfminer.pdfpage import PDFPage

MM = 72 / 25.4
# The signature image is at most this wide; the seal is drawn at its actual size.
SIGNATURE_MAX_WIDTH = 50 * MM
GAP_PADDING = 2.0
# A glyph farther than this from the previous one on the same baseline starts a new segment
# (the two signature cells of the minutes sit side by side on the same baselines).
SEGMENT_GAP = 18.0
TEXT_BLOCK_SIZE = (62 * MM, 11 * MM)


@dataclass(frozen=True)
class Box:
    """A rectangle (x0, y0) – (x1, y1) on a page, in points."""

    x0: float
    y0: float
    x1: float
    y1: float

    @property
    def width(self) -> float:
        return self.x1 - self.x0

    @property
    def height(self) -> float:
        return self.y1 - self.y0

    @property
    def centre(self) -> tuple[float, float]:
        return ((self.x0 + self.x1) / 2, (self.y0 + self.y1) / 2)

    def as_tuple(self) -> tuple[int, int, int, int]:
        """Return whole points, as a PDF widget rectangle."""
        return (round(self.x0), round(self.y0), round(self.x1), round(self.y1))


@dataclass(frozen=True)
class Segment:
    """A run of text on one baseline: its text without spaces and its box."""

    text: str
    box: Box


@dataclass(frozen=True)
class Block:
    """A signature block found in the PDF: the page, the last title line and the name line."""

    page: int
    title: Box
    name: Box
    page_size: tuple[float, float]

    def signature_box(self, image_size: tuple[int, int]) -> Box:
        """Return the box of the signature image: centred between the title line and the name.

        The image keeps its proportions, as large as the gap allows, at most 50 mm wide.
        """
        top = self.title.y0 - GAP_PADDING
        bottom = self.name.y1 + GAP_PADDING
        height = top - bottom
        width = height * image_size[0] / image_size[1]
        if width > SIGNATURE_MAX_WIDTH:
            width = SIGNATURE_MAX_WIDTH
            height = width * image_size[1] / image_size[0]
        cx = (self.title.centre[0] + self.name.centre[0]) / 2
        cy = (top + bottom) / 2
        return Box(cx - width / 2, cy - height / 2, cx + width / 2, cy + height / 2)


def seal_box(signature: Box, diameter_mm: float) -> Box:
    """Return the seal's box: actual size, overlapping the left third of the signature image."""
    size = diameter_mm * MM
    right = signature.x0 + signature.width / 3
    cy = signature.centre[1]
    return Box(right - size, cy - size / 2, right, cy + size / 2)


def text_block_box(page_size: tuple[float, float]) -> Box:
    """Return the box of an attachment's text block: the top right of the first page.

    It sits in the top margin, right-aligned with the text (15 mm right margin).
    """
    width, height = TEXT_BLOCK_SIZE
    right = page_size[0] - 15 * MM
    top = page_size[1] - 6 * MM
    return Box(right - width, top - height, right, top)


def fold(text: str) -> str:
    """Return text for comparison: NFC, no spaces, case-folded."""
    return "".join(unicodedata.normalize("NFC", text).split()).casefold()


def _glyphs(page: LTPage):
    stack = list(page)
    while stack:
        item = stack.pop()
        if isinstance(item, LTChar):
            yield item
        elif hasattr(item, "__iter__"):
            stack.extend(item)


def segments(page: LTPage) -> list[Segment]:
    """Return the page's text as segments: glyphs grouped by baseline, split at wide gaps."""
    rows: dict[int, list[LTChar]] = {}
    for glyph in _glyphs(page):
        if not glyph.get_text().strip():
            continue
        key = round(glyph.y0)
        for near in (key, key - 1, key + 1):
            if near in rows:
                key = near
                break
        rows.setdefault(key, []).append(glyph)
    result = []
    for glyphs in rows.values():
        glyphs.sort(key=lambda g: g.x0)
        run: list[LTChar] = []
        for glyph in glyphs:
            if run and glyph.x0 - max(g.x1 for g in run) > SEGMENT_GAP:
                result.append(_segment(run))
                run = []
            run.append(glyph)
        result.append(_segment(run))
    return result


def _segment(glyphs: list[LTChar]) -> Segment:
    text = fold("".join(g.get_text() for g in glyphs))
    box = Box(
        min(g.x0 for g in glyphs),
        min(g.y0 for g in glyphs),
        max(g.x1 for g in glyphs),
        max(g.y1 for g in glyphs),
    )
    return Segment(text, box)


def pages(pdf: bytes) -> list[LTPage]:
    """Return every page of a PDF with its glyphs (no layout analysis: glyphs are enough)."""
    return list(extract_pages(io.BytesIO(pdf), laparams=None))


def page_count(pdf: bytes) -> int:
    """Return the number of pages."""
    return sum(1 for _page in PDFPage.get_pages(io.BytesIO(pdf)))


@functools.lru_cache(maxsize=32)
def page_segments(pdf: bytes, index: int) -> tuple[list[Segment], tuple[float, float]]:
    """Return one page's text segments and its size (cached: verification asks per signature)."""
    (page,) = extract_pages(io.BytesIO(pdf), page_numbers=[index], laparams=None)
    return segments(page), (page.width, page.height)


def find_block(pdf: bytes, name: str, lines: list[str]) -> Block | None:
    """Return the signature block whose name line is `name` under the title `lines`.

    Searches from the last page up (the signature closes the document); returns None when
    the name is not printed under one of its title lines.
    """
    wanted_name = fold(name)
    wanted_lines = {fold(line) for line in lines if line.strip()}
    if not wanted_name:
        return None
    for index in range(page_count(pdf) - 1, -1, -1):
        found, size = page_segments(pdf, index)
        for candidate in sorted(found, key=lambda s: s.box.y0):
            if candidate.text != wanted_name:
                continue
            cx = candidate.box.centre[0]
            above = [
                s
                for s in found
                if s.box.y0 > candidate.box.y1
                and s.text in wanted_lines
                and abs(s.box.centre[0] - cx) < 40
            ]
            if above:
                title = min(above, key=lambda s: s.box.y0)
                return Block(index, title.box, candidate.box, size)
    return None


def placement_of(pdf: bytes, page_index: int, box: Box, others: list[Box]) -> str:
    """Describe where a signature widget sits against Decree 30 Appendix I (a code).

    `signature`: between a title line and a name line, centred on them;
    `seal`: overlapping roughly the left third of another signature's image;
    `text_block`: the top right of the first page; `invisible`; `other`.
    """
    if box.width < 1 or box.height < 1:
        return "invisible"
    for other in others:
        if other == box or not (other.y0 < box.y1 and box.y0 < other.y1):
            continue
        overlap = min(box.x1, other.x1) - max(box.x0, other.x0)
        if box.x0 < other.x0 and 0.2 <= overlap / other.width <= 0.45:
            return "seal"
    if page_index >= page_count(pdf):
        return "other"
    found, (width, height) = page_segments(pdf, page_index)
    if page_index == 0 and box.x1 >= width - 25 * MM and box.y0 >= height - 30 * MM:
        return "text_block"
    cx = box.centre[0]
    below = [
        s for s in found if box.y0 - 25 <= s.box.y1 <= box.y0 + 1 and abs(s.box.centre[0] - cx) < 12
    ]
    above = [
        s for s in found if box.y1 - 1 <= s.box.y0 <= box.y1 + 25 and abs(s.box.centre[0] - cx) < 12
    ]
    if below and above:
        return "signature"
    return "other"
