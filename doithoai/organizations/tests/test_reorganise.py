"""Reorganisation with history: rename, move, merge; documents and statistics across it."""

import datetime

import pytest

from doithoai.audit.models import AuditEvent, Verb
from doithoai.conferences import actions as conf
from doithoai.conferences.models import Conference, ConferenceStatus, DialoguePlan
from doithoai.core.errors import InvalidTransition, PermissionRefused, ValidationFailed
from doithoai.deadlines.models import Deadline
from doithoai.deadlines.models import Status as DeadlineStatus
from doithoai.documents.service import render
from doithoai.documents.tests.helpers import full_text, open_docx
from doithoai.followups.models import Assignment
from doithoai.organizations import reorganise
from doithoai.organizations.access import roles
from doithoai.organizations.models import Membership, Reorganisation, Role
from doithoai.petitions.models import OPEN_STATUSES, Petition, Status
from doithoai.reports import summaries
from doithoai.testing import factories as f

RESOLUTION = "Nghị quyết số 202/2025/QH15"
MERGED_ON = datetime.date(2025, 7, 1)


@pytest.fixture
def installer(db):
    return f.UserFactory(username="installer", is_superuser=True, is_staff=True)


@pytest.fixture
def successor(db):
    agency = f.AgencyFactory(
        code="VPTQ",
        name="Văn phòng UBND tỉnh Tuyên Quang",
        parent_body_name="UBND TỈNH TUYÊN QUANG",
        locality="Tuyên Quang",
    )
    f.UnitFactory(agency=agency, name="Phòng Hành chính - Tổ chức", code="HCTC")
    f.member(agency, Role.HEAD, username="tq-head")
    return agency


def _issued_plan(cast, year, issued_on):
    plan = conf.create_plan(agency=cast.agency, year=year, by=cast.secretariat)
    return conf.issue_plan(plan=plan, issued_on=issued_on, by=cast.head)


def _text(kind, obj, user, **kw):
    return full_text(open_docx(render(kind, obj, user=user, **kw).content))


def _merge(cast, successor, installer, time_machine):
    f.freeze(time_machine, f.aware(2025, 7, 1, 9))
    return reorganise.merge_agency(
        agency=cast.agency,
        successor=successor,
        by=installer,
        effective_on=MERGED_ON,
        legal_basis=RESOLUTION,
        legal_basis_date=datetime.date(2025, 6, 12),
    )


@pytest.fixture
def before_merge(cast, time_machine):
    """The Hà Giang office on 20/06/2025: closed, open and held records of every kind."""
    f.freeze(time_machine, f.aware(2025, 6, 20, 9))
    world = {"plan": _issued_plan(cast, 2025, datetime.date(2025, 1, 3))}
    world["closed"] = f.reach(cast, Status.CLOSED)
    world["received"] = f.received(cast, title="Đề nghị sửa mái nhà xe")
    world["assigned"], world["assignment"] = f.assigned(cast, title="Đề nghị cấp máy tính mới")
    planned = f.ad_hoc_conference(cast, starts_at=f.aware(2025, 7, 10, 8))
    world["scheduled"] = f.scheduled(cast, planned, title="Đề nghị tập huấn ký số")
    world["planned"] = planned
    held = f.ad_hoc_conference(cast, starts_at=f.aware(2025, 6, 20, 8), title="Hội nghị tháng 6")
    world["held_petition"] = f.scheduled(cast, held, title="Đề nghị bố trí phòng họp")
    held = f.open_conference_with(cast, held)
    from doithoai.followups.actions import answer_petition

    answer_petition(petition=world["held_petition"], text="Giải đáp tại hội nghị.", by=cast.head)
    conf.close_conference(conference=held, conclusion="Kết luận.", by=cast.head)
    conf.draft_notice(conference=held, text="Thông báo kết luận.", by=cast.secretariat)
    world["held"] = held
    return world


def test_only_an_installation_administrator_reorganises(
    cast, successor, installer, before_merge, time_machine
):
    for actor in (cast.admin, cast.head):
        with pytest.raises(PermissionRefused):
            _merge(cast, successor, actor, time_machine)
    assert Reorganisation.objects.count() == 0
    assert _merge(cast, successor, installer, time_machine).successor == successor


