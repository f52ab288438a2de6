"""Bad input on every organization action: a clear error on the right field, nothing stored."""

import datetime

import pytest

from doithoai.core.errors import Conflict, InvalidTransition, ValidationFailed
from doithoai.organizations import actions as org
from doithoai.organizations.models import Membership, Role
from doithoai.testing.factories import (
    Elsewhere,
    ad_hoc_conference,
    open_conference_with,
    refused,
    scheduled,
)

pytestmark = pytest.mark.usefixtures("seed_day")


def test_add_unit_refuses_bad_input(cast):
    elsewhere = Elsewhere()
    cases = [
        ({"name": ""}, "name", ValidationFailed),
        ({"code": " "}, "code", ValidationFailed),
        ({"code": "HCTC"}, "code", Conflict),
        ({"code": "hctc"}, "code", Conflict),
        ({"parent": elsewhere.unit}, "parent", ValidationFailed),
    ]
    for kwargs, field, error in cases:
        values = {"name": "Phòng Kiểm soát thủ tục hành chính", "code": "KSTT", **kwargs}
        with refused(error, field=field):
            org.add_unit(agency=cast.agency, by=cast.admin, **values)


def test_add_member_refuses_bad_input(cast):
    elsewhere = Elsewhere()
    cases = [
        ({"username": ""}, "username", ValidationFailed),
        ({"full_name": "  "}, "full_name", ValidationFailed),
        ({"roles": []}, "roles", ValidationFailed),
        ({"roles": ["president"]}, "roles", ValidationFailed),
        ({"roles": [Role.HEAD, Role.INSPECTOR]}, "roles", ValidationFailed),
        ({"roles": [Role.DEPUTY, Role.INSPECTOR]}, "roles", ValidationFailed),
        ({"roles": [Role.UNIT_LEADER], "unit": None}, "unit", ValidationFailed),
        ({"unit": elsewhere.unit}, "unit", ValidationFailed),
        ({"username": "staff"}, "username", Conflict),  # already a member
    ]
    for kwargs, field, error in cases:
        values = {
            "username": "lothimai",
            "full_name": "Lò Thị Mai",
            "roles": [Role.STAFF],
            "unit": cast.unit,
            **kwargs,
        }
        with refused(error, field=field):
            org.add_member(agency=cast.agency, by=cast.admin, **values)


def test_set_roles_refuses_bad_input(cast):
    elsewhere = Elsewhere()
    membership = Membership.objects.get(agency=cast.agency, user=cast.staff2)
    with refused(ValidationFailed, field="roles"):
        org.set_roles(membership=membership, roles=[], by=cast.admin)
    with refused(ValidationFailed, field="unit"):
        org.set_roles(membership=membership, roles=[Role.STAFF], unit=elsewhere.unit, by=cast.admin)


def test_authorize_representative_refuses_bad_input(cast):
    elsewhere = Elsewhere()
    foreign_conference = _foreign_conference(elsewhere)
    cases = [
        ({"grantee": cast.staff}, "grantee"),  # oneself
        ({"grantee": elsewhere.staff}, "grantee"),
        ({"grantee": cast.outsider}, "grantee"),
        ({"conference": foreign_conference}, "conference"),
        (
            {"valid_from": datetime.date(2018, 6, 20), "valid_until": datetime.date(2018, 6, 1)},
            "valid_until",
        ),
        (
            {"valid_from": datetime.date(2018, 6, 1), "valid_until": datetime.date(2018, 6, 19)},
            "valid_until",
        ),
    ]
    for kwargs, field in cases:
        values = {"grantee": cast.leader, **kwargs}
        with refused(ValidationFailed, field=field):
            org.authorize_representative(agency=cast.agency, by=cast.staff, **values)
    org.authorize_representative(agency=cast.agency, grantee=cast.leader, by=cast.staff)
    with refused(Conflict, field="grantee"):
        org.authorize_representative(agency=cast.agency, grantee=cast.leader, by=cast.staff)


def _foreign_conference(elsewhere):
    from doithoai.conferences.actions import plan_conference
    from doithoai.testing.factories import MEETING_AT

    return plan_conference(
        agency=elsewhere.agency,
        kind="ad_hoc",
        title="Hội nghị đối thoại",
        starts_at=MEETING_AT,
        by=elsewhere.head,
    )


def test_revoke_refuses_an_empty_reason_and_a_second_revocation(cast):
    delegation = org.authorize_representative(
        agency=cast.agency, grantee=cast.leader, by=cast.staff
    )
    with refused(ValidationFailed, field="reason"):
        org.revoke_delegation(delegation=delegation, reason=" ", by=cast.staff)
    org.revoke_delegation(delegation=delegation, reason="Tự trình bày.", by=cast.staff)
    with refused(InvalidTransition, field="delegation"):
        org.revoke_delegation(delegation=delegation, reason="Lần hai.", by=cast.staff)


def test_a_chair_delegation_is_not_revoked_once_the_conference_opened(cast):
    from doithoai.conferences.actions import delegate_chair, revoke_chair_delegation

    conference = scheduled(cast).conference
    delegation = delegate_chair(
        conference=conference, deputy=cast.deputy, reason="Đi công tác.", by=cast.head
    )
    open_conference_with(cast, conference, chair=cast.deputy)
    with refused(InvalidTransition, field="delegation"):
        revoke_chair_delegation(delegation=delegation, reason="Đã về.", by=cast.head)
    with refused(ValidationFailed, field="delegation"):  # not through the generic revocation
        org.revoke_delegation(delegation=delegation, reason="Đã về.", by=cast.head)


def test_confirm_informed_refuses_a_chair_delegation_and_a_repeat(cast):
    from doithoai.conferences.actions import delegate_chair

    chair = delegate_chair(
        conference=ad_hoc_conference(cast), deputy=cast.deputy, reason="Ốm.", by=cast.head
    )
    with refused(ValidationFailed, field="delegation"):
        org.confirm_representative_informed(delegation=chair, by=cast.deputy)
    delegation = org.authorize_representative(
        agency=cast.agency, grantee=cast.leader, by=cast.staff
    )
    org.confirm_representative_informed(delegation=delegation, by=cast.leader)
    with refused(InvalidTransition, field="delegation"):
        org.confirm_representative_informed(delegation=delegation, by=cast.leader)


def test_create_agency_refuses_bad_input(cast):
    cast.admin.is_superuser = True
    cases = [
        ({"name": ""}, "name", ValidationFailed),
        ({"code": ""}, "code", ValidationFailed),
        ({"locality": ""}, "locality", ValidationFailed),
        ({"code": "vpubnd"}, "code", Conflict),
    ]
    for kwargs, field, error in cases:
        values = {"name": "Sở Tài chính", "code": "STC", "locality": "Hà Giang", **kwargs}
        with refused(error, field=field):
            org.create_agency(by=cast.admin, **values)
