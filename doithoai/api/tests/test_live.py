"""The live room over the API: its state with ETag/304, joining, floor petitions, requests to
speak, support, the current item, the head count; who may and who may not."""

import pytest

from doithoai.followups.actions import answer_petition
from doithoai.live.models import FloorStatus, Participant
from doithoai.testing import factories as f

from .test_errors import _is_error

pytestmark = pytest.mark.usefixtures("seed_day")


@pytest.fixture
def running(cast):
    return f.in_conference(cast).conference


def live(conference, rest=""):
    return f"/conferences/{conference.pk}/live{rest}"


def test_state_polls_with_if_none_match(api, cast, running):
    first = api.get(cast.staff, live(running))
    assert first.status_code == 200
    body = first.json()
    assert body["version"] >= 1 and body["current_item"] is None and len(body["items"]) == 1
    tag = first["ETag"]
    assert api.get(cast.staff, live(running), headers={"If-None-Match": tag}).status_code == 304
    item_id = body["items"][0]["id"]
    moved = api.post(cast.head, live(running, "/current"), {"item_id": item_id})
    assert moved.status_code == 200 and moved.json()["current_item"]["id"] == item_id
    answer_petition(petition=running.agenda.get().petition, text="Giải đáp.", by=cast.head)
    fresh = api.get(cast.staff, live(running), headers={"If-None-Match": tag})
    assert fresh.status_code == 200 and fresh.json()["version"] > body["version"]
    assert fresh.json()["current_item"]["outcome"]["answer"]["text"] == "Giải đáp."


def test_another_agency_reads_nothing_and_cannot_join(api, cast, running):
    elsewhere = f.Elsewhere()
    _is_error(api.get(elsewhere.staff, live(running)), 404)
    _is_error(api.post(elsewhere.staff, live(running, "/join")), 404)


def test_join_once(api, cast, running):
    first = api.post(cast.staff, live(running, "/join"))
    assert first.status_code == 200 and first.json()["joined_now"] is True
    again = api.post(cast.staff, live(running, "/join"))
    assert again.json()["joined_now"] is False
    assert Participant.objects.count() == 1


def test_floor_petition_raised_then_accepted_with_the_version(api, cast, running):
    body = {"title": "Đề nghị", "content": "Nội dung.", "privacy": "confidential"}
    _is_error(api.post(cast.inspector, live(running, "/floor-petitions"), body), 403)
    _is_error(
        api.post(cast.staff, live(running, "/floor-petitions"), {**body, "privacy": "anonymous"}),
        400,
    )
    raised = api.post(cast.staff, live(running, "/floor-petitions"), body)
    assert raised.status_code == 201 and "raised_by" not in raised.json()
    floor_id = raised.json()["id"]
    _is_error(api.get(cast.staff, live(running, "/floor-petitions")), 403)
    queue = api.get(cast.secretariat, live(running, "/floor-petitions")).json()
    assert [q["id"] for q in queue] == [floor_id]
    version = api.get(cast.secretariat, live(running)).json()["version"]
    api.post(cast.head, live(running, "/current"), {"item_id": None, "version": version})
    stale = api.post(
        cast.secretariat,
        live(running, f"/floor-petitions/{floor_id}/accept"),
        {"version": version},
    )
    _is_error(stale, 409, "stale_version")
    fresh = api.get(cast.secretariat, live(running))
    accepted = api.post(
        cast.secretariat,
        live(running, f"/floor-petitions/{floor_id}/accept"),
        headers={"If-Match": fresh["ETag"]},
    )
    assert accepted.status_code == 200 and accepted.json()["status"] == FloorStatus.ACCEPTED
    assert len(api.get(cast.staff, live(running)).json()["items"]) == 2


def test_decline_needs_the_console(api, cast, running):
    raised = api.post(
        cast.staff, live(running, "/floor-petitions"), {"title": "T", "content": "C"}
    ).json()
    path = live(running, f"/floor-petitions/{raised['id']}/decline")
    _is_error(api.post(cast.staff2, path, {"reason": "Trùng."}), 403)
    done = api.post(cast.head, path, {"reason": "Trùng."})
    assert done.status_code == 200 and done.json()["status"] == FloorStatus.DECLINED
    _is_error(
        api.post(cast.head, live(running, "/floor-petitions/999999/decline"), {"reason": "x"}), 404
    )


def test_speaking_queue_and_support(api, cast, running):
    item_id = api.get(cast.staff, live(running)).json()["items"][0]["id"]
    _is_error(api.post(cast.staff, live(running, "/speaking-requests")), 409)
    asked = api.post(cast.staff, live(running, "/speaking-requests"), {"item_id": item_id})
    assert asked.status_code == 201
    _is_error(api.get(cast.staff, live(running, "/speaking-requests")), 403)
    queue = api.get(cast.head, live(running, "/speaking-requests")).json()
    assert [q["person"]["username"] for q in queue] == ["staff"]
    _is_error(
        api.post(cast.staff, live(running, f"/speaking-requests/{queue[0]['id']}/clear")), 403
    )
    cleared = api.post(cast.head, live(running, f"/speaking-requests/{queue[0]['id']}/clear"))
    assert cleared.json()["status"] == "cleared"
    supported = api.post(cast.staff2, live(running, f"/items/{item_id}/support"))
    assert supported.status_code == 200 and supported.json()["items"][0]["supports"] == 1
    _is_error(api.post(cast.staff2, live(running, f"/items/{item_id}/support")), 409)


def test_head_count_corrected_by_the_secretariat_only(api, cast, running):
    body = {"reason": "Đếm lại.", "workers_present": 5}
    _is_error(api.post(cast.staff, live(running, "/attendance"), body), 403)
    done = api.post(cast.secretariat, live(running, "/attendance"), body)
    assert done.status_code == 200 and done.json()["workers_present"] == 5
    _is_error(api.post(cast.secretariat, live(running, "/attendance"), {"reason": ""}), 400)
