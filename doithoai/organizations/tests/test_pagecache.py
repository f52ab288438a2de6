"""The page cache: a page is served whole only while nothing it shows has changed, to the
person it was rendered for, and never past a permission check."""

import datetime

import pytest
from django.urls import reverse

from doithoai.notifications import actions as notices
from doithoai.organizations import actions as org
from doithoai.organizations.models import Role
from doithoai.petitions import actions as pet
from doithoai.testing import factories as f

pytestmark = pytest.mark.usefixtures("page_cache", "seed_day")
INBOX = "/kien-nghi/tiep-nhan/?status=submitted"


def _warm(client, url):
    """The first GET sets the CSRF cookie; the second renders and stores the page."""
    client.get(url)
    return client.get(url)


def _rendered(captured) -> bool:
    """Tell whether the page was rendered: it read the records, not only the session."""
    return any("petitions_" in q["sql"] or "deadlines_" in q["sql"] for q in captured)


def test_an_unchanged_page_is_served_without_rendering(client, cast, django_assert_max_num_queries):
    petition = f.submitted(cast, title="Đề nghị sửa mái nhà xe")
    client.force_login(cast.secretariat)
    first = _warm(client, INBOX)
    assert petition.code in first.content.decode()
    with django_assert_max_num_queries(4) as captured:  # the session, the user
        again = client.get(INBOX)
    assert not _rendered(captured)
    assert again.status_code == 200 and again.content == first.content
    assert again["Content-Type"].startswith("text/html")


def test_an_action_renews_the_page_once_it_commits(
    client, cast, django_capture_on_commit_callbacks
):
    client.force_login(cast.secretariat)
    _warm(client, INBOX)
    with django_capture_on_commit_callbacks(execute=True):
        petition = pet.submit_petition(
            agency=cast.agency, title="Đề nghị lắp thêm quạt", content="Nội dung.", by=cast.staff
        )
    assert petition.code in client.get(INBOX).content.decode()


def test_a_write_that_did_not_commit_changes_nothing_cached(
    client, cast, django_capture_on_commit_callbacks
):
    client.force_login(cast.secretariat)
    before = _warm(client, INBOX).content
    with django_capture_on_commit_callbacks(execute=False):  # rolled back: never committed
        pet.submit_petition(
            agency=cast.agency, title="Đề nghị bị hủy", content="Nội dung.", by=cast.staff
        )
    assert client.get(INBOX).content == before


def test_a_page_is_never_served_to_another_person(client, cast):
    """The head may not learn a confidential writer's name from the secretariat's copy."""
    cast.staff.first_name, cast.staff.last_name = "Lan", "Nguyễn Thị"
    cast.staff.save()
    petition = f.received(cast, privacy="confidential")
    url = reverse("petitions:detail", args=[petition.pk])
    client.force_login(cast.secretariat)  # the secretariat may learn the name
    assert "Lan Nguyễn Thị" in _warm(client, url).content.decode()
    client.force_login(cast.head)
    text = _warm(client, url).content.decode()
    assert "Lan Nguyễn Thị" not in text and "Được bảo mật danh tính" in text


def test_a_person_who_lost_the_role_is_refused_not_served(
    client, cast, django_capture_on_commit_callbacks
):
    client.force_login(cast.secretariat)
    assert _warm(client, INBOX).status_code == 200
    membership = cast.secretariat.memberships.get(agency=cast.agency)
    with django_capture_on_commit_callbacks(execute=True):
        org.set_roles(membership=membership, roles=[Role.STAFF], by=cast.admin)
    assert client.get(INBOX).status_code == 403


def test_a_message_from_the_last_action_is_shown_not_a_cached_page(client, cast):
    petition = f.submitted(cast)
    client.force_login(cast.secretariat)
    _warm(client, reverse("petitions:manage", args=[petition.pk]))
    response = client.post(
        reverse("petitions:receive", args=[petition.pk]),
        {"topic": cast.topic().pk, "privacy": "public"},
        follow=True,
    )
    assert "Đã tiếp nhận, phân loại kiến nghị" in response.content.decode()


