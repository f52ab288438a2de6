"""The operations added for parity: each for a role that may, one that may not, and bad input.

Each calls the action the page calls, so the audit event is the page's too."""

import datetime

import pytest

from doithoai.audit.models import AuditEvent, Verb
from doithoai.conferences.models import ConferenceStatus
from doithoai.followups import actions as fu
from doithoai.testing.factories import assigned, conference_in, reach, scheduled

from .test_errors import _is_error

pytestmark = pytest.mark.usefixtures("seed_day")


def _events(verb):
    return AuditEvent.objects.filter(verb=verb).count()


def test_paper_petition_by_the_secretariat(api, cast):
    body = {"title": "Đơn giấy", "content": "Nội dung", "submitter_name": "Bà B"}
    _is_error(api.post(cast.staff, "/paper-petitions/", body), 403)
    _is_error(api.post(cast.secretariat, "/paper-petitions/", {**body, "submitter_name": ""}), 400)
    created = api.post(cast.secretariat, "/paper-petitions/", body)
    assert created.status_code == 201 and created.json()["channel"] == "paper"
    assert _events(Verb.PETITION_RECORDED) == 1


def test_floor_petition_at_an_open_conference(api, cast):
    conference = conference_in(cast, ConferenceStatus.IN_PROGRESS)
    body = {"title": "Ý kiến tại hội nghị", "content": "Nội dung", "submitter_name": "Ông C"}
    path = f"/conferences/{conference.pk}/floor-petitions"
    _is_error(api.post(cast.staff, path, body), 403)
    created = api.post(cast.head, path, body)
    assert created.status_code == 201 and created.json()["status"] == "scheduled"
    planned = conference_in(cast, ConferenceStatus.PLANNED)
    _is_error(api.post(cast.head, f"/conferences/{planned.pk}/floor-petitions", body), 409)


def test_unschedule_and_support(api, cast):
    petition = scheduled(cast)
    _is_error(api.post(cast.staff, f"/petitions/{petition.pk}/unschedule", {}), 403)
    done = api.post(cast.secretariat, f"/petitions/{petition.pk}/unschedule", {"reason": "Hoãn"})
    assert done.json()["status"] == "received"
    supported = api.post(cast.staff2, f"/petitions/{petition.pk}/support")
    assert supported.status_code == 200 and supported.json()["support_count"] == 1
    _is_error(api.post(cast.staff, f"/petitions/{petition.pk}/support"), 400)  # own petition


def test_feedback_by_the_submitter(api, cast):
    petition = reach(cast, "answered")
    _is_error(api.post(cast.staff2, f"/petitions/{petition.pk}/feedback", {"satisfied": True}), 403)
    _is_error(api.post(cast.staff, f"/petitions/{petition.pk}/feedback", {"satisfied": "x"}), 400)
    ok = api.post(cast.staff, f"/petitions/{petition.pk}/feedback", {"satisfied": True})
    assert ok.json()["status"] == "closed"


def test_cancel_and_delegate_the_chair(api, cast):
    conference = conference_in(cast, ConferenceStatus.PLANNED)
    body = {"deputy_id": cast.deputy.pk, "reason": "Đi công tác"}
    _is_error(api.post(cast.secretariat, f"/conferences/{conference.pk}/delegate", body), 403)
    _is_error(
        api.post(cast.head, f"/conferences/{conference.pk}/delegate", {**body, "deputy_id": 2**70}),
        400,
    )
    delegated = api.post(cast.head, f"/conferences/{conference.pk}/delegate", body)
    assert delegated.status_code == 201 and delegated.json()["grantee"]["username"] == "deputy"
    assert (
        api.get(cast.head, f"/conferences/{conference.pk}").json()["chair"]["username"] == "deputy"
    )
    revoked = api.post(
        cast.head, f"/delegations/{delegated.json()['id']}/revoke", {"reason": "Đã về"}
    )
    assert revoked.status_code == 200 and revoked.json()["revoked_at"]
    _is_error(api.post(cast.staff, f"/conferences/{conference.pk}/cancel", {"reason": "x"}), 403)
    cancelled = api.post(cast.head, f"/conferences/{conference.pk}/cancel", {"reason": "Bão lũ"})
    assert cancelled.json()["status"] == "cancelled"


def test_representative_authorized_and_informed(api, cast):
    body = {"grantee_id": cast.leader.pk, "reason": "Đại diện phòng"}
    _is_error(api.post(cast.outsider, "/delegations/representatives", body), 400)
    _is_error(
        api.post(cast.staff, "/delegations/representatives", {"grantee_id": cast.staff.pk}), 400
    )
    created = api.post(cast.staff, "/delegations/representatives", body)
    assert created.status_code == 201, created.content
    delegation = created.json()["id"]
    assert [d["id"] for d in api.get(cast.leader, "/delegations/").json()] == [delegation]
    assert api.get(cast.staff2, "/delegations/").json() == []
    assert api.post(cast.leader, f"/delegations/{delegation}/informed").status_code == 200


def test_publish_notice(api, cast):
    conference = conference_in(cast, ConferenceStatus.CONCLUDED)
    path = f"/conferences/{conference.pk}/notice/publish"
    _is_error(api.post(cast.staff, path), 403)
    assert api.post(cast.secretariat, path).status_code == 200
    _is_error(api.post(cast.secretariat, path), 409)


