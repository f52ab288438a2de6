"""`doithoai onboard`: an agency, its administrator and units in one audited step."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from doithoai.audit.models import AuditEvent, Verb
from doithoai.organizations.access import roles
from doithoai.organizations.models import Agency, Role, Unit
from doithoai.testing import factories as f


@pytest.fixture
def root(db):
    f.AgencyFactory(code="UBNDTQ", name="UBND tỉnh Tuyên Quang")
    return f.UserFactory(username="root", is_superuser=True, is_staff=True)


def _onboard(*extra, by="root"):
    call_command(
        "onboard",
        "SNV",
        "Sở Nội vụ tỉnh Tuyên Quang",
        "--locality=Tuyên Quang",
        "--parent=UBNDTQ",
        "--parent-body=UBND TỈNH TUYÊN QUANG",
        "--admin=quantri.snv",
        "--admin-name=Nguyễn Văn An",
        "--unit=VP=Văn phòng Sở",
        "--unit=CCVC=Phòng Công chức, viên chức",
        f"--by={by}",
        *extra,
    )


def test_onboard_creates_the_agency_its_admin_and_units(root):
    _onboard()
    agency = Agency.objects.get(code="SNV")
    assert agency.parent.code == "UBNDTQ"
    assert set(Unit.objects.filter(agency=agency).values_list("code", flat=True)) == {"VP", "CCVC"}
    admin = agency.memberships.get().user
    assert roles(admin, agency) == {Role.ADMIN}
    assert AuditEvent.objects.filter(verb=Verb.UNIT_CREATED, agency=agency).count() == 2


def test_onboard_is_all_or_nothing_and_needs_a_superuser(root):
    f.UserFactory(username="plain")
    with pytest.raises(CommandError):
        _onboard(by="plain")
    with pytest.raises(CommandError):
        _onboard("--unit=VP=Trùng ký hiệu")  # a duplicate unit code refuses the whole step
    assert not Agency.objects.filter(code="SNV").exists()
