"""Each permission of petitions/rules.py: a role that may, roles that may not."""

import pytest

from doithoai.petitions import actions as pet
from doithoai.petitions.models import Channel, Status
from doithoai.testing.factories import (
    PermissionCase,
    ad_hoc_conference,
    check_permission,
    reach,
    received,
    submitted,
)

pytestmark = pytest.mark.usefixtures("seed_day")


CASES = {
    "petitions.submit_petition": PermissionCase(
        setup=lambda cast: cast.agency,
        act=lambda cast, agency, user: submitted(cast, by=user),
        may=("staff", "leader"),
        may_not=("head", "deputy", "secretariat", "admin"),
    ),
    "petitions.record_petition": PermissionCase(
        setup=lambda cast: cast.agency,
        act=lambda cast, agency, user: pet.record_petition(
            agency=agency,
            title="Kiến nghị về chế độ làm thêm giờ",
            content="Đề nghị thanh toán tiền làm thêm giờ quý I.",
            channel=Channel.PAPER,
            submitter_name="Hoàng Văn Sơn",
            by=user,
        ),
        may=("secretariat",),
        may_not=("staff", "head", "leader"),
    ),
    "petitions.receive_petition": PermissionCase(
        setup=lambda cast: submitted(cast),
        act=lambda cast, p, user: pet.receive_petition(petition=p, topic=cast.topic(), by=user),
        may=("secretariat",),
        may_not=("head", "deputy", "staff", "leader"),
    ),
    "petitions.merge_petition": PermissionCase(
        setup=lambda cast: (received(cast, title="Kiến nghị chính"), received(cast)),
        act=lambda cast, pair, user: pet.merge_petitions(
            lead=pair[0], duplicates=[pair[1]], by=user
        ),
        subject=lambda pair: pair[0],
        may=("secretariat",),
        may_not=("head", "staff"),
    ),
    "petitions.reject_petition": PermissionCase(
        setup=lambda cast: submitted(cast),
        act=lambda cast, p, user: pet.reject_petition(
            petition=p, reason="Không thuộc thẩm quyền.", by=user
        ),
        may=("secretariat",),
        may_not=("head", "staff", "leader"),
    ),
    "petitions.schedule_petition": PermissionCase(
        setup=lambda cast: (ad_hoc_conference(cast), received(cast)),
        act=lambda cast, pair, user: pet.schedule_petitions(
            conference=pair[0], petitions=[pair[1]], by=user
        ),
        subject=lambda pair: pair[0],
        may=("secretariat",),
        may_not=("head", "deputy", "staff"),
    ),
    "petitions.withdraw_petition": PermissionCase(
        setup=lambda cast: submitted(cast),
        act=lambda cast, p, user: pet.withdraw_petition(petition=p, by=user),
        may=("staff",),  # the submitter
        may_not=("staff2", "secretariat", "head"),
    ),
    "petitions.support_petition": PermissionCase(
        setup=lambda cast: received(cast),
        act=lambda cast, p, user: pet.support_petition(petition=p, by=user),
        may=("staff2", "leader"),
        may_not=("head", "secretariat"),
    ),
    "petitions.feedback_petition": PermissionCase(
        setup=lambda cast: reach(cast, Status.ANSWERED),
        act=lambda cast, p, user: pet.give_feedback(petition=p, satisfied=True, by=user),
        may=("staff",),  # the submitter
        may_not=("staff2", "secretariat", "head"),
    ),
}


@pytest.mark.parametrize("permission", sorted(CASES))
def test_permission(cast, permission):
    check_permission(cast, permission, CASES[permission])


def test_transfer_needs_the_reject_permission(cast):
    check_permission(
        cast,
        "petitions.reject_petition",
        PermissionCase(
            setup=lambda cast: received(cast),
            act=lambda cast, p, user: pet.transfer_petition(
                petition=p, to="Thanh tra tỉnh", reason="Thẩm quyền.", by=user
            ),
            may=("secretariat",),
            may_not=("head", "staff"),
        ),
    )


def test_unschedule_needs_the_schedule_permission(cast):
    check_permission(
        cast,
        "petitions.schedule_petition",
        PermissionCase(
            setup=lambda cast: reach(cast, Status.SCHEDULED),
            act=lambda cast, p, user: pet.unschedule_petition(petition=p, by=user),
            may=("secretariat",),
            may_not=("head", "staff"),
        ),
    )
