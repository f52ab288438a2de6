"""What the conferences app does when the petitions app (a layer below) announces an event.

The petitions app owns a petition's status and its link to a conference; the agenda item, its
place in the running order, is this app's. The subscribers run inside the petition action's
transaction, which has already locked the conference row, so positions never collide.
"""

from django.db.models import Max

from .models import AgendaItem


def on_petition_scheduled(*, agency, petition, conference, **_):
    """Put a petition scheduled onto a conference (or raised from its floor) last on the agenda."""
    position = (conference.agenda.aggregate(m=Max("position"))["m"] or 0) + 1
    AgendaItem.objects.create(
        agency=agency, conference=conference, petition=petition, position=position
    )


def on_petition_left_agenda(*, petition, **_):
    """Drop the agenda item of a petition taken off a conference or merged into another."""
    AgendaItem.objects.filter(petition=petition).delete()


def on_agency_merged(*, agency, successor, **_):
    """Carry the merged agency's conferences not yet held to its successor.

    A conference already opened stays with the agency that held it: its minutes keep the
    names of that day, and the successor's people finish it (the notice they issue after the
    merge prints the successor's names, `organizations.names.names_on`).
    """
    from doithoai.organizations.models import Delegation, DelegationKind

    from .models import ConclusionNotice, Conference, ConferenceStatus, Statement

    moving = Conference.objects.filter(
        agency=agency, status__in=[ConferenceStatus.PLANNED, ConferenceStatus.COMPILED]
    )
    ids = list(moving.values_list("pk", flat=True))
    AgendaItem.objects.filter(conference_id__in=ids).update(agency=successor)
    Statement.objects.filter(conference_id__in=ids).update(agency=successor)
    ConclusionNotice.objects.filter(conference_id__in=ids).update(agency=successor)
    Delegation.objects.filter(
        conference_id__in=ids, kind=DelegationKind.CHAIR, revoked_at__isnull=True
    ).update(agency=successor)
    Conference.objects.filter(pk__in=ids).update(agency=successor)
    return {"conferences": len(ids)}