def test_merge_carries_every_open_item_and_deadline(
    cast, successor, installer, before_merge, time_machine
):
    w = before_merge
    agency = cast.agency
    open_before = set(
        Petition.objects.filter(agency=agency, status__in=OPEN_STATUSES).values_list(
            "pk", flat=True
        )
    )
    running = set(
        Deadline.objects.filter(agency=agency, status=DeadlineStatus.OPEN).values_list(
            "pk", flat=True
        )
    )
    assert len(running) >= 3, "the world must have deadlines to carry"
    event = _merge(cast, successor, installer, time_machine)

    carried = open_before - {w["held_petition"].pk}
    moved = Petition.objects.filter(pk__in=carried)
    assert set(moved.values_list("agency_id", flat=True)) == {successor.pk}
    assert {p.code for p in moved} == {f"KN-2025-{n:04d}" for n in range(1, len(carried) + 1)}
    assert all(p.topic.agency_id == successor.pk for p in moved if p.topic_id)
    assert Assignment.objects.get(pk=w["assignment"].pk).agency_id == successor.pk
    assert Conference.objects.get(pk=w["planned"].pk).agency_id == successor.pk
    assert set(Deadline.objects.filter(pk__in=running).values_list("agency_id", flat=True)) == {
        successor.pk
    }
    assert not Deadline.objects.filter(agency=agency, status=DeadlineStatus.OPEN).exists()
    assert event.carried["petitions"] == len(carried)
    assert event.carried["deadlines"] == len(running)
    # The conference already held stays with the agency that held it, with its petition.
    held = Conference.objects.get(pk=w["held"].pk)
    assert held.agency_id == agency.pk and held.status == ConferenceStatus.CLOSED
    # People moved; nothing deleted; the merge is in the old agency's audit chain.
    assert Membership.objects.filter(agency=agency).count() == 0
    assert Membership.objects.get(user=cast.head).agency_id == successor.pk
    agency.refresh_from_db()
    assert (agency.successor_id, agency.ended_on) == (successor.pk, MERGED_ON)
    audit = AuditEvent.objects.get(verb=Verb.AGENCY_MERGED)
    assert audit.agency_id == agency.pk and audit.after["legal_basis"] == RESOLUTION


def test_closed_records_stay_readable_under_the_old_name(
    cast, successor, installer, before_merge, time_machine
):
    w = before_merge
    _merge(cast, successor, installer, time_machine)
    closed = Petition.objects.get(pk=w["closed"].pk)
    assert closed.agency_id == cast.agency.pk and closed.code == w["closed"].code
    # The successor's people hold their roles over what the old agency left.
    assert Role.SECRETARIAT in roles(cast.secretariat, cast.agency)
    assert roles(f.UserFactory(), cast.agency) == frozenset()
    text = _text("plan", DialoguePlan.objects.get(pk=w["plan"].pk), cast.secretariat)
    assert "UBND TỈNH HÀ GIANG" in text and "VĂN PHÒNG" in text
    assert "Hà Giang, ngày 03 tháng 01 năm 2025" in text
    assert "TUYÊN QUANG" not in text


def test_a_notice_dated_after_the_merge_prints_the_successors_names(
    cast, successor, installer, before_merge, time_machine
):
    w = before_merge
    before = _text("notice", w["held"].notice, cast.head)
    assert "UBND TỈNH HÀ GIANG" in before
    _merge(cast, successor, installer, time_machine)
    f.freeze(time_machine, f.aware(2025, 7, 2, 9))
    # The head, now in the successor, finishes the conference the old office held.
    conf.issue_notice(conference=w["held"], by=cast.head, issued_on=datetime.date(2025, 7, 2))
    held = Conference.objects.get(pk=w["held"].pk)
    after = _text("notice", held.notice, cast.head)
    assert "UBND TỈNH TUYÊN QUANG" in after and "Tuyên Quang, ngày 02 tháng 7 năm 2025" in after
    assert "HÀ GIANG" not in after
    minutes = _text("minutes", held, cast.head)
    assert "UBND TỈNH HÀ GIANG" in minutes and "TUYÊN QUANG" not in minutes


