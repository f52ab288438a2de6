"""The conference's calendar event: sent with the invitation, updated, cancelled, downloadable."""

import pytest
from django.core import mail
from icalendar import Calendar

from doithoai.conferences import actions as conf
from doithoai.core import events
from doithoai.testing import factories as f

pytestmark = pytest.mark.django_db


def _event(text):
    cal = Calendar.from_ical(text)
    (event,) = cal.walk("VEVENT")
    return cal, event


def _invitations(user):
    out = []
    for message in mail.outbox:
        if message.to == [user.email]:
            out += [a for a in message.attachments if a[0].endswith(".ics")]
    return out


def test_invitation_update_and_cancel_share_the_uid_with_rising_sequence(
    cast, seed_day, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        conference = f.ad_hoc_conference(cast)
    with django_capture_on_commit_callbacks(execute=True):
        conference.starts_at = f.aware(2018, 6, 22, 14)
        conference.save(update_fields=["starts_at"])
        events.publish(
            "conference_rescheduled", agency=cast.agency, by=cast.secretariat, conference=conference
        )
    with django_capture_on_commit_callbacks(execute=True):
        conf.cancel_conference(conference=conference, reason="Bão lũ.", by=cast.head)
    sent = _invitations(cast.staff)
    assert len(sent) == 3
    parsed = [_event(content) for _name, content, _type in sent]
    assert len({str(e["UID"]) for _c, e in parsed}) == 1
    assert [int(e["SEQUENCE"]) for _c, e in parsed] == [0, 1, 2]
    assert [str(c["METHOD"]) for c, _e in parsed] == ["REQUEST", "REQUEST", "CANCEL"]
    assert str(parsed[2][1]["STATUS"]) == "CANCELLED"
    assert parsed[1][1].decoded("DTSTART") == f.aware(2018, 6, 22, 14)
    assert parsed[0][1].decoded("DTSTART") == f.MEETING_AT
    assert "method=CANCEL" in sent[2][2]


def test_conference_page_offers_the_ics_to_members_only(client, cast, seed_day):
    conference = f.ad_hoc_conference(cast)
    client.force_login(cast.staff)
    url = f"/thong-bao/hoi-nghi/{conference.pk}.ics"
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")
    _cal, event = _event(response.content)
    assert str(event["SUMMARY"]) == conference.title
    assert str(event["LOCATION"]) == conference.place
    client.force_login(cast.outsider)
    assert client.get(url).status_code == 404
    client.force_login(cast.head)
    assert url in client.get(f"/hoi-nghi/{conference.pk}/").content.decode()
