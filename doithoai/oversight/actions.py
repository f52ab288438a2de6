"""Actions of supervision: the board records observations, the head answers recommendations."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from doithoai.audit.log import record
from doithoai.audit.models import Verb
from doithoai.core import events
from doithoai.core.actionkit import require, require_text, same_agency, today
from doithoai.core.errors import InvalidTransition, ValidationFailed
from doithoai.deadlines import actions as deadlines
from doithoai.organizations.models import Agency

from .models import Observation, ObservationKind


@transaction.atomic
def record_observation(
    *, agency: Agency, kind: str, text: str, by, conference=None, petition=None
) -> Observation:
    """Record a supervision observation; a recommendation opens the head's 15-day answer."""
    require("oversight.record_observation", by, agency)
    if kind not in ObservationKind.values:
        raise ValidationFailed(_("Chọn loại ý kiến giám sát."), field="kind")
    text = require_text(text, "text", _("nội dung"), max_length=20000)
    same_agency(conference, agency, "conference")
    same_agency(petition, agency, "petition")
    observation = Observation.objects.create(
        agency=agency,
        author=by,
        kind=kind,
        text=text,
        conference=conference,
        petition=petition,
    )
    if kind == ObservationKind.RECOMMENDATION:
        # Law 10/2022 Art. 63: the head resolves the board's recommendations within 15 days.
        deadlines.open_deadline(
            kind="observation",
            subject=observation,
            agency=agency,
            start=today(),
            by=by,
            petition=petition,
            conference=conference,
        )
    events.publish("observation_recorded", agency=agency, by=by, observation=observation)
    record(
        Verb.OBSERVATION_RECORDED,
        observation,
        by=by,
        petition=petition,
        conference=conference,
        after={"kind": kind, "text": text[:500]},
    )
    return observation


@transaction.atomic
def answer_observation(*, observation: Observation, text: str, by) -> Observation:
    """Answer the board's observation or recommendation; closes its deadline."""
    observation = Observation.objects.select_for_update().get(pk=observation.pk)
    require("oversight.answer_observation", by, observation)
    if observation.is_answered:
        raise InvalidTransition(_("Ý kiến giám sát này đã được trả lời."), field="text")
    text = require_text(text, "text", _("nội dung trả lời"), max_length=20000)
    observation.answer_text = text
    observation.answered_by = by
    observation.answered_at = timezone.now()
    observation.save(update_fields=["answer_text", "answered_by", "answered_at"])
    if observation.kind == ObservationKind.RECOMMENDATION:
        deadlines.complete_deadlines(subject=observation, kind="observation", by=by)
    events.publish(
        "observation_answered", agency=observation.agency, by=by, observation=observation
    )
    record(
        Verb.OBSERVATION_ANSWERED,
        observation,
        by=by,
        petition=observation.petition,
        conference=observation.conference,
        after={"text": text[:500]},
    )
    return observation
