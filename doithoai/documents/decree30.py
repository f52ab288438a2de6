"""A builder of administrative documents in the format of Decree 30/2020/NĐ-CP, Appendix I.

`OfficialDocument` lays out the fixed components in their order: the header table (parent
body, issuing body with its short rule, number and symbol | national title, motto with its
underline, place and date), the type and summary, the body, then the recipients and the
signature block side by side; page numbers in the header from page 2.
"""

import io

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Emu, Mm, Pt

from .blocks import Header, Signature

FONT = "Times New Roman"
BODY_PT = 14
NATIONAL_TITLE = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
FIRST_LINE_INDENT = Cm(1.27)
PARAGRAPH_AFTER = Pt(6)
# Text width of an A4 page with 30 mm left and 15 mm right margins.
TEXT_WIDTH = Mm(210 - 30 - 15)
HEADER_LEFT = Mm(62)
HEADER_RIGHT = TEXT_WIDTH - HEADER_LEFT


def _set_font(run, size=None, *, bold=None, italic=None, underline=None):
    run.font.name = FONT
    # Word picks the font per script; set every slot so Vietnamese text stays in Times.
    fonts = run._element.get_or_add_rPr().get_or_add_rFonts()
    for slot in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(slot), FONT)
    if size is not None:
        run.font.size = Pt(size)
    if bold is not None:
        run.font.bold = bold
    if italic is not None:
        run.font.italic = italic
    if underline is not None:
        run.font.underline = underline
    return run


def _no_borders(table) -> None:
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    table._tbl.tblPr.append(borders)


def _set_widths(table, widths) -> None:
    """Fix the column widths in the grid and every cell (LibreOffice reads the grid)."""
    table.autofit = False
    tbl_pr = table._tbl.tblPr
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    tbl_pr.append(layout)
    grid = table._tbl.tblGrid
    for col, width in zip(grid.findall(qn("w:gridCol")), widths, strict=True):
        col.set(qn("w:w"), str(Emu(int(width)).twips))
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = Emu(int(width))


def _keep_row_on_one_page(row) -> None:
    """Forbid the row to break across pages (w:cantSplit): the block moves whole."""
    tr_pr = row._tr.get_or_add_trPr()
    cant_split = OxmlElement("w:cantSplit")
    cant_split.set(qn("w:val"), "true")
    tr_pr.append(cant_split)


def _bottom_border(paragraph) -> None:
    """Draw a thin solid line under the paragraph (used for the short rules)."""
    p_pr = paragraph._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        bottom.set(qn(key), value)
    borders.append(bottom)
    p_pr.append(borders)


def _text_width_mm(text: str, size_pt: float, *, bold: bool = False) -> float:
    """Estimate the printed width of `text` in Times (average glyph widths, capitals wider)."""
    em = size_pt * 0.3528  # one point in millimetres
    width = 0.0
    for ch in text:
        if ch == " ":
            width += 0.25
        elif ch.isupper():
            width += 0.72 if bold else 0.68
        elif ch in "-–,.;:":
            width += 0.3
        else:
            width += 0.5 if bold else 0.47
    return width * em


def _as_above(recipients: list[str], addressees: list[str]) -> list[str]:
    """Name the addressees of "Kính gửi" once, first, as "Như trên" (Decree 30 practice)."""
    named = {_bare(a) for a in addressees}
    others = [r for r in recipients if _bare(r) not in named]
    if len(others) == len(recipients):
        return recipients
    return ["Như trên", *[r for r in others if _bare(r) != "như trên"]]


def _bare(recipient: str) -> str:
    """A recipient without "(để b/c)"-like notes, case or final punctuation."""
    text = recipient.split("(")[0] if recipient.rstrip().endswith(")") else recipient
    return text.strip().rstrip(";.").casefold()


