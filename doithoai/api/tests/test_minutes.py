"""The minutes under /api/: read from the snapshot frozen at close."""

from doithoai.conferences.tests.test_minutes import _held
from doithoai.followups import actions as fu


def test_api_reads_the_frozen_minutes(api, cast, time_machine):
    conference, committed, _assignment = _held(cast, time_machine)
    fu.answer_petition(petition=committed, text="Trả lời bằng văn bản.", by=cast.head)
    response = api.get(cast.staff, f"/conferences/{conference.pk}/minutes")
    assert response.status_code == 200
    body = response.json()
    assert body["sha256"] == conference.minutes.sha256
    assert body["snapshot"] == conference.minutes.content
    assert body["frozen"] is True
