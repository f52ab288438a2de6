"""The minutes' addenda through the API: listed by who may read, added by the secretariat or
the chair, refused to others and before the conference is held."""

import pytest

from doithoai.audit.models import AuditEvent, Verb
from doithoai.conferences.models import ConferenceStatus
from doithoai.testing.factories import conference_in

from .test_errors import _is_error

pytestmark = pytest.mark.usefixtures("seed_day")

BODY = {"text": "Đính chính tên người phát biểu.", "reason": "Ghi nhầm tên."}


def test_add_and_list(api, cast):
    conference = conference_in(cast, ConferenceStatus.CLOSED)
    path = f"/conferences/{conference.pk}/minutes/addenda"
    created = api.post(cast.secretariat, path, BODY)
    assert created.status_code == 201, created.content
    assert created.json()["number"] == 1 and created.json()["text"] == BODY["text"]
    assert api.post(cast.head, path, {**BODY, "text": "Lần hai."}).json()["number"] == 2
    listed = api.get(cast.inspector, path)
    assert listed.status_code == 200
    assert [a["number"] for a in listed.json()] == [1, 2]
    assert AuditEvent.objects.filter(verb=Verb.MINUTES_CORRECTED).count() == 2
    minutes = api.get(cast.inspector, f"/conferences/{conference.pk}/minutes").json()
    assert [a["number"] for a in minutes["addenda"]] == [1, 2]


@pytest.mark.parametrize("role", ["staff", "inspector", "leader"])
def test_others_may_not_add(api, cast, role):
    conference = conference_in(cast, ConferenceStatus.CLOSED)
    response = api.post(getattr(cast, role), f"/conferences/{conference.pk}/minutes/addenda", BODY)
    assert response.status_code in (403, 404)
    assert not conference.addenda.exists()


def test_bad_input_and_wrong_state(api, cast):
    closed = conference_in(cast, ConferenceStatus.CLOSED)
    path = f"/conferences/{closed.pk}/minutes/addenda"
    _is_error(api.post(cast.secretariat, path, {"text": "Sửa.", "reason": " "}), 400)
    _is_error(api.post(cast.secretariat, path, {"text": "Sửa."}), 400)
    planned = conference_in(cast, ConferenceStatus.PLANNED)
    _is_error(api.post(cast.secretariat, f"/conferences/{planned.pk}/minutes/addenda", BODY), 409)
    _is_error(api.get(cast.secretariat, f"/conferences/{planned.pk}/minutes/addenda"), 404)
    _is_error(api.get(cast.staff, path), 403)