class OfficialDocument:
    """An A4 administrative document under construction."""

    def __init__(self, header: Header, *, landscape: bool = False):
        self.doc = Document()
        self.header = header
        self.addressees: list[str] = []
        self.signatures: list[Signature] = []
        self._page_setup(landscape)
        self._styles()
        self._page_numbers()
        self._header_table()
        self._title()

    # --- Page and styles ---------------------------------------------------------------

    def _page_setup(self, landscape: bool) -> None:
        section = self.doc.sections[0]
        section.page_width, section.page_height = Mm(210), Mm(297)
        if landscape:
            section.orientation = WD_ORIENT.LANDSCAPE
            section.page_width, section.page_height = Mm(297), Mm(210)
        section.top_margin = Mm(20)
        section.bottom_margin = Mm(20)
        section.left_margin = Mm(30)
        section.right_margin = Mm(15)
        section.header_distance = Mm(10)
        section.footer_distance = Mm(10)

    def _styles(self) -> None:
        normal = self.doc.styles["Normal"]
        normal.font.name = FONT
        normal.font.size = Pt(BODY_PT)
        r_pr = normal.element.get_or_add_rPr()
        fonts = r_pr.get_or_add_rFonts()
        for slot in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
            fonts.set(qn(slot), FONT)
        fmt = normal.paragraph_format
        fmt.space_before = Pt(0)
        fmt.space_after = PARAGRAPH_AFTER
        fmt.line_spacing = 1.0
        language = OxmlElement("w:lang")
        language.set(qn("w:val"), "vi-VN")
        r_pr.append(language)

    def _page_numbers(self) -> None:
        """Put the page number, centred, in the top margin of every page but the first."""
        section = self.doc.sections[0]
        section.different_first_page_header_footer = True
        paragraph = section.header.paragraphs[0]
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = _set_font(paragraph.add_run(), BODY_PT)
        for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), ("end", None)):
            if kind is None:
                instr = OxmlElement("w:instrText")
                instr.set(qn("xml:space"), "preserve")
                instr.text = text
                run._r.append(instr)
            else:
                char = OxmlElement("w:fldChar")
                char.set(qn("w:fldCharType"), kind)
                run._r.append(char)

    # --- The fixed components ----------------------------------------------------------

    def _cell_paragraph(self, cell, text, size, *, bold=False, italic=False, underline=False):
        paragraph = cell.paragraphs[0] if not cell.paragraphs[0].text else cell.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        fmt = paragraph.paragraph_format
        fmt.space_after = Pt(0)
        fmt.line_spacing = 1.0
        fmt.first_line_indent = Cm(0)
        _set_font(paragraph.add_run(text), size, bold=bold, italic=italic, underline=underline)
        return paragraph

    def _short_rule(self, cell, text: str, size: float, column_mm: float) -> None:
        """Add a rule a little under half the printed length of `text`, centred in the cell."""
        length = min(_text_width_mm(text, size, bold=True), column_mm - 4) * 0.45
        side = max((column_mm - length) / 2 - 1, 0)
        paragraph = cell.add_paragraph()
        fmt = paragraph.paragraph_format
        fmt.left_indent = Mm(side)
        fmt.right_indent = Mm(side)
        fmt.space_before = Pt(2)
        fmt.space_after = Pt(6)
        fmt.line_spacing = Pt(2)
        fmt.first_line_indent = Cm(0)
        _set_font(paragraph.add_run(""), 2)
        _bottom_border(paragraph)

    def _header_table(self) -> None:
        h = self.header
        table = self.doc.add_table(rows=2, cols=2)
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        _no_borders(table)
        _set_widths(table, (HEADER_LEFT, HEADER_RIGHT))
        left, right = table.rows[0].cells
        left_mm = HEADER_LEFT / Mm(1)
        if h.parent_body:
            self._cell_paragraph(left, h.parent_body.upper(), 13)
        self._cell_paragraph(left, h.issuing_body.upper(), 13, bold=True)
        issuing_last_line = h.issuing_body.upper().splitlines()[-1]
        self._short_rule(left, issuing_last_line, 13, left_mm)
        self._cell_paragraph(right, NATIONAL_TITLE, 12, bold=True)
        self._cell_paragraph(right, MOTTO, 13, bold=True, underline=True)
        number, date = table.rows[1].cells
        self._cell_paragraph(number, h.number_symbol, 13)
        self._cell_paragraph(date, h.place_date, 14, italic=True)
        self.header_table = table

    def _title(self) -> None:
        h = self.header
        type_paragraph = self.doc.add_paragraph()
        type_paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        type_paragraph.paragraph_format.space_before = Pt(18)
        type_paragraph.paragraph_format.space_after = Pt(0)
        _set_font(type_paragraph.add_run(h.type_name.upper()), 14, bold=True)
        for line in [h.summary, *h.extra_summary]:
            if not line:
                continue
            paragraph = self.doc.add_paragraph()
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            paragraph.paragraph_format.space_after = Pt(0)
            _set_font(paragraph.add_run(line), 14, bold=True)
        rule = self.doc.add_paragraph()
        text = h.summary or h.type_name
        length = min(_text_width_mm(text, 14, bold=True), TEXT_WIDTH / Mm(1)) * 0.4
        side = (TEXT_WIDTH / Mm(1) - length) / 2
        rule.paragraph_format.left_indent = Mm(side)
        rule.paragraph_format.right_indent = Mm(side)
        rule.paragraph_format.line_spacing = Pt(2)
        rule.paragraph_format.space_before = Pt(4)
        rule.paragraph_format.space_after = Pt(12)
        _set_font(rule.add_run(""), 2)
        _bottom_border(rule)

    # --- Content -----------------------------------------------------------------------

    def paragraph(self, text="", *, bold=False, italic=False, indent=True, align="justify"):
        """Add a body paragraph: 14 pt, justified, first-line indent, 6 pt after.

        `text` may be a list of (text, {"bold":…, "italic":…}) pieces for mixed runs.
        """
        paragraph = self.doc.add_paragraph()
        paragraph.alignment = {
            "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
            "center": WD_ALIGN_PARAGRAPH.CENTER,
            "left": WD_ALIGN_PARAGRAPH.LEFT,
        }[align]
        fmt = paragraph.paragraph_format
        fmt.first_line_indent = FIRST_LINE_INDENT if indent else Cm(0)
        fmt.space_after = PARAGRAPH_AFTER
        pieces = text if isinstance(text, list) else [(text, {})]
        for piece, style in pieces:
            _set_font(
                paragraph.add_run(piece),
                BODY_PT,
                bold=style.get("bold", bold),
                italic=style.get("italic", italic),
            )
        return paragraph

    def addressed_to(self, addressee: str):
        """Add "Kính gửi: …" (centred); "Nơi nhận" then names this addressee "Như trên"."""
        self.addressees.append(addressee)
        return self.paragraph(f"Kính gửi: {addressee.rstrip('.')}.", indent=False, align="center")

    def heading(self, text: str):
        """Add a bold section heading (I., 1., …) in the body's indentation."""
        return self.paragraph(text, bold=True)

    def bullet(self, text, **style):
        """Add a dash item, as the seed writes its lists ("- …")."""
        if isinstance(text, list):
            return self.paragraph([("- ", {}), *text], **style)
        return self.paragraph(f"- {text}", **style)

    def table(self, headers: list[str], rows: list[list], *, widths_mm=None, size=12, total=None):
        """Add a bordered table with a bold header row (and a bold total row if given)."""
        body = [list(r) for r in rows] + ([list(total)] if total else [])
        table = self.doc.add_table(rows=1 + len(body), cols=len(headers))
        table.style = "Table Grid"
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        for i, head in enumerate(headers):
            self._table_cell(table.rows[0].cells[i], head, size, bold=True, center=True)
        for r, values in enumerate(body, start=1):
            last = total is not None and r == len(body)
            for c, value in enumerate(values):
                numeric = isinstance(value, int | float) or value is None
                text = "" if value is None else str(value)
                self._table_cell(table.rows[r].cells[c], text, size, bold=last, center=numeric)
        if widths_mm:
            _set_widths(table, [Mm(w) for w in widths_mm])
        self.doc.add_paragraph().paragraph_format.space_after = Pt(0)
        return table

    def _table_cell(self, cell, text, size, *, bold=False, center=False):
        paragraph = cell.paragraphs[0]
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER if center else WD_ALIGN_PARAGRAPH.LEFT
        paragraph.paragraph_format.space_after = Pt(2)
        paragraph.paragraph_format.first_line_indent = Cm(0)
        paragraph.paragraph_format.line_spacing = 1.0
        _set_font(paragraph.add_run(text), size, bold=bold)

    # --- Recipients and signature ------------------------------------------------------

    def closing(self, recipients: list[str], archive: str, signatures: list[Signature]) -> None:
        """Add "Nơi nhận:" (12 pt bold italic, list 11 pt ending "- Lưu: …") and signatures.

        With one signature it sits right of the recipients; with two (minutes) they sit side
        by side and the recipients, if any, follow below.
        """
        self.signatures = list(signatures)
        self.doc.add_paragraph().paragraph_format.space_after = Pt(0)
        table = self.doc.add_table(rows=1, cols=2)
        _no_borders(table)
        _set_widths(table, (Mm(75), TEXT_WIDTH - Mm(75)))
        # Authority, title, the room to sign and the name never part across a page break.
        _keep_row_on_one_page(table.rows[0])
        left, right = table.rows[0].cells
        if len(signatures) == 1:
            self._recipients(left, recipients, archive)
            self._signature(right, signatures[0])
        else:
            self._signature(left, signatures[0])
            self._signature(right, signatures[1])
            if recipients:
                extra = self.doc.add_table(rows=1, cols=1)
                _no_borders(extra)
                self._recipients(extra.rows[0].cells[0], recipients, archive)
        self.closing_table = table

    def _recipients(self, cell, recipients: list[str], archive: str) -> None:
        paragraph = cell.paragraphs[0]
        paragraph.paragraph_format.space_after = Pt(0)
        paragraph.paragraph_format.first_line_indent = Cm(0)
        _set_font(paragraph.add_run("Nơi nhận:"), 12, bold=True, italic=True)
        items = _as_above(
            [r.strip().rstrip(";.") for r in recipients if r.strip()], self.addressees
        )
        lines = [f"- {r};" for r in items] + [f"- Lưu: {archive}."]
        for line in lines:
            item = cell.add_paragraph()
            item.paragraph_format.space_after = Pt(0)
            item.paragraph_format.first_line_indent = Cm(0)
            item.paragraph_format.line_spacing = 1.0
            _set_font(item.add_run(line), 11)

    def _signature(self, cell, signature: Signature) -> None:
        """Add authority and title lines, the room to sign and seal, and the name.

        Each paragraph keeps with the next and is kept whole, besides the row that cannot
        split, so that a word processor that ignores one still keeps the block together.
        """
        block = []
        first = True
        for line in signature.lines:
            paragraph = cell.paragraphs[0] if first else cell.add_paragraph()
            first = False
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            paragraph.paragraph_format.space_after = Pt(0)
            paragraph.paragraph_format.first_line_indent = Cm(0)
            _set_font(paragraph.add_run(line.upper()), 14, bold=True)
            block.append(paragraph)
        # Room for the signature and the seal.
        space = cell.add_paragraph()
        space.paragraph_format.space_after = Pt(0)
        space.paragraph_format.space_before = Pt(60)
        name = cell.add_paragraph()
        name.alignment = WD_ALIGN_PARAGRAPH.CENTER
        name.paragraph_format.first_line_indent = Cm(0)
        _set_font(name.add_run(signature.name), 14, bold=True)
        for paragraph in [*block, space, name]:
            paragraph.paragraph_format.keep_together = True
            if paragraph is not name:
                paragraph.paragraph_format.keep_with_next = True

    # --- Output ------------------------------------------------------------------------

    def to_bytes(self) -> bytes:
        """Return the document as DOCX bytes."""
        buffer = io.BytesIO()
        self.doc.save(buffer)
        return buffer.getvalue()
