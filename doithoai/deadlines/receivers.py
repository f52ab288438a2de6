"""What the deadlines app does when another app announces an event (core.events)."""

from .models import Deadline, Status


def on_agency_merged(*, agency, successor, **_):
    """Carry every running deadline of the merged agency over to its successor.

    The successor answers for them from the merge, also for a record left with the old
    agency (a conference it held, an answer still to publish): its people act on those under
    the old agency's names. The due dates are never recomputed.
    """
    running = Deadline.objects.filter(agency=agency, status=Status.OPEN)
    ids = list(running.values_list("pk", flat=True))
    Deadline.objects.filter(pk__in=ids).update(agency=successor)
    return {"deadlines": len(ids)}
