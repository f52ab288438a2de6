"""A periodic report is one frozen version: the head signs it, the seal sends it to the province.

Where the agency signs digitally (seal image and seal key), `prepare_report` freezes the
figures, the prose and the DOCX as a numbered `ReportSubmission`; the head signs that version's
PDF (converted from the frozen DOCX), the secretariat's seal sends it; the province receives
and downloads exactly what was signed. A returned report is sent again as a new version with
its own signatures.
"""

import pytest
from django.urls import reverse

from doithoai.audit.models import AuditEvent, Verb
from doithoai.core.errors import InvalidTransition, PermissionRefused
from doithoai.deadlines.models import Deadline
from doithoai.documents import service
from doithoai.organizations.models import Role
from doithoai.reports import summaries
from doithoai.reports.actions import (
    prepare_report,
    return_report,
    save_report_text,
    submit_report,
)
from doithoai.reports.models import ReportSubmission, SubmissionStatus
from doithoai.signing import verification
from doithoai.signing.models import SignedDocument, Stage
from doithoai.testing import factories as f

from .helpers import audit_after, seal, sha, sign_as


@pytest.fixture
def province(signing_world):
    """A province office above the agency, with its supervisor (who receives the reports)."""
    cast = signing_world
    office = f.AgencyFactory(code="UBNDHG", name="UBND tỉnh Hà Giang")
    cast.agency.parent = office
    cast.agency.save(update_fields=["parent"])
    return f.member(office, Role.SUPERVISOR, username="tinh")


@pytest.fixture
def report(plan, cast):
    """The semi-annual report of 2018, written and frozen for signing on 20/06/2018."""
    save_report_text(
        agency=cast.agency, year=2018, half=1, by=cast.secretariat, assessment="Đạt kế hoạch."
    )
    return prepare_report(agency=cast.agency, year=2018, half=1, by=cast.secretariat, symbol="15")


def _sign_and_seal(pki, cast, submission):
    sign_as(pki, cast.head, "report", submission, who="head")
    return seal(cast.secretariat, "report", submission)


def test_an_agency_that_signs_sends_its_report_only_signed_and_sealed(plan, cast):
    with pytest.raises(InvalidTransition):
        submit_report(agency=cast.agency, year=2018, half=1, by=cast.secretariat)
    assert not ReportSubmission.objects.exists()
    with pytest.raises(PermissionRefused):
        prepare_report(agency=cast.agency, year=2018, half=1, by=cast.head)
    prepared = prepare_report(agency=cast.agency, year=2018, half=1, by=cast.secretariat)
    assert (prepared.version, prepared.status) == (1, SubmissionStatus.PREPARED)
    assert audit_after(Verb.REPORT_PREPARED)["sha256"] == prepared.sha256
    # Frozen, not sent: the report deadline is still open, nothing went up.
    assert Deadline.objects.get(kind="semiannual_report").status == "open"
    assert not AuditEvent.objects.filter(verb=Verb.REPORT_SUBMITTED).exists()
    with pytest.raises(InvalidTransition):  # one frozen version at a time
        prepare_report(agency=cast.agency, year=2018, half=1, by=cast.secretariat)


def test_the_seal_sends_the_version_the_head_signed(report, cast, pki):
    for user in (cast.deputy, cast.secretariat, cast.staff, cast.inspector):
        with pytest.raises(PermissionRefused):
            sign_as(pki, user, "report", report, who="head")
    with pytest.raises(InvalidTransition):  # the secretariat seals after the signer
        seal(cast.secretariat, "report", report)
    signed = sign_as(pki, cast.head, "report", report, who="head")
    assert (signed.kind, signed.object_id, signed.stage) == ("report", report.pk, Stage.SIGNED)
    report.refresh_from_db()
    assert report.status == SubmissionStatus.PREPARED  # signed, not sealed: not sent yet
    sealed = seal(cast.secretariat, "report", report)
    report.refresh_from_db()
    assert report.status == SubmissionStatus.SUBMITTED
    assert Deadline.objects.get(kind="semiannual_report").status == "met"
    assert audit_after(Verb.REPORT_SUBMITTED)["version"] == 1
    reports = verification.verify(sealed.content())
    assert [r.ok for r in reports] == [True, True]
    assert [r.placement for r in reports] == ["signature", "seal"]
    assert "Nguyễn Minh Tuấn" in reports[0].signer
    # Sent: no more signatures on this version.
    with pytest.raises(InvalidTransition):
        sign_as(pki, cast.head, "report", report, who="head")


