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