def _received(agency_ids, year=2025) -> int:
    return Petition.objects.filter(agency_id__in=agency_ids, submitted_at__year=year).count()


def test_statistics_follow_the_successor_with_the_history(
    cast, successor, installer, before_merge, time_machine
):
    tq = f.Cast.__new__(f.Cast)
    tq.agency = successor
    tq.topic = lambda code="che-do-tien-luong": f.topic(successor, code)
    tq.staff = f.member(successor, Role.STAFF)
    tq.secretariat = f.member(successor, Role.SECRETARIAT)
    f.received(tq, title="Kiến nghị của Văn phòng Tuyên Quang")
    old, new = cast.agency.pk, successor.pk
    assert _received([old]) == 5 and _received([new]) == 1  # counted by hand above

    def figure(agencies):
        return summaries.summary(agencies, 2025)["figures"]["petitions_received"]

    assert (figure(cast.agency), figure(successor)) == (5, 1)
    _merge(cast, successor, installer, time_machine)
    cast.agency.refresh_from_db()
    assert figure(successor) == 6  # the old office's 5 with its own 1
    assert figure([cast.agency, successor]) == 6  # a roll-up counts the history once
    assert figure(cast.agency) == _received([old]) == 2  # what stayed: closed and held


def test_rename_prints_each_name_on_its_own_dates(cast, installer, time_machine):
    f.freeze(time_machine, f.aware(2018, 1, 2, 9))
    plan_2018 = _issued_plan(cast, 2018, datetime.date(2018, 1, 3))
    f.freeze(time_machine, f.aware(2019, 1, 2, 9))
    reorganise.rename_agency(
        agency=cast.agency,
        by=installer,
        effective_on=datetime.date(2019, 1, 1),
        legal_basis="Quyết định số 01/QĐ-UBND",
        name="Văn phòng Đoàn ĐBQH, HĐND và UBND tỉnh Hà Giang",
        short_name="Văn phòng",
        parent_body_name="UBND TỈNH HÀ GIANG",
        locality="Hà Giang",
    )
    plan_2019 = _issued_plan(cast, 2019, datetime.date(2019, 1, 3))
    old = _text("plan", plan_2018, cast.head)
    new = _text("plan", plan_2019, cast.head)
    assert "ĐOÀN ĐBQH" not in old and "VĂN PHÒNG" in old
    assert "VĂN PHÒNG ĐOÀN ĐBQH, HĐND VÀ UBND TỈNH HÀ GIANG" not in new  # parent not repeated
    assert "VĂN PHÒNG ĐOÀN ĐBQH, HĐND VÀ" in new
    cast.agency.refresh_from_db()
    assert cast.agency.name.startswith("Văn phòng Đoàn ĐBQH")
    assert AuditEvent.objects.filter(verb=Verb.AGENCY_RENAMED).count() == 1


def test_move_and_refusals(cast, installer, time_machine):
    f.freeze(time_machine, f.aware(2025, 7, 2, 9))
    province = f.AgencyFactory(code="UBNDTQ", name="UBND tỉnh Tuyên Quang")
    reorganise.move_agency(
        agency=cast.agency,
        new_parent=province,
        by=installer,
        effective_on=MERGED_ON,
        legal_basis=RESOLUTION,
    )
    cast.agency.refresh_from_db()
    assert cast.agency.parent_id == province.pk
    with pytest.raises(ValidationFailed):  # a cycle
        reorganise.move_agency(
            agency=province,
            new_parent=cast.agency,
            by=installer,
            effective_on=MERGED_ON,
            legal_basis=RESOLUTION,
        )
    with pytest.raises(ValidationFailed):  # not yet in force
        reorganise.move_agency(
            agency=cast.agency,
            new_parent=None,
            by=installer,
            effective_on=datetime.date(2025, 8, 1),
            legal_basis=RESOLUTION,
        )
    reorganise.merge_agency(
        agency=cast.agency,
        successor=province,
        by=installer,
        effective_on=MERGED_ON,
        legal_basis=RESOLUTION,
    )
    with pytest.raises(InvalidTransition):  # merged already
        reorganise.merge_agency(
            agency=cast.agency,
            successor=province,
            by=installer,
            effective_on=MERGED_ON,
            legal_basis=RESOLUTION,
        )
