"""The seed's rules (DESIGN.md 1–5 and 7) as the actions enforce them."""

import datetime

import pytest

from doithoai.conferences import actions as conf
from doithoai.conferences.models import CombinedWith, ConferenceStatus, Kind
from doithoai.core.errors import Conflict, InvalidTransition, PermissionRefused, ValidationFailed
from doithoai.followups import actions as fu
from doithoai.organizations import actions as org
from doithoai.organizations.models import Delegation, DelegationKind
from doithoai.petitions import actions as pet
from doithoai.petitions.models import Channel, Petition, SubmitterKind
from doithoai.testing.factories import (
    ad_hoc_conference,
    assigned,
    aware,
    in_conference,
    received,
    refused,
    scheduled,
)

pytestmark = pytest.mark.usefixtures("seed_day")


# --- Rule 1: two regular conferences a year, plus ad hoc ones ---------------------------


@pytest.fixture
def plan(cast):
    return conf.create_plan(agency=cast.agency, year=2018, by=cast.secretariat)


def regular(cast, plan, kind, when, combined_with=CombinedWith.NONE):
    return conf.plan_conference(
        agency=cast.agency,
        plan=plan,
        kind=kind,
        combined_with=combined_with,
        title="Hội nghị đối thoại",
        starts_at=when,
        by=cast.secretariat,
    )


@pytest.mark.parametrize(
    ("kind", "combined", "when"),
    [
        (Kind.MID_YEAR, CombinedWith.NONE, aware(2018, 6, 1)),
        (Kind.MID_YEAR, CombinedWith.NONE, aware(2018, 6, 29, 14)),
        (Kind.MID_YEAR, CombinedWith.SIX_MONTH_REVIEW, aware(2018, 6, 28)),
        (Kind.MID_YEAR, CombinedWith.SIX_MONTH_REVIEW, aware(2018, 7, 10)),
        (Kind.YEAR_END, CombinedWith.NONE, aware(2018, 10, 1)),
        (Kind.YEAR_END, CombinedWith.NONE, aware(2018, 12, 28)),
        (Kind.YEAR_END, CombinedWith.STAFF_CONFERENCE, aware(2018, 12, 20)),
        (Kind.YEAR_END, CombinedWith.STAFF_CONFERENCE, aware(2019, 1, 15)),
        (Kind.YEAR_END, CombinedWith.STAFF_CONFERENCE, aware(2019, 3, 29)),
    ],
)
def test_rule1_regular_conference_in_its_months(cast, plan, kind, combined, when):
    conference = regular(cast, plan, kind, when, combined)
    assert conference.chair == cast.head


@pytest.mark.parametrize(
    ("kind", "combined", "when"),
    [
        (Kind.MID_YEAR, CombinedWith.NONE, aware(2018, 5, 31)),
        (Kind.MID_YEAR, CombinedWith.NONE, aware(2018, 7, 2)),
        (Kind.MID_YEAR, CombinedWith.SIX_MONTH_REVIEW, aware(2018, 8, 1)),
        (Kind.MID_YEAR, CombinedWith.STAFF_CONFERENCE, aware(2018, 7, 10)),
        (Kind.MID_YEAR, CombinedWith.NONE, aware(2019, 6, 10)),  # another year's June
        (Kind.YEAR_END, CombinedWith.NONE, aware(2018, 9, 28)),
        (Kind.YEAR_END, CombinedWith.NONE, aware(2019, 1, 10)),
        (Kind.YEAR_END, CombinedWith.SIX_MONTH_REVIEW, aware(2019, 1, 10)),
        (Kind.YEAR_END, CombinedWith.STAFF_CONFERENCE, aware(2019, 4, 1)),
    ],
)
def test_rule1_regular_conference_outside_its_months_is_refused(cast, plan, kind, combined, when):
    with refused(ValidationFailed, field="starts_at"):
        regular(cast, plan, kind, when, combined)


