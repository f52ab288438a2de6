"""Rule 8 and Law 10/2022 Art. 47–48: report and publication deadlines are opened and closed."""

import datetime

import pytest

from doithoai.conferences import actions as conf
from doithoai.core.errors import InvalidTransition, PermissionRefused, ValidationFailed
from doithoai.deadlines.models import Deadline
from doithoai.followups import actions as fu
from doithoai.reports.actions import submit_report
from doithoai.testing.factories import aware, freeze, received


@pytest.fixture
def plan(cast, time_machine):
    freeze(time_machine, aware(2018, 1, 3, 9))
    plan = conf.create_plan(agency=cast.agency, year=2018, by=cast.secretariat)
    return conf.issue_plan(plan=plan, issued_on=datetime.date(2018, 1, 3), by=cast.secretariat)


def test_issuing_the_plan_opens_both_report_deadlines(plan):
    due = dict(
        Deadline.objects.filter(object_id=plan.pk, status="open").values_list("kind", "due_date")
    )
    # 25/06/2018 is a Monday; "before 20/12/2018" means Wednesday 19/12.
    assert due == {
        "semiannual_report": datetime.date(2018, 6, 25),
        "annual_report": datetime.date(2018, 12, 19),
    }


def test_secretariat_records_the_semiannual_report_once(cast, plan, time_machine):
    freeze(time_machine, aware(2018, 6, 22, 9))
    submit_report(agency=cast.agency, year=2018, half=1, by=cast.secretariat, symbol="15/BC")
    deadline = Deadline.objects.get(object_id=plan.pk, kind="semiannual_report")
    assert deadline.status == "met" and not deadline.completed_late
    with pytest.raises(InvalidTransition):
        submit_report(agency=cast.agency, year=2018, half=1, by=cast.secretariat)


@pytest.mark.parametrize("role", ["staff", "inspector", "leader"])
def test_other_roles_may_not_record_a_report(cast, plan, role):
    with pytest.raises(PermissionRefused):
        submit_report(agency=cast.agency, year=2018, half=None, by=getattr(cast, role))
    assert Deadline.objects.filter(object_id=plan.pk, status="open").count() == 2


def test_a_year_without_plan_is_refused(cast):
    with pytest.raises(ValidationFailed):
        submit_report(agency=cast.agency, year=2019, half=None, by=cast.secretariat)


def test_the_dashboard_form_records_the_report(cast, plan, client, time_machine):
    freeze(time_machine, aware(2018, 12, 10, 9))
    client.force_login(cast.secretariat)
    url = f"/thong-ke/{cast.agency.code}/gui-bao-cao/?year=2018"
    assert client.post(url, {"symbol": "30/BC-VPUBND"}).status_code == 302
    assert Deadline.objects.get(object_id=plan.pk, kind="annual_report").status == "met"
    client.force_login(cast.staff)
    assert client.post(url).status_code == 403


def test_an_answer_must_be_published_within_five_working_days(cast, time_machine):
    freeze(time_machine, aware(2018, 6, 20, 9))
    petition = received(cast)
    answer = fu.answer_petition(petition=petition, text="Đã giải quyết.", by=cast.head)
    deadline = Deadline.objects.get(kind="publication", object_id=answer.pk)
    # Wednesday 20/06/2018 + 5 working days = Wednesday 27/06/2018.
    assert deadline.due_date == datetime.date(2018, 6, 27)
    fu.publish_answer(answer=answer, by=cast.secretariat)
    deadline.refresh_from_db()
    assert deadline.status == "met"


def test_submitting_a_report_anchors_the_chain_and_the_report_prints_it(
    cast, plan, time_machine, django_capture_on_commit_callbacks
):
    from doithoai.audit import anchors, log
    from doithoai.documents.report import build_report

    freeze(time_machine, aware(2018, 6, 22, 9))
    chain = log.chain_for(cast.agency.pk)
    assert anchors.latest(chain) is None
    with django_capture_on_commit_callbacks(execute=True):
        submit_report(agency=cast.agency, year=2018, half=1, by=cast.secretariat, symbol="15/BC")
    checkpoint = anchors.latest(chain)
    assert checkpoint.valid and checkpoint.seq == log.verify(cast.agency)[0].last_seq
    text = "\n".join(p.text for p in build_report(cast.agency, 2018, 1).doc.paragraphs)
    assert f"sự kiện số {checkpoint.seq}, mã băm {checkpoint.head_hash}" in text


def test_a_refused_report_writes_no_checkpoint(cast, plan, django_capture_on_commit_callbacks):
    from doithoai.audit import anchors, log

    with django_capture_on_commit_callbacks(execute=True), pytest.raises(PermissionRefused):
        submit_report(agency=cast.agency, year=2018, half=None, by=cast.staff)
    assert anchors.latest(log.chain_for(cast.agency.pk)) is None
