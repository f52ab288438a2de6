"""Answers and commitments: at the conference or in writing, and their publication."""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from doithoai.audit.log import record
from doithoai.audit.models import Verb
from doithoai.conferences.actions.agenda import move_agenda_item
from doithoai.conferences.models import AgendaStatus
from doithoai.core import events
from doithoai.core.actionkit import (
    require,
    require_text,
    snapshot,
    today,
)
from doithoai.core.errors import InvalidTransition, ValidationFailed
from doithoai.deadlines import actions as deadlines
from doithoai.organizations.access import membership
from doithoai.petitions.actions import advance_petition
from doithoai.petitions.models import Petition, Status

from ..models import (
    Answer,
    AnswerMode,
    Commitment,
    CommitmentForm,
)
from ._base import _at_conference, _lock


@transaction.atomic
def answer_petition(*, petition: Petition, text: str, by, answerer=None) -> Answer:
    """Answer a petition: at its conference (by the chair or a leader the chair designates),
    or in writing by the head."""
    petition = _lock(petition)
    conference = _at_conference(petition, by, "followups.answer_petition")
    text = require_text(text, "text", _("nội dung trả lời"), max_length=50000)
    if petition.status in (Status.ASSIGNED, Status.RESOLUTION_REPORTED):
        raise InvalidTransition(
            _(
                "Kiến nghị đang ở trạng thái “%(s)s”; trả lời khi chấp nhận kết quả xử lý của đơn vị."
            )
            % {"s": petition.get_status_display()},
            field="status",
        )
    if answerer is not None:
        if conference is None:
            raise ValidationFailed(_("Chỉ phân công giải đáp tại hội nghị."), field="answerer")
        if membership(answerer, petition.agency) is None:
            raise ValidationFailed(_("Người giải đáp không thuộc cơ quan."), field="answerer")
    before = snapshot(petition, "status")
    advance_petition(petition=petition, to=Status.ANSWERED, cause=Verb.ANSWER_GIVEN, by=by)
    answer = _give_answer(
        petition,
        text=text,
        by=by,
        answered_by=answerer or by,
        mode=AnswerMode.AT_CONFERENCE if conference else AnswerMode.WRITTEN,
        conference=conference,
    )
    if conference is not None:
        move_agenda_item(
            conference=conference,
            petition=petition,
            to=AgendaStatus.SETTLED,
            answerer=answerer or by,
            by=by,
        )
    record(
        Verb.ANSWER_GIVEN,
        answer,
        by=by,
        petition=petition,
        conference=conference,
        before=before,
        after={"status": petition.status, "mode": answer.mode, "text": text[:500]},
    )
    return answer


def _give_answer(petition, *, text, by, answered_by, mode, conference) -> Answer:
    """Store an answer and what follows from it: commitments kept, merged petitions given
    the same answer, and the clock for publishing it to staff started."""
    answer = Answer.objects.create(
        agency=petition.agency,
        petition=petition,
        conference=conference,
        answered_by=answered_by,
        mode=mode,
        text=text,
        answered_on=today(),
    )
    petition.commitments.filter(kept_on__isnull=True).update(kept_on=today())
    deadlines.complete_deadlines(subject=petition, kind="commitment", by=by)
    _complete_for_merged(petition, answer, by)
    _open_publication(answer, by)
    events.publish("answer_given", agency=petition.agency, by=by, answer=answer)
    return answer


def _open_publication(answer: Answer, by) -> None:
    """Start the clock for publishing an answer to staff (Law 10/2022 Art. 47–48)."""
    deadlines.open_deadline(
        kind="publication",
        subject=answer,
        agency=answer.agency,
        start=answer.answered_on,
        by=by,
        petition=answer.petition,
        conference=answer.conference,
    )


def _complete_for_merged(petition: Petition, answer: Answer, by) -> None:
    """Give the petitions merged into this one the same answer, so none is left unanswered."""
    for merged in petition.merged_petitions.all():
        copy = Answer.objects.create(
            agency=petition.agency,
            petition=merged,
            conference=answer.conference,
            answered_by=answer.answered_by,
            mode=answer.mode,
            text=answer.text,
            answered_on=answer.answered_on,
        )
        events.publish("answer_given", agency=petition.agency, by=by, answer=copy)
        record(
            Verb.ANSWER_GIVEN,
            copy,
            by=by,
            petition=merged,
            after={"copied_from": petition.code, "mode": copy.mode},
        )


@transaction.atomic
def commit_answer(
    *, petition: Petition, promised_on: datetime.date, form: str, by, note: str = ""
) -> Commitment:
    """Commit a time and a form of answer for an item the conference could not settle."""
    petition = _lock(petition)
    conference = _at_conference(petition, by, "followups.answer_petition")
    if conference is None:
        raise InvalidTransition(
            _(
                "Cam kết thời hạn trả lời được thực hiện tại hội nghị; kiến nghị đang ở trạng thái “%(s)s”."
            )
            % {"s": petition.get_status_display()},
            field="status",
        )
    if form not in CommitmentForm.values:
        raise ValidationFailed(_("Chọn hình thức trả lời."), field="form")
    if promised_on is None or promised_on <= today():
        raise ValidationFailed(_("Hạn trả lời phải sau hôm nay."), field="promised_on")
    before = snapshot(petition, "status")
    advance_petition(petition=petition, to=Status.COMMITTED, cause=Verb.COMMITMENT_MADE, by=by)
    commitment = Commitment.objects.create(
        agency=petition.agency,
        petition=petition,
        conference=conference,
        committed_by=by,
        promised_on=promised_on,
        form=form,
        note=note.strip(),
    )
    move_agenda_item(conference=conference, petition=petition, to=AgendaStatus.COMMITTED, by=by)
    events.publish(
        "commitment_made", agency=petition.agency, by=by, petition=petition, commitment=commitment
    )
    deadlines.open_deadline(
        kind="commitment",
        subject=petition,
        agency=petition.agency,
        start=today(),
        by=by,
        petition=petition,
        conference=conference,
        responsible_user=conference.chair,
        fixed_due=promised_on,
    )
    record(
        Verb.COMMITMENT_MADE,
        commitment,
        by=by,
        petition=petition,
        conference=conference,
        before=before,
        after={"status": petition.status, "promised_on": promised_on, "form": form},
    )
    return commitment


@transaction.atomic
def publish_answer(*, answer: Answer, by) -> Answer:
    """Post an answer for all staff to read; it stays posted (at least 20 consecutive days)."""
    answer = Answer.objects.select_for_update().get(pk=answer.pk)
    require("followups.publish_answer", by, answer)
    if answer.published_at is not None:
        raise InvalidTransition(_("Trả lời này đã được công khai."), field="answer")
    answer.published_at = timezone.now()
    answer.save(update_fields=["published_at"])
    deadlines.complete_deadlines(subject=answer, kind="publication", by=by)
    events.publish("answer_published", agency=answer.agency, by=by, answer=answer)
    record(
        Verb.ANSWER_PUBLISHED,
        answer,
        by=by,
        petition=answer.petition,
        conference=answer.conference,
        after={"published_at": answer.published_at.isoformat()},
    )
    return answer
