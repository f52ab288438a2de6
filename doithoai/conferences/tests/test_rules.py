"""Each permission of conferences/rules.py: a role that may, roles that may not."""

import datetime
import itertools

import pytest

from doithoai.conferences import actions as conf
from doithoai.conferences.models import ConferenceStatus as C
from doithoai.followups.actions import answer_petition
from doithoai.petitions.actions import schedule_petitions
from doithoai.testing.factories import (
    MEETING_AT,
    PermissionCase,
    ad_hoc_conference,
    check_permission,
    conference_in,
    received,
)

pytestmark = pytest.mark.usefixtures("seed_day")

_years = itertools.count(2019)


def _with_agenda(cast):
    conference = ad_hoc_conference(cast)
    schedule_petitions(conference=conference, petitions=[received(cast)], by=cast.secretariat)
    return conference


def _decided(cast):
    conference = conference_in(cast, C.IN_PROGRESS)
    answer_petition(petition=conference.petitions.get(), text="Giải đáp.", by=cast.head)
    return conference


def _drafted(cast):
    conference = conference_in(cast, C.CLOSED)
    conf.draft_notice(conference=conference, text="Thông báo kết luận.", by=cast.secretariat)
    return conference


CASES = {
    "conferences.add_plan": PermissionCase(
        setup=lambda cast: cast.agency,
        act=lambda cast, agency, user: conf.create_plan(agency=agency, year=next(_years), by=user),
        may=("head", "secretariat"),
        may_not=("deputy", "staff", "leader"),
    ),
    "conferences.issue_plan": PermissionCase(
        setup=lambda cast: conf.create_plan(
            agency=cast.agency, year=next(_years), by=cast.secretariat
        ),
        act=lambda cast, plan, user: conf.issue_plan(
            plan=plan, issued_on=datetime.date(2018, 1, 3), by=user
        ),
        may=("head", "secretariat"),
        may_not=("deputy", "staff"),
    ),
    "conferences.add_conference": PermissionCase(
        setup=lambda cast: cast.agency,
        act=lambda cast, agency, user: conf.plan_conference(
            agency=agency,
            kind="ad_hoc",
            title="Đối thoại về sắp xếp tổ chức bộ máy",
            starts_at=MEETING_AT,
            by=user,
        ),
        may=("head", "secretariat"),
        may_not=("deputy", "staff", "leader"),
    ),
    "conferences.cancel_conference": PermissionCase(
        setup=ad_hoc_conference,
        act=lambda cast, c, user: conf.cancel_conference(
            conference=c, reason="Lùi lịch theo chỉ đạo của UBND tỉnh.", by=user
        ),
        may=("head",),
        may_not=("secretariat", "deputy", "staff"),
    ),
    "conferences.delegate_chair": PermissionCase(
        setup=ad_hoc_conference,
        act=lambda cast, c, user: conf.delegate_chair(
            conference=c, deputy=cast.deputy, reason="Họp Thường trực Tỉnh ủy.", by=user
        ),
        may=("head",),
        may_not=("deputy", "secretariat"),
    ),
    "conferences.send_compilation": PermissionCase(
        setup=_with_agenda,
        act=lambda cast, c, user: conf.send_compilation(conference=c, by=user),
        may=("secretariat",),
        may_not=("head", "deputy", "staff"),
    ),
    "conferences.open_conference": PermissionCase(
        setup=lambda cast: conference_in(cast, C.COMPILED),
        act=lambda cast, c, user: conf.open_conference(conference=c, by=user),
        may=("head",),  # the effective chair
        may_not=("deputy", "secretariat", "staff"),
    ),
    "conferences.close_conference": PermissionCase(
        setup=_decided,
        act=lambda cast, c, user: conf.close_conference(
            conference=c, conclusion="Kết luận.", by=user
        ),
        may=("head",),
        may_not=("deputy", "secretariat"),
    ),
    "conferences.record_statement": PermissionCase(
        setup=lambda cast: conference_in(cast, C.IN_PROGRESS),
        act=lambda cast, c, user: conf.record_statement(
            conference=c, text="Đề nghị làm rõ.", speaker=cast.staff, by=user
        ),
        may=("secretariat", "head"),
        may_not=("deputy", "staff", "leader"),
    ),
    "conferences.draft_notice": PermissionCase(
        setup=lambda cast: conference_in(cast, C.CLOSED),
        act=lambda cast, c, user: conf.draft_notice(conference=c, text="Dự thảo.", by=user),
        may=("secretariat",),
        may_not=("head", "deputy"),
    ),
    "conferences.issue_notice": PermissionCase(
        setup=_drafted,
        act=lambda cast, c, user: conf.issue_notice(conference=c, by=user),
        may=("head",),
        may_not=("secretariat", "deputy"),
    ),
}


@pytest.mark.parametrize("permission", sorted(CASES))
def test_permission(cast, permission):
    check_permission(cast, permission, CASES[permission])
