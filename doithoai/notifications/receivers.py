"""What the notifications app does when the actions below it announce an event (core.events)."""

from .actions import notify


def on_assignment_urged(*, agency, by, assignment, recipients, title, body, **_):
    """Tell the unit's leaders that the secretariat urges a report on their assignment."""
    notify(users=recipients, agency=agency, title=title, body=body, by=by)
