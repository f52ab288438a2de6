"""A periodic report, once submitted (one frozen record), is signed by the head and sealed."""

import pytest
from django.urls import reverse

from doithoai.audit.models import Verb
from doithoai.core.errors import PermissionRefused, ValidationFailed
from doithoai.reports.actions import save_report_text, submit_report
from doithoai.reports.models import ReportText
from doithoai.signing import verification
from doithoai.signing.models import SignedDocument, Stage

from .helpers import audit_after, seal, sign_as


@pytest.fixture
def report(plan, cast):
    """The semi-annual report of 2018, written and submitted on the seed day (20/06/2018)."""
    save_report_text(
        agency=cast.agency, year=2018, half=1, by=cast.secretariat, assessment="Đạt kế hoạch."
    )
    submit_report(agency=cast.agency, year=2018, half=1, by=cast.secretariat, symbol="15/BC")
    return ReportText.objects.get(agency=cast.agency, year=2018, period=1)


def test_an_unsent_report_is_not_signed(plan, cast, pki):
    text = save_report_text(
        agency=cast.agency, year=2018, half=None, by=cast.secretariat, assessment="Dự thảo."
    )
    with pytest.raises(ValidationFailed):
        sign_as(pki, cast.head, "report", text, who="head")
    assert not SignedDocument.objects.exists()


def test_the_head_signs_the_submitted_report_and_the_secretariat_seals_it(report, cast, pki):
    for user in (cast.deputy, cast.secretariat, cast.staff, cast.inspector):
        with pytest.raises(PermissionRefused):
            sign_as(pki, user, "report", report, who="head")
    signed = sign_as(pki, cast.head, "report", report, who="head")
    assert (signed.kind, signed.object_id, signed.stage) == ("report", report.pk, Stage.SIGNED)
    assert audit_after(Verb.DOCUMENT_SIGNED)["kind"] == "report"
    sealed = seal(cast.secretariat, "report", report)
    reports = verification.verify(sealed.content())
    assert [r.ok for r in reports] == [True, True]
    assert [r.placement for r in reports] == ["signature", "seal"]
    assert "Nguyễn Minh Tuấn" in reports[0].signer


def test_the_report_download_and_signing_page(report, cast, pki, client):
    pdf_url = reverse("documents:report_half", args=[cast.agency.code, 2018, 1, "pdf"])
    client.force_login(cast.head)
    assert client.get(pdf_url)["X-Doithoai-Document"] == "draft-rendering"
    page = reverse("signing:document", args=["bao-cao", report.pk])
    assert client.get(page).status_code == 200
    signed = sign_as(pki, cast.head, "report", report, who="head")
    response = client.get(pdf_url)
    assert response["X-Doithoai-Document"] == "signed-original"
    assert response.content == signed.content()
    # Anyone outside the agency sees neither the page nor the signed report.
    client.force_login(cast.outsider)
    assert client.get(page).status_code == 403
    assert client.get(reverse("signing:download", args=[signed.pk])).status_code == 403


def test_the_dashboard_links_a_sent_report_to_its_signing_page(report, cast, client):
    client.force_login(cast.head)
    page = client.get(f"/thong-ke/{cast.agency.code}/?year=2018&half=1").content.decode()
    assert reverse("signing:document", args=["bao-cao", report.pk]) in page
