"""Rendered to PDF by LibreOffice and read back page by page: signature blocks never split.

Each conversion takes seconds, so each PDF is made once per module.
"""

import shutil

import pytest

from doithoai.documents.decree30 import Header, OfficialDocument, Signature
from doithoai.documents.pdf import docx_to_pdf, soffice

from .helpers import page_of, pdf_pages

pytestmark = pytest.mark.skipif(
    soffice() is None or shutil.which("pdftotext") is None,
    reason="LibreOffice (soffice) or poppler-utils (pdftotext) is not installed",
)

BLOCKS = 8


def _many_signatures() -> bytes:
    """A document whose signature blocks fall at every height of the page, one after another.

    Between blocks the filler grows by one paragraph, so the blocks' positions drift down
    the pages and some would straddle a page break if a block could split.
    """
    doc = OfficialDocument(
        Header(
            parent_body="UBND TỈNH HÀ GIANG",
            issuing_body="VĂN PHÒNG",
            number_symbol="Số: 01/BC-VPUBND",
            place_date="Hà Giang, ngày 03 tháng 01 năm 2018",
            type_name="Báo cáo",
            summary="Kiểm tra khối chữ ký",
        )
    )
    for n in range(BLOCKS):
        for k in range(3 + n):
            doc.paragraph(f"Nội dung đoạn {n}.{k} của báo cáo, một dòng.")
        doc.closing(
            ["UBND tỉnh"],
            "VT, HCTC",
            [Signature([f"TM. TỔ KIỂM TRA SỐ {n}", "TỔ TRƯỞNG"], f"Người Ký Thứ {n}")],
        )
    return doc.to_bytes()


@pytest.fixture(scope="module")
def many_signatures_pages(tmp_path_factory):
    return pdf_pages(docx_to_pdf(_many_signatures()), tmp_path_factory.mktemp("pdf"))


def test_the_document_runs_over_several_pages(many_signatures_pages):
    assert len([p for p in many_signatures_pages if p.strip()]) >= 3


@pytest.mark.parametrize("n", range(BLOCKS))
def test_authority_and_name_are_on_the_same_page(many_signatures_pages, n):
    pages = many_signatures_pages
    authority = page_of(pages, f"TM. TỔ KIỂM TRA SỐ {n}")
    assert page_of(pages, f"Người Ký Thứ {n}") == authority
