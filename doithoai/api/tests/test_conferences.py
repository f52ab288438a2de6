"""Conferences over the API: list, schedule, read with the agenda, and their actions."""

from doithoai.conferences.actions import close_conference, open_conference
from doithoai.followups.actions import answer_petition
from doithoai.petitions.models import Privacy

from .conftest import conference, received


def test_list_for_members_not_outsiders(api, cast):
    conf = conference(cast)
    assert [c["id"] for c in api.get(cast.staff, "/conferences/").json()["results"]] == [conf.pk]
    assert api.get(cast.outsider, "/conferences/").json()["count"] == 0


def test_create_by_head_refused_for_staff(api, cast):
    body = {
        "kind": "ad_hoc",
        "title": "Hội nghị đột xuất",
        "starts_at": "2030-03-10T08:00:00+07:00",
    }
    assert api.post(cast.staff, "/conferences/", body).status_code == 403
    response = api.post(cast.head, "/conferences/", body)
    assert response.status_code == 201
    assert response.json()["chair"]["username"] == "head"
    assert response.json()["agenda"] == []


def test_detail_hides_petitions_the_caller_may_not_see(api, cast):
    from doithoai.petitions.actions import schedule_petitions

    conf = conference(cast)
    public = received(cast, title="Công khai")
    secret = received(cast, user=cast.staff2, privacy=Privacy.CONFIDENTIAL, title="Bảo mật")
    schedule_petitions(conference=conf, petitions=[public, secret], by=cast.secretariat)
    agenda = api.get(cast.staff, f"/conferences/{conf.pk}").json()["agenda"]
    assert agenda[0]["petition"]["id"] == public.pk
    assert agenda[1]["petition"] is None
    full = api.get(cast.inspector, f"/conferences/{conf.pk}").json()["agenda"]
    assert full[1]["petition"]["id"] == secret.pk and "submitter" not in full[1]["petition"]
    assert api.get(cast.outsider, f"/conferences/{conf.pk}").status_code == 404


def test_compilation(api, cast):
    from doithoai.petitions.actions import schedule_petitions

    conf = conference(cast)
    schedule_petitions(conference=conf, petitions=[received(cast)], by=cast.secretariat)
    assert api.post(cast.staff, f"/conferences/{conf.pk}/compilation").status_code == 403
    response = api.post(cast.secretariat, f"/conferences/{conf.pk}/compilation")
    assert response.status_code == 200 and response.json()["status"] == "compiled"


def test_open(api, cast):
    conf = conference(cast, compiled=True)
    assert api.post(cast.secretariat, f"/conferences/{conf.pk}/open", {}).status_code == 403
    response = api.post(cast.head, f"/conferences/{conf.pk}/open", {"attendance": "Toàn thể"})
    assert response.status_code == 200 and response.json()["status"] == "in_progress"


def test_open_before_compilation_is_409(api, cast):
    conf = conference(cast)
    response = api.post(cast.head, f"/conferences/{conf.pk}/open", {})
    assert response.status_code == 409 and response.json()["code"] == "invalid_transition"


def test_statements(api, cast):
    conf = open_conference(conference=conference(cast, compiled=True), by=cast.head)
    body = {"text": "Đề nghị xem xét", "speaker_id": cast.staff.pk}
    assert api.post(cast.staff, f"/conferences/{conf.pk}/statements", body).status_code == 403
    response = api.post(cast.secretariat, f"/conferences/{conf.pk}/statements", body)
    assert response.status_code == 201 and response.json()["text"] == "Đề nghị xem xét"


def test_close(api, cast):
    conf = open_conference(conference=conference(cast, compiled=True), by=cast.head)
    answer_petition(petition=conf.agenda.get().petition, text="Đã giải đáp", by=cast.head)
    body = {"conclusion": "Kết luận của hội nghị"}
    assert api.post(cast.staff, f"/conferences/{conf.pk}/close", body).status_code == 403
    response = api.post(cast.head, f"/conferences/{conf.pk}/close", body)
    assert response.status_code == 200 and response.json()["status"] == "closed"


def _closed(cast, when=None):
    conf = open_conference(conference=conference(cast, compiled=True, when=when), by=cast.head)
    answer_petition(petition=conf.agenda.get().petition, text="Đã giải đáp", by=cast.head)
    return close_conference(conference=conf, conclusion="Kết luận", by=cast.head)


def test_notice_draft_and_issue(api, cast):
    import time_machine

    from doithoai.testing.factories import aware

    with time_machine.travel(aware(2031, 3, 10, 17)):
        conf = _closed(cast, when=aware(2031, 3, 10, 8))
        body = {"text": "Thông báo kết luận"}
        assert api.post(cast.head, f"/conferences/{conf.pk}/notice", body).status_code == 403
        response = api.post(cast.secretariat, f"/conferences/{conf.pk}/notice", body)
        assert response.status_code == 200 and response.json()["status"] == "draft"
        refused = api.post(cast.secretariat, f"/conferences/{conf.pk}/notice/issue", {})
        assert refused.status_code == 403
        issued = api.post(cast.head, f"/conferences/{conf.pk}/notice/issue", {})
    assert issued.status_code == 200, issued.json()
    assert issued.json()["status"] == "issued" and issued.json()["symbol"]
