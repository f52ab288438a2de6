"""The demo agency's documents: the 2018 plan reads like the seed; PDF and PNG artifacts."""

import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.test import TestCase

from doithoai.conferences.models import ConclusionNotice, Conference, DialoguePlan
from doithoai.documents import service
from doithoai.documents.pdf import docx_to_pdf, soffice
from doithoai.petitions.models import Petition, Privacy

from .helpers import block_on_one_page, full_text, open_docx, pdf_pages, signature_blocks, texts

ARTIFACTS = Path(settings.PROJECT_DIR) / "test-artifacts" / "documents"


class DemoDocuments(TestCase):
    """Load the demo once for the class; every test reads the documents built from it."""

    @classmethod
    def setUpTestData(cls):
        from doithoai.demo.story import load_demo

        cls.agency, _receipt = load_demo()
        cls.plan = DialoguePlan.objects.get(agency=cls.agency, year=2018)
        first, second = Conference.objects.filter(agency=cls.agency, plan=cls.plan).order_by(
            "starts_at"
        )
        cls.first, cls.second = first, second
        cls.notice = ConclusionNotice.objects.get(conference=first)

    def docs(self):
        objs = [("plan", self.plan, {}), ("report", self.agency, {"year": 2018})]
        for conference in (self.first, self.second):
            objs += [(k, conference, {}) for k in ("invitation", "compilation", "minutes")]
            objs.append(("notice", conference.notice, {}))
        return [(k, service.render(k, o, "docx", **kw).content) for k, o, kw in objs]

    def test_plan_reads_like_the_seed(self):
        doc = open_docx(service.render("plan", self.plan, "docx").content)
        lines = texts(doc)
        for expected in (
            "UBND TỈNH HÀ GIANG",
            "VĂN PHÒNG",
            "Số: 09/KH-VPUBND",
            "Hà Giang, ngày 03 tháng 01 năm 2018",
            "KẾ HOẠCH",
            "Đối thoại trực tiếp của Chánh Văn phòng với công chức, viên chức và người lao "
            "động Văn phòng UBND tỉnh năm 2018",
            "I. MỤC ĐÍCH, YÊU CẦU",
            "II. NỘI DUNG",
            "III. TỔ CHỨC THỰC HIỆN",
            "- Thường trực UBND tỉnh;",
            "- Sở Nội vụ;",
            "- LĐVP UBND tỉnh;",
            "- Các phòng, ban, đơn vị;",
            "- VNPTioffice;",
            "- Lưu: VT, HCTC.",
            "KT. CHÁNH VĂN PHÒNG",
            "PHÓ CHÁNH VĂN PHÒNG",
            "La Tiên Sang",
        ):
            assert expected in lines, expected
        text = full_text(doc)
        assert (
            "Văn phòng UBND tỉnh ban hành kế hoạch đối thoại trực tiếp của Chánh Văn phòng" in text
        )
        assert "Chánh Văn phòng giao phòng Hành chính - Tổ chức tiếp nhận" in text
        assert "Dự kiến tổ chức 02 Hội nghị/năm" in text

    def test_notice_of_the_deputy_chaired_conference_is_signed_kt(self):
        doc = open_docx(service.render("notice", self.second.notice, "docx").content)
        lines = texts(doc)
        assert f"Số: {self.second.notice.symbol}" in lines
        assert self.second.notice.symbol == "02/TB-VPUBND"
        assert "Hà Giang, ngày 18 tháng 12 năm 2018" in lines
        k = lines.index("KT. CHÁNH VĂN PHÒNG")
        assert lines[k + 1 : k + 3] == ["PHÓ CHÁNH VĂN PHÒNG", "La Tiên Sang"]

    def test_no_confidential_or_anonymous_identity_in_any_document(self):
        protected = Petition.objects.filter(agency=self.agency).exclude(privacy=Privacy.PUBLIC)
        names = set()
        for p in protected.select_related("submitter"):
            if p.submitter_id:
                names.add(p.submitter.get_full_name())
            if p.submitter_name:
                names.add(p.submitter_name)
        public_names = {
            p.submitter.get_full_name()
            for p in Petition.objects.filter(agency=self.agency, privacy=Privacy.PUBLIC)
            .exclude(submitter=None)
            .select_related("submitter")
        }
        secret = names - public_names  # people who only ever petitioned confidentially
        assert "Giàng A Lử" in names
        for kind, content in self.docs():
            text = full_text(open_docx(content))
            for name in secret:
                assert name not in text, (kind, name)
        compilation = full_text(
            open_docx(service.render("compilation", self.first, "docx").content)
        )
        assert "Được bảo mật danh tính" in compilation
        assert "Giàng A Lử" not in compilation


@pytest.mark.skipif(soffice() is None, reason="LibreOffice (soffice) is not installed")
class DemoPdfArtifacts(DemoDocuments):
    """Convert the demo plan, notice and report to PDF, then to PNG pages for people to look at."""

    def test_plan_notice_report_to_pdf_and_png(self):
        if shutil.which("pdftoppm") is None:
            self.skipTest("poppler-utils (pdftoppm) is not installed")
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        for kind, obj, kw in (
            ("plan", self.plan, {}),
            ("notice", self.notice, {}),
            ("report", self.agency, {"year": 2018}),
        ):
            docx = service.render(kind, obj, "docx", **kw).content
            pdf = docx_to_pdf(docx)
            assert pdf.startswith(b"%PDF")
            # The signature block is whole on one page: its authority line and the name.
            pages = pdf_pages(pdf, ARTIFACTS)
            blocks = signature_blocks(open_docx(docx))
            assert blocks, kind
            for authority, name in blocks:
                assert block_on_one_page(pages, authority, name), (kind, authority, name)
            target = ARTIFACTS / f"demo-{kind}.pdf"
            target.write_bytes(pdf)
            for old in ARTIFACTS.glob(f"demo-{kind}-*.png"):
                old.unlink()
            subprocess.run(  # noqa: S603
                ["pdftoppm", "-r", "60", "-png", str(target), str(ARTIFACTS / f"demo-{kind}")],
                check=True,
                timeout=60,
            )
            pages = sorted(ARTIFACTS.glob(f"demo-{kind}-*.png"))
            assert pages, kind
            if kind == "plan":
                assert len(pages) <= 5  # the seed plan runs to about four pages

    # The inherited tests already ran in DemoDocuments.
    test_plan_reads_like_the_seed = None
    test_notice_of_the_deputy_chaired_conference_is_signed_kt = None
    test_no_confidential_or_anonymous_identity_in_any_document = None
