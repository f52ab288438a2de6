"""The room pass: an unchanged poll is answered before the session, and only for a member."""

import datetime as dt
import gzip

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from doithoai.live import actions
from doithoai.live.middleware import PASS_COOKIE, PASS_SECONDS
from doithoai.testing import factories as f


@pytest.fixture
def running(cast, seed_day):
    return f.in_conference(cast).conference


def url(name, conference, *args):
    return reverse(f"live:{name}", args=[conference.pk, *args])


def polled(client, conference, name="phone_state"):
    """Open the state once through the whole stack; return its ETag (the pass is now set)."""
    first = client.get(url(name, conference))
    assert first.status_code == 200
    assert PASS_COOKIE in first.cookies
    return first["ETag"]


def test_unchanged_poll_with_a_pass_reads_only_the_version(client, cast, running):
    client.force_login(cast.staff)
    tag = polled(client, running)
    with CaptureQueriesContext(connection) as queries:
        again = client.get(url("phone_state", running), HTTP_IF_NONE_MATCH=tag)
    assert again.status_code == 304 and again["ETag"] == tag
    assert len(queries) == 1 and "live_room" in queries[0]["sql"]
    assert "session" not in queries[0]["sql"]


def test_projector_poll_takes_the_shortcut_too(client, cast, running):
    client.force_login(cast.head)
    tag = polled(client, running, "projector_state")
    with CaptureQueriesContext(connection) as queries:
        again = client.get(url("projector_state", running), HTTP_IF_NONE_MATCH=tag)
    assert again.status_code == 304 and len(queries) == 1
    # A phone's tag does not answer the projector's poll (another variant).
    phone_tag = polled(client, running)
    assert (
        client.get(url("projector_state", running), HTTP_IF_NONE_MATCH=phone_tag).status_code == 200
    )


def test_a_change_is_served_with_the_pass_without_the_session(client, cast, running):
    client.force_login(cast.staff)
    tag = polled(client, running)
    actions.move_current_item(conference=running, item=running.agenda.get(), by=cast.head)
    with CaptureQueriesContext(connection) as queries:
        fresh = client.get(url("phone_state", running), HTTP_IF_NONE_MATCH=tag)
    assert fresh.status_code == 200 and fresh["ETag"] != tag
    html = fresh.content.decode()
    assert "is-current" in html
    sql = " ".join(q["sql"] for q in queries)
    # Neither the session nor the membership was read: the pass let the phone in.
    assert "django_session" not in sql and "organizations_membership" not in sql
    # The support form carries the person's CSRF token, and it is accepted.
    assert "__csrf__" not in html
    token = html.split('name="csrfmiddlewaretoken" value="')[1].split('"')[0]
    item = running.agenda.get()
    client.handler.enforce_csrf_checks = True
    supported = client.post(url("support", running, item.pk), {"csrfmiddlewaretoken": token})
    assert supported.status_code == 302
    # The next poll with the new tag: 304 again.
    again = client.get(url("phone_state", running), HTTP_IF_NONE_MATCH=fresh["ETag"])
    assert again.status_code in (200, 304)


def test_a_changed_fragment_is_compressed_for_a_slow_phone(client, cast, running):
    client.force_login(cast.staff)
    tag = polled(client, running)
    actions.move_current_item(conference=running, item=running.agenda.get(), by=cast.head)
    fresh = client.get(
        url("phone_state", running), HTTP_IF_NONE_MATCH=tag, HTTP_ACCEPT_ENCODING="gzip"
    )
    assert fresh.status_code == 200 and fresh["Content-Encoding"] == "gzip"
    assert gzip.decompress(fresh.content).decode().count("room-state") == 1


def test_the_language_of_the_last_fragment_is_kept(client, cast, running):
    client.force_login(cast.staff)
    tag = polled(client, running)
    english = tag.replace('-vi"', '-en"')
    actions.move_current_item(conference=running, item=running.agenda.get(), by=cast.head)
    fresh = client.get(url("phone_state", running), HTTP_IF_NONE_MATCH=english)
    assert fresh.status_code == 200 and fresh["Content-Language"] == "en"
    assert fresh["ETag"].endswith('-en"')


def test_no_pass_means_the_whole_stack_checks_the_login(client, cast, running):
    client.force_login(cast.staff)
    tag = polled(client, running)
    stranger = type(client)()
    # The ETag alone, without the pass: asked to log in.
    response = stranger.get(url("phone_state", running), HTTP_IF_NONE_MATCH=tag)
    assert response.status_code == 302
    # A forged pass: the same.
    stranger.cookies[PASS_COOKIE] = client.cookies[PASS_COOKIE].value[:-2] + "xx"
    response = stranger.get(url("phone_state", running), HTTP_IF_NONE_MATCH=tag)
    assert response.status_code == 302


def test_a_pass_for_one_room_does_not_open_another(client, cast, running):
    elsewhere = f.Elsewhere()
    other = f.in_conference(elsewhere).conference
    client.force_login(elsewhere.staff)
    polled(client, other)  # a pass for the other agency's room
    client.force_login(cast.staff)
    tag = polled(client, running)
    client.force_login(elsewhere.staff)
    client.get(url("phone_state", other))  # the pass now names the other room
    response = client.get(url("phone_state", running), HTTP_IF_NONE_MATCH=tag)
    assert response.status_code == 403  # the whole stack refused the non-member


def test_an_expired_pass_goes_through_the_whole_stack_and_is_renewed(client, cast, running):
    client.force_login(cast.staff)
    tag = polled(client, running)
    later = dt.timedelta(seconds=PASS_SECONDS + 5)
    with time_machine.travel(later, tick=False), CaptureQueriesContext(connection) as queries:
        response = client.get(url("phone_state", running), HTTP_IF_NONE_MATCH=tag)
    assert response.status_code in (304, 302)
    assert len(queries) > 1  # the session and the membership were read again


def test_logging_out_deletes_the_pass(client, cast, running):
    client.force_login(cast.staff)
    tag = polled(client, running)
    response = client.post(reverse("logout"))
    assert response.cookies[PASS_COOKIE]["max-age"] == 0
    assert response.cookies[PASS_COOKIE]["path"] == "/hn/"
    after = client.get(url("phone_state", running), HTTP_IF_NONE_MATCH=tag)
    assert after.status_code == 302


def test_posts_never_take_the_shortcut(client, cast, running):
    client.force_login(cast.staff)
    tag = polled(client, running)
    response = client.post(url("phone_state", running), HTTP_IF_NONE_MATCH=tag)
    assert response.status_code == 405
