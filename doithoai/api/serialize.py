"""Build the API's output from model rows, deciding identity visibility per caller."""

import rules
from django.db.models import Count, Prefetch

from doithoai.petitions.models import Petition
from doithoai.petitions.visibility import can_see_identity, submitter_label


def person(user) -> dict:
    """Name a user."""
    return {"id": user.pk, "username": user.get_username(), "name": user.get_full_name()}


def ref(obj, name_attr: str = "name") -> dict | None:
    """Name a unit-like object by id, code and name."""
    if obj is None:
        return None
    return {"id": obj.pk, "code": getattr(obj, "code", ""), "name": getattr(obj, name_attr)}


def petitions_for_list(queryset):
    """Load what `petition_out` reads, in a fixed number of queries."""
    return queryset.select_related("topic", "submitter", "submitter_unit", "concerned_unit")


def petitions_for_detail(queryset):
    """Load what `petition_detail` reads, in a fixed number of queries."""
    from doithoai.followups.models import Answer, Assignment

    return (
        petitions_for_list(queryset)
        .prefetch_related(
            "attachments",
            Prefetch("answers", queryset=Answer.objects.select_related("answered_by")),
            "commitments",
            Prefetch("assignments", queryset=Assignment.objects.select_related("unit")),
            Prefetch("merged_petitions", queryset=Petition.objects.only("id", "merged_into_id")),
        )
        .annotate(support_total=Count("supports", distinct=True))
    )


def petition_out(p: Petition, user) -> dict:
    """A petition as the list shows it to `user`."""
    identity = can_see_identity(user, p)
    topic = None
    if p.topic_id:
        topic = {
            "id": p.topic.pk,
            "code": p.topic.code,
            "name": p.topic.name,
            "group": p.topic.group,
        }
    data = {
        "id": p.pk,
        "code": p.code,
        "year": p.year,
        "title": p.title,
        "status": p.status,
        "status_label": str(p.get_status_display()),
        "channel": p.channel,
        "privacy": p.privacy,
        "submitter_kind": p.submitter_kind,
        "submitter_label": str(submitter_label(user, p)),
        "topic": topic,
        "concerned_unit": ref(p.concerned_unit),
        "conference_id": p.conference_id,
        "merged_into_id": p.merged_into_id,
        "submitted_at": p.submitted_at,
        "received_at": p.received_at,
        "updated_at": p.updated_at,
    }
    if identity:
        # Absent, not null, for a caller who may not know who wrote it: a null beside a
        # filled concerned unit would itself say something.
        data["submitter"] = person(p.submitter) if p.submitter_id else None
        data["submitter_unit"] = ref(p.submitter_unit)
    return data


def petition_detail(p: Petition, user) -> dict:
    """A petition with its content and follow-up, as `user` may see it."""
    data = petition_out(p, user)
    data.update(
        content=p.content,
        status_reason=p.status_reason,
        transferred_to=p.transferred_to,
        satisfied=p.satisfied,
        merged_ids=sorted(m.pk for m in p.merged_petitions.all()),
        support_count=getattr(p, "support_total", None) or p.supports.count(),
        attachments=[
            {"id": a.pk, "name": a.original_name, "size": a.size, "sha256": a.sha256}
            for a in p.attachments.all()
        ],
        answers=[
            {
                "id": a.pk,
                "mode": a.mode,
                "answered_by": person(a.answered_by) if a.answered_by_id else None,
                "text": a.text,
                "answered_on": a.answered_on,
                "conference_id": a.conference_id,
            }
            for a in p.answers.all()
        ],
        commitments=[
            {
                "id": c.pk,
                "promised_on": c.promised_on,
                "form": c.form,
                "note": c.note,
                "kept_on": c.kept_on,
                "conference_id": c.conference_id,
            }
            for c in p.commitments.all()
        ],
        assignments=[
            {
                "id": a.pk,
                "unit": ref(a.unit),
                "status": a.status,
                "due_date": a.due_date,
                "needs_verification": a.needs_verification,
            }
            for a in p.assignments.all()
        ],
    )
    return data


def dump(schema, data: dict) -> dict:
    """Validate `data` against `schema` and return it JSON-ready (as stored for replays)."""
    return schema(**data).model_dump(mode="json", exclude_unset=True)


def conference_out(c) -> dict:
    """A conference as the list shows it."""
    return {
        "id": c.pk,
        "title": c.title,
        "kind": c.kind,
        "combined_with": c.combined_with,
        "status": c.status,
        "status_label": str(c.get_status_display()),
        "starts_at": c.starts_at,
        "place": c.place,
        "chair": person(c.chair),
        "plan_id": c.plan_id,
        "compilation_sent_at": c.compilation_sent_at,
        "opened_at": c.opened_at,
        "closed_at": c.closed_at,
    }


def notice_out(notice) -> dict | None:
    """The conclusion notice, or None."""
    if notice is None:
        return None
    return {
        "status": notice.status,
        "symbol": notice.symbol,
        "issued_on": notice.issued_on,
        "text": notice.text,
    }


def _readable_notice(conference, user):
    """The conference's notice if the caller may read it in its state (drafts: few may)."""
    from doithoai.conferences.models import ConclusionNotice

    notice = ConclusionNotice.objects.filter(conference=conference).first()
    if notice is None or not rules.has_perm("conferences.view_notice", user, notice):
        return None
    return notice


def conference_detail(c, user) -> dict:
    """A conference with its agenda (petitions the caller may not see are left unnamed)."""
    from .records import document_links

    items = list(c.agenda.select_related(*_PETITION_RELATED).order_by("position"))
    ids = [item.petition_id for item in items]
    visible = set(Petition.objects.visible_to(user).filter(pk__in=ids).values_list("pk", flat=True))
    data = conference_out(c)
    data.update(
        attendance=c.attendance,
        conclusion=c.conclusion,
        agenda=[
            {
                "position": item.position,
                "status": item.status,
                "petition": petition_out(item.petition, user)
                if item.petition_id in visible
                else None,
            }
            for item in items
        ],
        notice=notice_out(_readable_notice(c, user)),
        documents=document_links(user, c),
    )
    return data


_PETITION_RELATED = (
    "petition__topic",
    "petition__submitter",
    "petition__submitter_unit",
    "petition__concerned_unit",
)


def assignment_out(a, user, today, visible_petitions: set[int]) -> dict:
    """An assignment; its petition is shown only when the caller may see it."""
    return {
        "id": a.pk,
        "petition": petition_out(a.petition, user) if a.petition_id in visible_petitions else None,
        "unit": ref(a.unit),
        "conference_id": a.conference_id,
        "status": a.status,
        "status_label": str(a.get_status_display()),
        "instructions": a.instructions,
        "needs_verification": a.needs_verification,
        "due_date": a.due_date,
        "overdue": bool(a.due_date and a.due_date < today and a.status in ("assigned", "returned")),
        "report_text": a.report_text,
        "reported_at": a.reported_at,
    }