def test_rule1_month_is_judged_in_the_agency_time_zone(cast, plan):
    # 31/05 at 18:00 UTC is already 01/06 in Hà Giang.
    when = datetime.datetime(2018, 5, 31, 18, tzinfo=datetime.UTC)
    assert regular(cast, plan, Kind.MID_YEAR, when).date == datetime.date(2018, 6, 1)


def test_rule1_at_most_one_of_each_regular_kind_per_plan(cast, plan):
    first = regular(cast, plan, Kind.MID_YEAR, aware(2018, 6, 20))
    with refused(Conflict, field="kind"):
        regular(cast, plan, Kind.MID_YEAR, aware(2018, 6, 27))
    regular(cast, plan, Kind.YEAR_END, aware(2018, 12, 20))
    with refused(Conflict, field="kind"):
        regular(cast, plan, Kind.YEAR_END, aware(2018, 11, 20))
    conf.cancel_conference(conference=first, reason="Lùi lịch.", by=cast.head)
    regular(cast, plan, Kind.MID_YEAR, aware(2018, 6, 27))


def test_rule1_a_regular_conference_belongs_to_a_plan(cast):
    with refused(ValidationFailed, field="plan"):
        conf.plan_conference(
            agency=cast.agency,
            kind=Kind.MID_YEAR,
            title="Hội nghị",
            starts_at=aware(2018, 6, 20),
            by=cast.secretariat,
        )


def test_rule1_ad_hoc_conferences_any_time_and_many(cast, plan):
    for when in (aware(2018, 2, 5), aware(2018, 2, 6), aware(2018, 8, 15), aware(2019, 5, 5)):
        conference = conf.plan_conference(
            agency=cast.agency,
            plan=plan,
            kind=Kind.AD_HOC,
            title="Đối thoại đột xuất",
            starts_at=when,
            by=cast.head,
        )
        assert conference.kind == Kind.AD_HOC


# --- Rule 2: the head chairs; force majeure → exactly one deputy --------------------------


def _delegated(cast):
    conference = scheduled(cast).conference
    delegation = conf.delegate_chair(
        conference=conference,
        deputy=cast.deputy,
        reason="Chánh Văn phòng dự họp Thường trực Tỉnh ủy.",
        by=cast.head,
    )
    return conference, delegation


def test_rule2_the_head_chairs_by_default(cast):
    assert ad_hoc_conference(cast).chair == cast.head


def test_rule2_delegation_to_one_deputy_with_reason(cast):
    conference, delegation = _delegated(cast)
    conference.refresh_from_db()
    assert conference.chair == cast.deputy
    assert (delegation.kind, delegation.grantor, delegation.grantee) == (
        DelegationKind.CHAIR,
        cast.head,
        cast.deputy,
    )
    assert delegation.reason.startswith("Chánh Văn phòng")
    assert delegation.valid_until == conference.date
    with refused(Conflict, field="deputy"):
        conf.delegate_chair(conference=conference, deputy=cast.deputy2, reason="Ốm", by=cast.head)
    assert Delegation.objects.filter(conference=conference, kind=DelegationKind.CHAIR).count() == 1


def test_rule2_only_the_delegated_deputy_opens_and_closes(cast):
    conference, _delegation = _delegated(cast)
    petition = conference.petitions.get()
    conf.send_compilation(conference=conference, by=cast.secretariat)
    for other in (cast.deputy2, cast.head):
        with refused(PermissionRefused):
            conf.open_conference(conference=conference, by=other)
    conf.open_conference(conference=conference, by=cast.deputy)
    with refused(PermissionRefused):
        fu.answer_petition(petition=petition, text="Giải đáp.", by=cast.deputy2)
    fu.answer_petition(petition=petition, text="Giải đáp.", by=cast.deputy)
    with refused(PermissionRefused):
        conf.close_conference(conference=conference, conclusion="Kết luận.", by=cast.deputy2)
    conf.close_conference(conference=conference, conclusion="Kết luận.", by=cast.deputy)
    conf.draft_notice(conference=conference, text="Thông báo.", by=cast.secretariat)
    notice = conf.issue_notice(conference=conference, by=cast.deputy)
    assert notice.signer_authority == "KT."  # the deputy signs on behalf of the head


