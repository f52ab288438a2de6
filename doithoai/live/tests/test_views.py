"""The room's pages: join by the short link, the phone, the projector, the console, polling
with ETags, and who may do what."""

import pytest
from django.urls import reverse

from doithoai.followups.actions import answer_petition
from doithoai.live import actions
from doithoai.live.models import FloorPetition, FloorStatus, Participant, Room, SpeakingRequest
from doithoai.petitions.models import Support
from doithoai.testing import factories as f


@pytest.fixture
def running(cast, seed_day):
    petition = f.in_conference(cast)
    return petition.conference


def url(name, conference, *args):
    return reverse(f"live:{name}", args=[conference.pk, *args])


def test_join_by_the_short_link_records_attendance(client, cast, running):
    client.force_login(cast.staff)
    page = client.get(url("join", running))
    assert page.status_code == 200 and "Tham dự hội nghị" in page.content.decode()
    assert not Participant.objects.exists()  # opening the link changes nothing
    response = client.post(url("join", running))
    assert response.status_code == 302 and response.url == url("phone", running)
    assert Participant.objects.filter(user=cast.staff, conference=running).exists()
    # Joined already: the link goes straight to the phone page.
    assert client.get(url("join", running)).url == url("phone", running)


def test_join_asks_to_log_in_first(client, running):
    response = client.get(url("join", running))
    assert response.status_code == 302 and "login" in response.url or "dang-nhap" in response.url


def test_user_of_another_agency_is_refused_in_vietnamese(client, cast, running):
    elsewhere = f.Elsewhere()
    client.force_login(elsewhere.staff)
    for name in ("join", "phone", "projector", "phone_state"):
        response = client.get(url(name, running))
        assert response.status_code == 403, name
        assert "cơ quan khác tổ chức" in response.content.decode()
    assert client.post(url("join", running)).status_code == 403
    assert not Participant.objects.exists()


def test_phone_polls_with_etag_and_gets_304_until_a_change(client, cast, running):
    client.force_login(cast.staff)
    first = client.get(url("phone_state", running))
    assert first.status_code == 200
    tag = first["ETag"]
    again = client.get(url("phone_state", running), HTTP_IF_NONE_MATCH=tag)
    assert again.status_code == 304
    item = running.agenda.get()
    actions.move_current_item(conference=running, item=item, by=cast.head)
    answer_petition(petition=item.petition, text="Đã nâng lương đúng hạn.", by=cast.head)
    changed = client.get(url("phone_state", running), HTTP_IF_NONE_MATCH=tag)
    assert changed.status_code == 200 and changed["ETag"] != tag
    assert "Đã nâng lương đúng hạn." in changed.content.decode()


def test_raise_speak_and_support_from_the_phone(client, cast, running):
    item = running.agenda.get()
    actions.move_current_item(conference=running, item=item, by=cast.head)
    client.force_login(cast.staff2)
    response = client.post(
        url("raise", running),
        {"title": "Đề nghị có phòng nghỉ trưa", "content": "Nội dung.", "privacy": "public"},
    )
    assert response.status_code == 302
    assert FloorPetition.objects.get().raised_by == cast.staff2
    bad = client.post(url("raise", running), {"title": "", "content": "", "privacy": "anonymous"})
    assert bad.status_code == 400 and FloorPetition.objects.count() == 1
    assert client.post(url("speak", running)).status_code == 302
    assert SpeakingRequest.objects.get().user == cast.staff2
    client.post(url("support", running, item.pk))
    client.post(url("support", running, item.pk))
    assert Support.objects.filter(petition=item.petition).count() == 1


def test_board_member_watches_but_cannot_raise(client, cast, running):
    client.force_login(cast.inspector)
    assert client.get(url("phone", running)).status_code == 200
    assert client.post(url("raise", running), {"title": "T", "content": "C"}).status_code == 403
    assert client.post(url("speak", running)).status_code == 403


