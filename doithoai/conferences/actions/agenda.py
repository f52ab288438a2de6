"""The running order's one writer: an agenda item moves only along `AGENDA_TRANSITIONS`.

The statement, answer, commitment and assignment actions call it inside their transaction
(they have checked their actor); each move writes its own audit event.
"""

from django.db import transaction

from doithoai.audit.log import record
from doithoai.audit.models import Verb
from doithoai.core.actionkit import move

from ..models import AGENDA_TRANSITIONS, AgendaItem


@transaction.atomic
def move_agenda_item(*, conference, petition, to: str, by, answerer=None) -> AgendaItem:
    """Move the petition's item on the conference's agenda to `to`, audited.

    `answerer` is who answered a settled item (the chair, or the leader they designated).
    """
    item = AgendaItem.objects.select_for_update().get(conference=conference, petition=petition)
    before = {"status": item.status}
    move(item, to, AGENDA_TRANSITIONS)
    after = {"status": item.status}
    fields = ["status"]
    if answerer is not None:
        item.answerer = answerer
        after["answerer"] = answerer.pk
        fields.append("answerer")
    item.save(update_fields=fields)
    record(
        Verb.AGENDA_ITEM_MOVED,
        item,
        by=by,
        agency=conference.agency,
        petition=petition,
        conference=conference,
        before=before,
        after=after,
    )
    return item