def test_the_htmx_partial_and_the_whole_page_are_kept_apart(client, cast):
    client.force_login(cast.secretariat)
    whole = _warm(client, INBOX).content.decode()
    partial = client.get(INBOX, HTTP_HX_REQUEST="true").content.decode()
    assert "<html" in whole and "<html" not in partial
    assert "<html" in client.get(INBOX).content.decode()


def test_each_language_has_its_own_copy(client, cast):
    client.force_login(cast.secretariat)
    assert '<html lang="vi">' in _warm(client, INBOX).content.decode()
    client.post(reverse("set_language"), {"language": "en", "next": INBOX})
    english = client.get(INBOX, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert '<html lang="en">' in english and "Tiếp nhận kiến nghị" not in english


def test_a_new_notification_renews_the_unread_count(
    client, cast, django_capture_on_commit_callbacks
):
    client.force_login(cast.head)
    assert '<span class="count">' not in _warm(client, "/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        notices.notify([cast.head], text="Sắp đến hạn", agency=cast.agency)
    assert '<span class="count">1</span>' in client.get("/").content.decode()


def test_a_new_day_renders_anew(client, cast, time_machine, django_assert_max_num_queries):
    """Deadlines count down and turn overdue with the day alone, without any write."""
    time_machine.move_to(f.aware(2018, 6, 20, 23, 59) + datetime.timedelta(seconds=30), tick=False)
    client.force_login(cast.secretariat)
    _warm(client, "/thoi-han/")
    with django_assert_max_num_queries(4):
        client.get("/thoi-han/")
    # 40 seconds later, well within the cache's timeout, but on the next day.
    time_machine.move_to(f.aware(2018, 6, 21, 0, 0) + datetime.timedelta(seconds=10), tick=False)
    with django_assert_max_num_queries(40) as captured:
        client.get("/thoi-han/")
    assert _rendered(captured)  # for the new day


def test_an_error_or_a_redirect_is_not_stored(client, cast):
    client.force_login(cast.secretariat)
    missing = reverse("petitions:manage", args=[987654])
    assert _warm(client, missing).status_code == 404
    petition = f.submitted(cast)
    assert client.get(reverse("petitions:manage", args=[petition.pk])).status_code == 200


def test_off_when_the_setting_is_zero(client, cast, settings, django_assert_max_num_queries):
    settings.PAGE_CACHE_SECONDS = 0
    client.force_login(cast.secretariat)
    _warm(client, INBOX)
    with django_assert_max_num_queries(30) as captured:
        client.get(INBOX)
    assert _rendered(captured)


def test_the_api_list_is_the_same_json_cached_and_renewed_by_an_action(
    client, cast, settings, django_assert_max_num_queries, django_capture_on_commit_callbacks
):
    for n in range(3):
        f.submitted(cast, title=f"Kiến nghị {n}")
    client.force_login(cast.secretariat)
    url = "/api/v1/petitions/?page_size=2"
    settings.PAGE_CACHE_SECONDS = 0
    plain = client.get(url)
    settings.PAGE_CACHE_SECONDS = 60
    first = client.get(url)
    assert first.status_code == 200 and first.content == plain.content
    assert first["Content-Type"] == plain["Content-Type"]
    with django_assert_max_num_queries(4) as captured:
        again = client.get(url)
    assert again.content == plain.content and not _rendered(captured)
    assert again["Content-Type"] == plain["Content-Type"]
    with django_capture_on_commit_callbacks(execute=True):
        pet.submit_petition(
            agency=cast.agency, title="Kiến nghị mới nhất", content="Nội dung.", by=cast.staff
        )
    assert client.get(url).json()["count"] == 4


def test_the_api_list_is_never_answered_for_another_caller(client, cast):
    petition = f.received(cast, privacy="confidential")
    client.force_login(cast.secretariat)
    url = f"/api/v1/petitions/?q={petition.code}"
    client.get(url)
    shown = client.get(url).json()["results"][0]
    client.force_login(cast.head)
    masked = client.get(url).json()["results"][0]
    assert shown["submitter_label"] != masked["submitter_label"]
    assert masked["submitter_label"] == "Được bảo mật danh tính"