def test_projector_never_names_a_confidential_floor_petitioner(client, cast, running):
    raiser = f.member(cast.agency, full_name="Nguyễn Thị Bảo Mật")
    floor = actions.raise_floor_petition(
        conference=running,
        title="Kiến nghị về thái độ của lãnh đạo phòng",
        content="Nội dung nhạy cảm.",
        privacy="confidential",
        by=raiser,
    )
    floor = actions.accept_floor_petition(floor=floor, by=cast.secretariat)
    item = floor.petition.agenda_items.get()
    actions.move_current_item(conference=running, item=item, by=cast.head)
    client.force_login(cast.staff)
    pages = [
        client.get(url(name, running)).content.decode()
        for name in ("projector", "projector_state", "phone", "phone_state")
    ]
    # The console's live panel (the workspace also lists every member in its speaker choice).
    client.force_login(cast.head)
    workspace = client.get(reverse("conferences:detail", args=[running.pk])).content.decode()
    start = workspace.index('<section id="live-console"')
    pages.append(workspace[start : workspace.index("</section>", start)])
    for html in pages:
        assert "Kiến nghị về thái độ" in html
        assert "Bảo Mật" not in html


def test_projector_shows_qr_and_has_no_controls(client, cast, running):
    client.force_login(cast.secretariat)
    html = client.get(url("projector", running)).content.decode()
    assert url("qr", running) in html and url("join", running) in html
    assert "<form" not in html and "<button" not in html
    svg = client.get(url("qr", running))
    assert svg["Content-Type"] == "image/svg+xml" and b"<svg" in svg.content[:200]


def test_console_shows_floor_petitions_and_accepts_one(client, cast, running):
    floor = actions.raise_floor_petition(
        conference=running, title="Đề nghị sửa mái nhà xe", content="Dột.", by=cast.staff
    )
    client.force_login(cast.secretariat)
    page = client.get(reverse("conferences:detail", args=[running.pk])).content.decode()
    assert "Đề nghị sửa mái nhà xe" in page and url("qr", running) in page
    version = Room.objects.get(pk=running.pk).version
    response = client.post(url("accept", running, floor.pk), {"version": version})
    assert response.status_code == 302
    floor.refresh_from_db()
    assert floor.status == FloorStatus.ACCEPTED


def test_two_consoles_at_once_the_second_is_refused_with_the_fresh_state(
    cast, running, django_user_model
):
    from django.test import Client

    chair, secretary = Client(), Client()
    chair.force_login(cast.head)
    secretary.force_login(cast.secretariat)
    floor = actions.raise_floor_petition(
        conference=running, title="Đề nghị A", content="Nội dung.", by=cast.staff
    )
    item = running.agenda.get()
    seen_chair = chair.get(url("console", running)).context["live_console"]["version"]
    seen_sec = secretary.get(url("console", running)).context["live_console"]["version"]
    assert seen_chair == seen_sec
    ok = chair.post(url("move", running), {"item": item.pk, "version": seen_chair})
    assert ok.status_code == 302
    stale = secretary.post(
        url("accept", running, floor.pk), {"version": seen_sec}, HTTP_HX_REQUEST="true"
    )
    html = stale.content.decode()
    assert "đã thay đổi" in html
    assert stale.context["live_console"]["version"] > seen_sec
    floor.refresh_from_db()
    assert floor.status == FloorStatus.WAITING
    assert Room.objects.get(pk=running.pk).current_item == item


def test_console_refused_to_staff_and_board(client, cast, running):
    for user in (cast.staff, cast.inspector, cast.leader):
        client.force_login(user)
        assert client.get(url("console", running)).status_code == 403
        assert client.post(url("move", running), {"item": ""}).status_code == 403


def test_console_polls_with_etag(client, cast, running):
    client.force_login(cast.head)
    first = client.get(url("console", running))
    assert client.get(url("console", running), HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    actions.raise_floor_petition(conference=running, title="Mới", content="C", by=cast.staff)
    fresh = client.get(url("console", running), HTTP_IF_NONE_MATCH=first["ETag"])
    assert fresh.status_code == 200 and "Mới" in fresh.content.decode()


def test_secretary_corrects_the_head_count_on_the_console(client, cast, running):
    client.force_login(cast.secretariat)
    data = {k: 0 for k in actions.ATTENDANCE_FIELDS}
    data.update(workers_present=4, reason="Bốn người không có điện thoại.")
    assert client.post(url("correct", running), data).status_code == 302
    assert running.attendance_record.__class__.objects.get(conference=running).workers_present == 4
    client.force_login(cast.staff)
    assert client.post(url("correct", running), data).status_code == 403


def test_move_with_an_unknown_item_is_a_message_not_a_crash(client, cast, running):
    client.force_login(cast.head)
    response = client.post(url("move", running), {"item": "99999999"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert "Chọn một nội dung" in response.content.decode()