def test_extension_accept_return_and_urge(api, cast):
    _petition, assignment = assigned(cast)
    path = f"/assignments/{assignment.pk}"
    _is_error(api.post(cast.secretariat, f"{path}/extension", {"reason": "Cần xác minh"}), 403)
    extended = api.post(cast.leader, f"{path}/extension", {"reason": "Cần xác minh"})
    assert extended.status_code == 201 and extended.json()["status"] == "pending"
    assert (
        api.get(cast.head, f"/assignments/?unit={cast.unit.pk}").json()["results"][0][
            "needs_verification"
        ]
        is False
    )
    _is_error(api.post(cast.leader, f"{path}/urge", {}), 403)
    assert (
        api.post(cast.secretariat, f"{path}/urge", {"message": "Đề nghị báo cáo"}).status_code
        == 200
    )
    _is_error(
        api.post(cast.head, f"{path}/accept", {"answer_text": "Trả lời"}), 409
    )  # not reported
    fu.report_resolution(assignment=assignment, text="Đã xử lý.", by=cast.leader)
    _is_error(api.post(cast.secretariat, f"{path}/return", {"note": "Thiếu"}), 403)
    returned = api.post(cast.head, f"{path}/return", {"note": "Thiếu số liệu"})
    assert returned.json()["status"] == "returned"
    fu.report_resolution(assignment=assignment, text="Đã bổ sung.", by=cast.leader)
    accepted = api.post(cast.head, f"{path}/accept", {"answer_text": "Trả lời người kiến nghị"})
    assert accepted.status_code == 200 and accepted.json()["status"] == "accepted"
    answer = api.get(cast.head, f"/petitions/{assignment.petition_id}").json()["answers"][0]
    assert answer["answered_by"]["username"] == "head"
    _is_error(api.post(cast.staff, f"/answers/{answer['id']}/publish"), 403)
    assert api.post(cast.secretariat, f"/answers/{answer['id']}/publish").json()["published_at"]


def test_observations_recorded_by_the_board_answered_by_the_head(api, cast):
    body = {"kind": "recommendation", "text": "Đề nghị trả lời đúng hạn."}
    _is_error(api.post(cast.head, "/observations/", body), 403)
    _is_error(api.post(cast.inspector, "/observations/", {**body, "kind": "other"}), 400)
    created = api.post(cast.inspector, "/observations/", body)
    assert created.status_code == 201
    row = created.json()["id"]
    assert api.get(cast.staff, "/observations/").json() == []
    _is_error(api.post(cast.inspector, f"/observations/{row}/answer", {"text": "x"}), 403)
    answered = api.post(cast.head, f"/observations/{row}/answer", {"text": "Đã chỉ đạo."})
    assert answered.json()["answered_by"]["username"] == "head"
    assert api.get(cast.inspector, "/observations/", {"unanswered": "true"}).json() == []


def test_report_recorded_as_sent(api, cast):
    from doithoai.conferences.actions import create_plan, issue_plan

    plan = create_plan(agency=cast.agency, year=2018, by=cast.secretariat)
    issue_plan(plan=plan, issued_on=datetime.date(2018, 1, 3), by=cast.head)
    body = {"year": 2018, "half": 1, "symbol": "45/BC-VPUBND"}
    _is_error(api.post(cast.head, "/reports/sent", body), 403)
    _is_error(api.post(cast.secretariat, "/reports/sent", {**body, "year": 2017}), 400)
    assert api.post(cast.secretariat, "/reports/sent", body).status_code == 200
    _is_error(api.post(cast.secretariat, "/reports/sent", body), 409)
    met = api.get(cast.secretariat, "/deadlines/", {"status": "met"}).json()["results"]
    assert [r["kind"] for r in met] == ["semiannual_report"]


def test_report_frozen_for_signing(api, cast, monkeypatch):
    from doithoai.conferences.actions import create_plan, issue_plan
    from doithoai.reports import actions as reports

    plan = create_plan(agency=cast.agency, year=2018, by=cast.secretariat)
    issue_plan(plan=plan, issued_on=datetime.date(2018, 1, 3), by=cast.head)
    body = {"year": 2018, "half": 1, "symbol": "45/BC-VPUBND"}
    # An agency that does not sign digitally records its report as sent instead.
    _is_error(api.post(cast.secretariat, "/reports/prepared", body), 409)
    monkeypatch.setattr(reports, "SIGNATURE_POLICIES", [lambda agency: True])
    _is_error(api.post(cast.head, "/reports/prepared", body), 403)
    _is_error(api.post(cast.secretariat, "/reports/sent", body), 409)  # it must be signed
    frozen = api.post(cast.secretariat, "/reports/prepared", body)
    assert frozen.status_code == 200
    assert (frozen.json()["version"], frozen.json()["status"]) == (1, "prepared")
    _is_error(api.post(cast.secretariat, "/reports/prepared", body), 409)
    # Not sent yet: the report deadline is still open.
    assert api.get(cast.secretariat, "/deadlines/", {"status": "met"}).json()["results"] == []
    versions = api.get(cast.head, f"/signing/report/{frozen.json()['id']}/versions")
    assert versions.status_code == 200 and versions.json() == []
