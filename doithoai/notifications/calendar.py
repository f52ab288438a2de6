"""The conference as an iCalendar event (RFC 5545, built with the `icalendar` library).

One conference keeps one UID for its life; every change (scheduled, rescheduled, cancelled)
raises its SEQUENCE, so calendar programs update or cancel the event they already hold.
"""

import datetime
from urllib.parse import urlsplit

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone

from doithoai.core.lazy import lazy_module

from .models import CalendarSequence

icalendar = lazy_module("icalendar")  # about 7 MB: loaded by the first invitation

DURATION = datetime.timedelta(hours=3)  # a half-day conference unless told otherwise
CANCELLED = "cancelled"


def uid(conference) -> str:
    """Return the conference's lasting UID, on the site's host name."""
    host = urlsplit(settings.SITE_URL).hostname or "doithoai"
    return f"conference-{conference.pk}@{host}"


@transaction.atomic
def bump(conference) -> int:
    """Raise and return the conference's SEQUENCE (0 on its first announcement)."""
    row, created = CalendarSequence.objects.select_for_update().get_or_create(
        conference_id=conference.pk
    )
    if not created:
        CalendarSequence.objects.filter(pk=row.pk).update(sequence=F("sequence") + 1)
        row.refresh_from_db()
    return row.sequence


def current(conference) -> int:
    """Return the conference's SEQUENCE as last announced."""
    return (
        CalendarSequence.objects.filter(conference_id=conference.pk)
        .values_list("sequence", flat=True)
        .first()
        or 0
    )


def ics(conference, *, sequence: int) -> str:
    """Return the conference as an iCalendar text: a REQUEST, or a CANCEL once cancelled."""
    cancelled = conference.status == CANCELLED
    cal = icalendar.Calendar()
    cal.add("prodid", "-//doithoai//Hoi nghi doi thoai//VI")
    cal.add("version", "2.0")
    cal.add("method", "CANCEL" if cancelled else "REQUEST")
    event = icalendar.Event()
    event.add("uid", uid(conference))
    event.add("sequence", sequence)
    event.add("dtstamp", timezone.now())
    event.add("dtstart", conference.starts_at)
    event.add("dtend", conference.starts_at + DURATION)
    event.add("summary", conference.title)
    event.add("location", conference.place)
    event.add("description", conference.agency.name)
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    path = reverse("conferences:detail", args=[conference.pk])
    event.add("url", settings.SITE_URL.rstrip("/") + path)
    cal.add_component(event)
    return cal.to_ical().decode()