def test_figures_changed_after_the_freeze_do_not_change_the_signed_pdf(
    report, cast, pki, monkeypatch
):
    frozen = bytes(report.document)
    f.received(cast, title="Kiến nghị gửi sau khi đã chốt báo cáo")
    live = summaries.summary(cast.agency, 2018, 1)["figures"]["petitions_received"]
    assert live == report.figures["petitions_received"] + 1

    # Signing never rebuilds the report from live data (there is one freeze, not two).
    def rebuild(*args, **kwargs):
        raise AssertionError("the report was rebuilt at signing")

    monkeypatch.setattr(service, "build", rebuild)
    monkeypatch.setattr(service, "render", rebuild)
    sealed = _sign_and_seal(pki, cast, report)
    base = service.docx_to_pdf(frozen)
    assert sealed.content().startswith(base)  # incremental signatures over the frozen PDF
    report.refresh_from_db()
    assert bytes(report.document) == frozen


def test_the_province_downloads_the_signed_version_it_received(report, cast, pki, province, client):
    client.force_login(province)
    page = reverse("signing:document", args=["bao-cao", report.pk])
    assert client.get(page).status_code == 403  # frozen for signing: not sent yet
    sealed = _sign_and_seal(pki, cast, report)
    response = client.get(page)
    assert response.status_code == 200
    assert sealed.sha256 in response.content.decode()
    download = client.get(reverse("signing:download", args=[sealed.pk]))
    assert download.content == sealed.content()
    assert [r.ok for r in verification.verify(download.content)] == [True, True]
    # `/van-ban/` serves the report as sent: the signed original, byte for byte.
    pdf_url = reverse("documents:report_half", args=[cast.agency.code, 2018, 1, "pdf"])
    response = client.get(pdf_url)
    assert response["X-Doithoai-Document"] == "signed-original"
    assert response.content == sealed.content()
    # Nobody outside sees it.
    client.force_login(cast.outsider)
    assert client.get(page).status_code == 403
    assert client.get(reverse("signing:download", args=[sealed.pk])).status_code == 403


def test_a_returned_report_is_sent_again_as_a_new_version_with_its_own_signature(
    report, cast, pki, province, client
):
    first = _sign_and_seal(pki, cast, report)
    return_report(submission=report, reason="Bổ sung số liệu.", by=province)
    save_report_text(
        agency=cast.agency, year=2018, half=1, by=cast.secretariat, assessment="Đã bổ sung."
    )
    second = prepare_report(agency=cast.agency, year=2018, half=1, by=cast.secretariat)
    assert second.version == 2 and second.sha256 != report.sha256
    resealed = _sign_and_seal(pki, cast, second)
    assert {s.object_id for s in SignedDocument.objects.all()} == {report.pk, second.pk}
    assert SignedDocument.objects.filter(object_id=second.pk, stage=Stage.SIGNED).count() == 1
    assert resealed.sha256 != first.sha256
    # The returned version's signed PDF stays as it was, readable by the province.
    client.force_login(province)
    kept = client.get(reverse("signing:download", args=[first.pk]))
    assert kept.content == first.content()
    assert [r.ok for r in verification.verify(kept.content)] == [True, True]
    report.refresh_from_db()
    assert report.status == SubmissionStatus.RETURNED
    with pytest.raises(InvalidTransition):  # a returned version is never signed again
        sign_as(pki, cast.head, "report", report, who="head")


def test_the_dashboard_links_the_frozen_version_to_its_signing_page(report, cast, client):
    client.force_login(cast.head)
    page = client.get(f"/thong-ke/{cast.agency.code}/?year=2018&half=1").content.decode()
    assert reverse("signing:document", args=["bao-cao", report.pk]) in page
    assert sha(bytes(report.document)) == report.sha256


def test_the_report_page_freezes_for_signing_instead_of_sending(plan, cast, client):
    url = reverse("reports:submit", args=[cast.agency.code]) + "?year=2018&half=1"
    page = f"/thong-ke/{cast.agency.code}/?year=2018&half=1"
    client.force_login(cast.secretariat)
    assert "Chốt báo cáo để ký số" in client.get(page).content.decode()
    assert client.post(url, {"symbol": "15/BC"}).status_code == 302
    frozen = ReportSubmission.objects.get()
    assert (frozen.status, frozen.symbol) == (SubmissionStatus.PREPARED, "15/BC")
    assert not AuditEvent.objects.filter(verb=Verb.REPORT_SUBMITTED).exists()
    client.force_login(cast.staff)
    assert client.post(url, {"symbol": "16/BC"}).status_code == 403
