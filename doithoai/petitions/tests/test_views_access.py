"""Who may open each petition page: the role that may gets it, others 403/404, anonymous log in."""

import pytest
from django.urls import reverse

from doithoai.testing import factories as f

STAFF_PAGES = ["petitions:submit", "petitions:authorize"]
MEMBER_PAGES = ["petitions:mine", "followups:published", "petitions:represented"]
SECRETARIAT_PAGES = [
    "petitions:inbox",
    "petitions:record",
    "conferences:schedule",
    "conferences:compilations",
    "followups:followup",
    "followups:publish",
]
ROLES = ["head", "deputy", "secretariat", "leader", "staff", "inspector", "admin"]
STAFF_ROLES = {"staff", "leader"}


def _get(client, user, url):
    client.force_login(user)
    return client.get(url)


@pytest.mark.parametrize("name", STAFF_PAGES + MEMBER_PAGES + SECRETARIAT_PAGES)
def test_anonymous_is_sent_to_log_in(client, db, name):
    response = client.get(reverse(name))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", STAFF_PAGES)
def test_staff_pages_by_role(client, cast, name, role):
    response = _get(client, getattr(cast, role), reverse(name))
    assert response.status_code == (200 if role in STAFF_ROLES else 403)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", SECRETARIAT_PAGES)
def test_secretariat_pages_by_role(client, cast, name, role):
    response = _get(client, getattr(cast, role), reverse(name))
    assert response.status_code == (200 if role == "secretariat" else 403)


@pytest.mark.parametrize("name", MEMBER_PAGES)
def test_member_pages_refuse_outsiders(client, cast, name):
    assert _get(client, cast.staff, reverse(name)).status_code == 200
    assert _get(client, cast.outsider, reverse(name)).status_code == 403


def test_detail_shows_own_and_hides_others_confidential(client, cast, seed_day):
    petition = f.submitted(cast, privacy="confidential")
    url = reverse("petitions:detail", args=[petition.pk])
    assert _get(client, cast.staff, url).status_code == 200
    assert _get(client, cast.staff2, url).status_code == 404
    assert _get(client, cast.outsider, url).status_code == 403
    response = _get(client, cast.inspector, url)
    assert response.status_code == 200
    assert "Được bảo mật danh tính" in response.content.decode()


@pytest.mark.parametrize("role", ROLES)
def test_manage_page_only_for_secretariat(client, cast, seed_day, role):
    petition = f.submitted(cast)
    response = _get(client, getattr(cast, role), reverse("petitions:manage", args=[petition.pk]))
    assert response.status_code == (200 if role == "secretariat" else 403)


@pytest.mark.parametrize(
    "name", ["petitions:receive", "petitions:merge", "petitions:reject", "petitions:transfer"]
)
def test_secretariat_posts_refused_to_staff(client, cast, seed_day, name):
    petition = f.submitted(cast)
    client.force_login(cast.staff)
    assert client.post(reverse(name, args=[petition.pk]), {}).status_code == 403
    petition.refresh_from_db()
    assert petition.status == "submitted"


def test_compilation_page_only_for_secretariat(client, cast, seed_day):
    conference = f.ad_hoc_conference(cast)
    url = reverse("conferences:compilation", args=[conference.pk])
    assert _get(client, cast.secretariat, url).status_code == 200
    assert _get(client, cast.head, url).status_code == 403
    assert client.logout() is None and client.get(url).status_code == 302


def test_attachment_download_follows_visibility(client, cast, seed_day):
    petition = f.submitted(cast, privacy="confidential", attachments=[f.upload()])
    url = reverse("petitions:attachment", args=[petition.attachments.get().pk])
    assert _get(client, cast.staff, url).status_code == 200
    assert _get(client, cast.staff2, url).status_code == 404