def test_rule2_revoking_gives_the_chair_back_to_the_head(cast):
    conference, delegation = _delegated(cast)
    conf.revoke_chair_delegation(
        delegation=delegation, reason="Chánh Văn phòng đã về.", by=cast.head
    )
    conference.refresh_from_db()
    assert conference.chair == cast.head
    conf.send_compilation(conference=conference, by=cast.secretariat)
    with refused(PermissionRefused):
        conf.open_conference(conference=conference, by=cast.deputy)
    conf.open_conference(conference=conference, by=cast.head)
    # A new delegation after revocation is possible before the conference opens only.
    with refused(InvalidTransition):
        conf.delegate_chair(conference=conference, deputy=cast.deputy2, reason="x", by=cast.head)


def test_rule2_a_new_deputy_may_be_delegated_after_revocation(cast):
    conference, delegation = _delegated(cast)
    conf.revoke_chair_delegation(delegation=delegation, reason="Đổi người.", by=cast.head)
    conf.delegate_chair(conference=conference, deputy=cast.deputy2, reason="Ốm", by=cast.head)
    conference.refresh_from_db()
    assert conference.chair == cast.deputy2


# --- Rule 3: representatives act only under a valid delegation ------------------------------


def test_rule3_a_representative_submits_for_the_staff_member(cast):
    delegation = org.authorize_representative(
        agency=cast.agency,
        grantee=cast.leader,
        valid_until=datetime.date(2018, 12, 31),
        reason="Đại diện Phòng Tổng hợp",
        by=cast.staff,
    )
    petition = pet.submit_petition(
        agency=cast.agency,
        title="Kiến nghị của CCVC Phòng Tổng hợp",
        content="Đề nghị trang bị máy tính mới.",
        delegation=delegation,
        by=cast.leader,
    )
    assert (petition.submitter, petition.delegation) == (cast.staff, delegation)
    assert (petition.channel, petition.submitter_kind) == (
        Channel.REPRESENTATIVE,
        SubmitterKind.REPRESENTATIVE,
    )
    assert Petition.objects.visible_to(cast.leader).filter(pk=petition.pk).exists()
    assert Petition.objects.visible_to(cast.staff).filter(pk=petition.pk).exists()


def test_rule3_no_delegation_no_representation(cast, time_machine):
    delegation = org.authorize_representative(
        agency=cast.agency,
        grantee=cast.leader,
        valid_until=datetime.date(2018, 6, 25),
        by=cast.staff,
    )

    def submit(by):
        return pet.submit_petition(
            agency=cast.agency, title="T", content="N", delegation=delegation, by=by
        )

    with refused(PermissionRefused):
        submit(cast.other_leader)
    time_machine.move_to(aware(2018, 6, 26, 9), tick=False)
    with refused(ValidationFailed, field="delegation"):
        submit(cast.leader)


def test_rule3_the_representative_confirms_having_informed_the_staff(cast):
    delegation = org.authorize_representative(
        agency=cast.agency, grantee=cast.leader, by=cast.staff
    )
    with refused(PermissionRefused):
        org.confirm_representative_informed(delegation=delegation, by=cast.staff)
    org.confirm_representative_informed(delegation=delegation, by=cast.leader)
    delegation.refresh_from_db()
    assert delegation.informed_at is not None


# --- Rule 4: the compiled list reaches the chair before the conference ----------------------


def test_rule4_cannot_open_before_the_list_is_sent(cast):
    conference = scheduled(cast).conference
    with refused(InvalidTransition, field="status"):
        conf.open_conference(conference=conference, by=cast.head)
    conf.send_compilation(conference=conference, by=cast.secretariat)
    conference.refresh_from_db()
    assert conference.compilation_sent_at is not None
    conf.open_conference(conference=conference, by=cast.head)


# --- Rule 5: every item decided before closing; commitments have a date and a form ------------


