"""Reorganisation through the API: a superuser previews then records a merge; others are
refused; bad input is a structured refusal and changes nothing."""

import pytest

from doithoai.deadlines.models import Deadline
from doithoai.deadlines.models import Status as DeadlineStatus
from doithoai.organizations.models import Agency, Reorganisation
from doithoai.organizations.tests import test_reorganise as world
from doithoai.testing import factories as f

# The merge world of the reorganisation tests (fixtures shared by name).
RESOLUTION = world.RESOLUTION
installer, successor, before_merge = world.installer, world.successor, world.before_merge

BODY = {
    "kind": "merge",
    "agency_code": "VPUBND",
    "target_code": "vptq",
    "effective_on": "2025-07-01",
    "legal_basis": RESOLUTION,
    "legal_basis_date": "2025-06-12",
}


def test_a_superuser_previews_then_merges(
    api, cast, successor, installer, before_merge, time_machine
):
    f.freeze(time_machine, f.aware(2025, 7, 1, 9))
    api.token(installer)
    running = Deadline.objects.filter(agency=cast.agency, status=DeadlineStatus.OPEN).count()
    before = f.db_state()
    preview = api.post(installer, "/reorganisations/preview", BODY)
    assert preview.status_code == 200, preview.content
    carried = preview.json()["carried"]
    assert carried["deadlines"] == running and carried["assignments"] == 1
    assert carried["memberships"] == cast.agency.memberships.count()
    assert f.db_state() == before
    done = api.post(installer, "/reorganisations", BODY)
    assert done.status_code == 200, done.content
    assert done.json()["carried"] == carried and done.json()["kind"] == "merge"
    assert Agency.objects.get(code="VPUBND").successor == successor


def test_an_agency_admin_is_refused(api, cast, successor, time_machine):
    f.freeze(time_machine, f.aware(2025, 7, 1, 9))
    api.token(cast.admin)
    before = f.db_state()
    for path in ("/reorganisations/preview", "/reorganisations"):
        response = api.post(cast.admin, path, BODY)
        assert response.status_code == 403 and response.json()["code"] == "forbidden"
    assert f.db_state() == before


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"target_code": "VPUBND"}, "successor"),
        ({"target_code": "CHILD"}, "successor"),
        ({"target_code": "KHONGCO"}, "target_code"),
        ({"agency_code": "KHONGCO"}, "agency_code"),
        ({"target_code": ""}, "target"),
        ({"agency_code": "   "}, "agency"),
    ],
)
def test_bad_input_is_refused_and_changes_nothing(
    api, cast, successor, installer, time_machine, change, field
):
    f.AgencyFactory(code="CHILD", parent=cast.agency)
    f.freeze(time_machine, f.aware(2025, 7, 1, 9))
    api.token(installer)
    before = f.db_state()
    for path in ("/reorganisations/preview", "/reorganisations"):
        response = api.post(installer, path, BODY | change)
        assert response.status_code == 400, response.content
        assert response.json()["field"] == field
    assert f.db_state() == before and not Reorganisation.objects.exists()
