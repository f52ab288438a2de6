"""What the notifications app does when the actions below it announce an event (core.events)."""

from . import calendar, webhooks
from .actions import notify
from .events import EVENTS, recipients, render


def on_assignment_urged(*, agency, by, assignment, recipients, title, body, **_):
    """Tell the unit's leaders that the secretariat urges a report on their assignment."""
    webhooks.queue("assignment_urged", agency, {"assignment": assignment})
    notify(users=recipients, agency=agency, title=title, body=body, event="assignment_urged", by=by)


# The events that carry the conference's calendar entry (same UID, a higher SEQUENCE each).
CALENDAR_EVENTS = ("conference_scheduled", "conference_rescheduled", "conference_cancelled")


def on_event(*, name, agency, by, **payload):
    """Tell the people of the event table's row `name` (events.EVENTS), in the action's
    transaction; their e-mail leaves after it commits."""
    payload["agency"] = agency
    webhooks.queue(name, agency, payload)
    people = [u for u in recipients(name, payload) if u.pk != getattr(by, "pk", None)]
    if not people:
        return None
    text, link = render(name, payload)
    ics = ""
    if name in CALENDAR_EVENTS:
        conference = payload["conference"]
        ics = calendar.ics(conference, sequence=calendar.bump(conference))
    notify(users=people, agency=agency, text=text, link=link, event=name, ics=ics, by=by)
    return None


def subscribe_all(subscribe) -> None:
    """Subscribe `on_event` to every event of the table."""
    for name in EVENTS:
        subscribe(name, on_event)