def test_rule5_cannot_close_while_an_item_is_undecided(cast):
    first = in_conference(cast)
    conference = first.conference
    second = pet.record_petition(
        agency=cast.agency,
        title="Kiến nghị tại hội nghị",
        content="Đề nghị tổ chức tham quan học tập kinh nghiệm.",
        channel=Channel.FLOOR,
        submitter=cast.staff2,
        conference=conference,
        by=cast.secretariat,
    )
    fu.answer_petition(petition=first, text="Giải đáp.", by=cast.head)
    with refused(InvalidTransition, field="agenda") as caught:
        conf.close_conference(conference=conference, conclusion="Kết luận.", by=cast.head)
    assert second.code in str(caught[0].message)
    fu.commit_answer(
        petition=second, promised_on=datetime.date(2018, 7, 20), form="written", by=cast.head
    )
    conf.close_conference(conference=conference, conclusion="Kết luận.", by=cast.head)
    conference.refresh_from_db()
    assert conference.status == ConferenceStatus.CLOSED


def test_rule5_a_commitment_has_a_future_date_and_a_form(cast):
    petition = in_conference(cast)
    with refused(ValidationFailed, field="promised_on"):
        fu.commit_answer(
            petition=petition, promised_on=datetime.date(2018, 6, 20), form="written", by=cast.head
        )
    with refused(ValidationFailed, field="form"):
        fu.commit_answer(
            petition=petition, promised_on=datetime.date(2018, 7, 20), form="", by=cast.head
        )
    commitment = fu.commit_answer(
        petition=petition, promised_on=datetime.date(2018, 7, 20), form="meeting", by=cast.head
    )
    assert (commitment.promised_on, commitment.form) == (datetime.date(2018, 7, 20), "meeting")
    # Answering later keeps the commitment.
    fu.answer_petition(petition=petition, text="Trả lời như đã cam kết.", by=cast.head)
    commitment.refresh_from_db()
    assert commitment.kept_on == datetime.date(2018, 6, 20)


def test_rule5_the_chair_designates_a_leader_to_answer(cast):
    petition = in_conference(cast)
    answer = fu.answer_petition(
        petition=petition, text="Trưởng phòng giải đáp.", answerer=cast.leader, by=cast.head
    )
    item = petition.conference.agenda.get(petition=petition)
    assert (answer.answered_by, item.answerer, item.status) == (cast.leader, cast.leader, "settled")


# --- Rule 7: the assigned unit reports; 15 days only with a reason ---------------------------


def test_rule7_only_the_assigned_units_leader_reports(cast):
    _petition, assignment = assigned(cast)
    for role in ("other_leader", "staff", "secretariat", "head"):
        with refused(PermissionRefused):
            fu.report_resolution(assignment=assignment, text="Kết quả.", by=getattr(cast, role))
    fu.report_resolution(assignment=assignment, text="Kết quả.", by=cast.leader)


def test_rule7_the_fifteen_day_limit_needs_a_reason(cast):
    _petition, assignment = assigned(cast)
    with refused(ValidationFailed, field="reason"):
        fu.request_extension(assignment=assignment, reason="", by=cast.leader)
    with refused(PermissionRefused):
        fu.request_extension(assignment=assignment, reason="Xác minh.", by=cast.other_leader)
    request = fu.request_extension(assignment=assignment, reason="Cần xác minh.", by=cast.leader)
    assignment.refresh_from_db()
    assert not assignment.needs_verification  # until the head approves
    fu.approve_extension(extension=request, by=cast.head)
    assignment.refresh_from_db()
    assert assignment.needs_verification
    petition = received(cast)
    with refused(ValidationFailed, field="verification_reason"):
        fu.assign_petition(petition=petition, unit=cast.unit, needs_verification=True, by=cast.head)
    assignment = fu.assign_petition(
        petition=petition,
        unit=cast.unit,
        needs_verification=True,
        verification_reason="Phải lấy ý kiến Sở Nội vụ.",
        by=cast.head,
    )
    assert assignment.needs_verification
