"""Reorganisation from the installation administrator's page: what would move is shown first,
then the merge, move or rename is recorded on confirmation; bad input changes nothing."""

import datetime

import pytest
from django.urls import reverse

from doithoai.deadlines.models import Deadline
from doithoai.deadlines.models import Status as DeadlineStatus
from doithoai.organizations import reorganise
from doithoai.organizations.models import Agency, Membership, Reorganisation
from doithoai.organizations.views_site import CARRIED_LABELS
from doithoai.petitions.models import Petition
from doithoai.testing import factories as f

from . import test_reorganise as world

# The merge world of the reorganisation tests (fixtures shared by name).
RESOLUTION = world.RESOLUTION
installer, successor, before_merge = world.installer, world.successor, world.before_merge

URL = "organizations:site_reorganise"


def _merge_data(**change):
    return {
        "kind": "merge",
        "agency": "vpubnd",
        "target": "VPTQ",
        "effective_on": "2025-07-01",
        "legal_basis": RESOLUTION,
        "legal_basis_date": "2025-06-12",
    } | change


def _at_merge(time_machine):
    f.freeze(time_machine, f.aware(2025, 7, 1, 9))


def test_an_agency_admin_may_not_reorganise(client, cast, successor, installer, time_machine):
    _at_merge(time_machine)
    for user in (cast.admin, cast.head):
        client.force_login(user)
        assert client.get(reverse(URL)).status_code == 403
        before = f.db_state()
        response = client.post(reverse(URL), _merge_data(confirm="on"))
        assert response.status_code == 403
        assert f.db_state() == before
    client.force_login(installer)
    assert client.get(reverse(URL)).status_code == 200


def test_a_merge_shows_what_will_move_then_carries_it_on_confirmation(
    client, cast, successor, installer, before_merge, time_machine
):
    agency = cast.agency
    _at_merge(time_machine)
    client.force_login(installer)
    before = f.db_state()
    response = client.post(reverse(URL), _merge_data())
    assert response.status_code == 200
    assert f.db_state() == before, "the preview changes nothing"
    shown = dict(response.context["preview"])
    running = Deadline.objects.filter(agency=agency, status=DeadlineStatus.OPEN).count()
    people = Membership.objects.filter(agency=agency).count()
    assert shown["Thời hạn đang chạy"] == running >= 3
    assert shown["Người (cùng vai trò)"] == people
    assert shown["Kiến nghị đang xử lý"] >= 3 and shown["Hội nghị chưa tổ chức"] == 1
    assert shown["Việc giao xử lý chưa xong"] == 1
    page = response.content.decode()
    assert "Xác nhận và ghi nhận" in page and 'name="confirm"' in page
    expected = reorganise.preview(
        kind="merge",
        agency=agency,
        target=successor,
        by=installer,
        effective_on=datetime.date(2025, 7, 1),
        legal_basis=RESOLUTION,
    )
    labels = {str(label): key for key, label in CARRIED_LABELS.items()}
    assert {labels[str(k)]: n for k, n in response.context["preview"]} == expected

    response = client.post(reverse(URL), _merge_data(confirm="on"))
    assert response.status_code == 302
    event = Reorganisation.objects.get(agency=agency)
    assert event.successor == successor and event.legal_basis == RESOLUTION
    assert {k: v for k, v in event.carried.items() if isinstance(v, int)} == expected
    assert Deadline.objects.filter(agency=successor, status=DeadlineStatus.OPEN).count() >= running
    assert Petition.objects.filter(pk=before_merge["received"].pk, agency=successor).exists()


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"target": "VPUBND"}, "target", "khác cơ quan này"),
        ({"target": "CHILD"}, "target", "cấp dưới"),
        ({"target": "KHONGCO"}, "target", "Không có cơ quan ký hiệu KHONGCO"),
        ({"agency": "KHONGCO"}, "agency", "Không có cơ quan ký hiệu KHONGCO"),
        ({"target": ""}, "target", "Chọn cơ quan kế thừa"),
        ({"effective_on": "2030-01-01"}, "effective_on", "đã có hiệu lực"),
        ({"legal_basis": ""}, "legal_basis", ""),
    ],
)
def test_bad_input_gets_a_vietnamese_message_and_changes_nothing(
    client, cast, successor, installer, time_machine, change, field, message
):
    f.AgencyFactory(code="CHILD", parent=cast.agency)
    _at_merge(time_machine)
    client.force_login(installer)
    before = f.db_state()
    for confirm in ({}, {"confirm": "on"}):
        response = client.post(reverse(URL), _merge_data(**change) | confirm)
        assert response.status_code == 400, (change, confirm)
        errors = response.context["form"].errors[field]
        assert message in errors[0], errors
    assert f.db_state() == before
    assert Agency.objects.get(code="VPUBND").ended_on is None


def test_a_move_and_a_rename_from_the_page(client, cast, successor, installer, time_machine):
    _at_merge(time_machine)
    client.force_login(installer)
    data = _merge_data(kind="move")
    preview = client.post(reverse(URL), data)
    assert dict(preview.context["preview"]) == {"Cơ quan cấp dưới đi theo": 0}
    assert client.post(reverse(URL), data | {"confirm": "on"}).status_code == 302
    assert Agency.objects.get(code="VPUBND").parent == successor
    rename = _merge_data(
        kind="rename",
        target="",
        name="Văn phòng UBND tỉnh Tuyên Quang (cũ)",
        parent_body_name="UBND TỈNH TUYÊN QUANG",
        locality="Tuyên Quang",
    )
    assert client.post(reverse(URL), rename).status_code == 200
    assert client.post(reverse(URL), rename | {"confirm": "on"}).status_code == 302
    assert Agency.objects.get(code="VPUBND").parent_body_name == "UBND TỈNH TUYÊN QUANG"
    assert Reorganisation.objects.filter(agency=cast.agency).count() == 2
