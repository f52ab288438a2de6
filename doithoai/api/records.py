"""What the record says: an object's audit trail with the chain's status, a conference's
minutes and documents, the caller's notifications, and the anonymous receipt lookup."""

import datetime

import rules
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Field, Query, Router

from doithoai.audit.log import chain_for, verify_chain
from doithoai.audit.models import AuditEvent
from doithoai.conferences.models import ConclusionNotice, Conference
from doithoai.core.errors import ActionError, ValidationFailed
from doithoai.core.net import client_address
from doithoai.notifications import actions as notices
from doithoai.notifications.models import Notification
from doithoai.organizations.access import roles
from doithoai.organizations.models import AGENCY_WIDE_ROLES, Role
from doithoai.petitions import receipts
from doithoai.petitions.actions import give_feedback
from doithoai.petitions.models import Petition
from doithoai.petitions.visibility import can_see_identity

from . import schemas as s
from .common import PageQuery, paginate, visible_or_404
from .errors import ERRORS
from .serialize import person

router = Router()


class TrailEventOut(s.Schema):
    seq: int
    verb: str
    verb_label: str
    object_type: str
    actor: str = Field(description="A name, or a masked label when the caller may not know it.")
    status_after: str
    reason: str
    created_at: datetime.datetime


class ChainStatusOut(s.Schema):
    ok: bool
    events: int
    broken_seq: int | None
    problem: str


class TrailOut(s.Schema):
    events: list[TrailEventOut]
    chain: ChainStatusOut | None = Field(
        None, description="The agency chain verified now; for agency-wide roles only."
    )


def _trail(user, agency_id: int, events, identity_ok: bool) -> dict:
    out = []
    for e in events:
        if e.actor_id is None:
            actor = _("Ẩn danh hoặc hệ thống")
        elif e.actor_confidential and not identity_ok:
            actor = _("Được bảo mật danh tính")
        else:
            actor = e.actor.get_full_name() or e.actor.get_username()
        out.append(
            {
                "seq": e.seq,
                "verb": e.verb,
                "verb_label": str(e.get_verb_display()),
                "object_type": e.object_type,
                "actor": str(actor),
                "status_after": str((e.after or {}).get("status", "")),
                "reason": e.reason,
                "created_at": e.created_at,
            }
        )
    chain = None
    if roles(user, agency_id) & AGENCY_WIDE_ROLES:
        report = verify_chain(chain_for(agency_id))
        chain = {
            "ok": report.ok,
            "events": report.events,
            "broken_seq": report.broken_seq,
            "problem": report.problem,
        }
    return {"events": out, "chain": chain}


@router.get("/petitions/{petition_id}/trail", response={200: TrailOut, **ERRORS}, tags=["audit"])
def petition_trail(request, petition_id: s.PathId):
    """Read a visible petition's audit trail, oldest first, identities masked as the pages do."""
    petition = visible_or_404(Petition.objects.visible_to(request.auth), petition_id)
    events = (
        AuditEvent.objects.filter(agency_id=petition.agency_id, petition_id=petition.pk)
        .select_related("actor")
        .order_by("seq")
    )
    identity = can_see_identity(request.auth, petition)
    return _trail(request.auth, petition.agency_id, events, identity)


@router.get(
    "/conferences/{conference_id}/trail", response={200: TrailOut, **ERRORS}, tags=["audit"]
)
def conference_trail(request, conference_id: s.PathId):
    """Read a visible conference's audit trail, oldest first."""
    conference = visible_or_404(Conference.objects.visible_to(request.auth), conference_id)
    events = (
        AuditEvent.objects.filter(agency_id=conference.agency_id, conference_id=conference.pk)
        .select_related("actor")
        .order_by("seq")
    )
    secretariat = Role.SECRETARIAT in roles(request.auth, conference.agency_id)
    return _trail(request.auth, conference.agency_id, events, secretariat)


class MinutesEntryOut(s.Schema):
    id: int
    petition_id: int | None = Field(description="Null when the caller may not see the petition.")
    speaker: str
    text: str
    recorded_at: datetime.datetime


class MinutesOut(s.Schema):
    conference_id: int
    status: str
    opened_at: datetime.datetime | None
    closed_at: datetime.datetime | None
    chair: s.PersonRef
    attendance: str
    conclusion: str
    frozen: bool = Field(description="True once the conference is closed: the minutes are final.")
    entries: list[MinutesEntryOut]
    documents: dict[str, dict[str, str]] = Field(
        description="Download links by document kind and format, for what the caller may download."
    )


DOC_SLUGS = {
    "invitation": "giay-moi",
    "compilation": "tong-hop",
    "minutes": "bien-ban",
    "notice": "thong-bao",
}


def document_links(user, conference) -> dict:
    """Return the download links of the conference's documents that `user` may download."""
    links = {}
    notice = ConclusionNotice.objects.filter(conference=conference).first()
    for kind, slug in DOC_SLUGS.items():
        obj = notice if kind == "notice" else conference
        if obj is None or not rules.has_perm(f"documents.download_{kind}", user, obj):
            continue
        links[kind] = {
            fmt: reverse("documents:download", kwargs={"kind": slug, "pk": obj.pk, "fmt": fmt})
            for fmt in ("docx", "pdf")
        }
    return links


@router.get(
    "/conferences/{conference_id}/minutes",
    response={200: MinutesOut, **ERRORS},
    tags=["conferences"],
)
def conference_minutes(request, conference_id: s.PathId):
    """Read the minutes: attendance, statements in order, the conclusion, document links."""
    conference = visible_or_404(
        Conference.objects.visible_to(request.auth).select_related("chair"), conference_id
    )
    statements = list(conference.statements.order_by("recorded_at", "id"))
    ids = {st.petition_id for st in statements if st.petition_id}
    visible = set(
        Petition.objects.visible_to(request.auth).filter(pk__in=ids).values_list("pk", flat=True)
    )
    return {
        "conference_id": conference.pk,
        "status": conference.status,
        "opened_at": conference.opened_at,
        "closed_at": conference.closed_at,
        "chair": person(conference.chair),
        "attendance": conference.attendance,
        "conclusion": conference.conclusion,
        "frozen": conference.closed_at is not None,
        "entries": [
            {
                "id": st.pk,
                "petition_id": st.petition_id if st.petition_id in visible else None,
                "speaker": st.speaker_name,
                "text": st.text,
                "recorded_at": st.recorded_at,
            }
            for st in statements
        ],
        "documents": document_links(request.auth, conference),
    }


class NotificationOut(s.Schema):
    id: int
    kind: str
    text: str
    body: str
    link: str
    deadline_id: int | None
    created_at: datetime.datetime
    read_at: datetime.datetime | None


class NotificationQuery(PageQuery):
    unread: bool | None = None


def _notification_out(n) -> dict:
    return {
        "id": n.pk,
        "kind": n.kind,
        "text": n.text,
        "body": n.body,
        "link": n.link,
        "deadline_id": n.deadline_id,
        "created_at": n.created_at,
        "read_at": n.read_at,
    }


@router.get(
    "/notifications/", response={200: s.Page[NotificationOut], **ERRORS}, tags=["notifications"]
)
def list_notifications(request, filters: Query[NotificationQuery]):
    """List the caller's own notifications, newest first."""
    rows = Notification.objects.filter(recipient=request.auth).order_by("-created_at", "-id")
    if filters.unread is not None:
        rows = rows.filter(read_at__isnull=filters.unread)
    page, meta = paginate(rows, filters.page, filters.page_size, filters.cursor)
    return {**meta, "results": [_notification_out(n) for n in page]}


@router.post(
    "/notifications/{notification_id}/read",
    response={200: NotificationOut, **ERRORS},
    tags=["notifications"],
)
def read_notification(request, notification_id: s.PathId):
    """Mark one of one's notifications read."""
    row = visible_or_404(Notification.objects.filter(recipient=request.auth), notification_id)
    return _notification_out(notices.mark_read(notification=row, by=request.auth))


class CountOut(s.Schema):
    count: int


@router.post("/notifications/read-all", response={200: CountOut, **ERRORS}, tags=["notifications"])
def read_all_notifications(request):
    """Mark every unread notification of the caller read; return how many."""
    return {"count": notices.mark_all_read(by=request.auth)}


class ReceiptIn(s.In):
    code: str = Field(..., max_length=40)


class ReceiptEventOut(s.Schema):
    at: datetime.datetime
    label: str


class ReceiptAnswerOut(s.Schema):
    text: str
    answered_on: datetime.date


class ReceiptOut(s.Schema):
    """What an anonymous petitioner may read about their petition: no identities."""

    code: str
    title: str
    status: str
    status_label: str
    topic: str | None
    submitted_at: datetime.datetime
    satisfied: bool | None
    events: list[ReceiptEventOut]
    answers: list[ReceiptAnswerOut]


class TooManyTries(ActionError):
    code = "rate_limited"
    http_status = 429


def _lookup(request, code: str) -> Petition:
    client = client_address(request)
    wait = receipts.wait_seconds(client)
    if wait:
        error = TooManyTries(
            _("Anh/chị đã nhập sai mã nhiều lần. Vui lòng đợi %(n)s giây rồi thử lại.")
            % {"n": wait},
            field="code",
        )
        error.retry_after = wait
        raise error
    petition = receipts.find_by_receipt(code, client=client)
    if petition is None:
        raise ValidationFailed(_("Không tìm thấy kiến nghị với mã này."), field="code")
    if not receipts.code_within_limit(code):
        error = TooManyTries(
            _("Mã này đã được tra cứu quá nhiều lần trong một giờ; vui lòng thử lại sau."),
            field="code",
        )
        error.retry_after = 3600
        raise error
    return petition


def _receipt_out(petition) -> dict:
    events = AuditEvent.objects.filter(petition_id=petition.pk).order_by("seq")
    return {
        "code": petition.code,
        "title": petition.title,
        "status": petition.status,
        "status_label": str(petition.get_status_display()),
        "topic": petition.topic.name if petition.topic_id else None,
        "submitted_at": petition.submitted_at,
        "satisfied": petition.satisfied,
        "events": [{"at": e.created_at, "label": str(e.get_verb_display())} for e in events],
        "answers": [
            {"text": a.text, "answered_on": a.answered_on}
            for a in petition.answers.order_by("created_at")
        ],
    }


@router.post("/receipts/lookup", response={200: ReceiptOut, **ERRORS}, auth=None, tags=["receipts"])
def receipt_lookup(request, payload: ReceiptIn):
    """Follow an anonymous petition with its receipt code; no login.

    The code goes in the body, never the address. Wrong codes count against the same
    per-client limit as the lookup page (429 once used up).
    """
    return _receipt_out(_lookup(request, payload.code))


class ReceiptFeedbackIn(ReceiptIn):
    satisfied: bool
    reason: str = Field("", max_length=5000)


@router.post(
    "/receipts/feedback", response={200: ReceiptOut, **ERRORS}, auth=None, tags=["receipts"]
)
def receipt_feedback(request, payload: ReceiptFeedbackIn):
    """Say, with the receipt code, whether the answer settled the anonymous petition."""
    petition = _lookup(request, payload.code)
    petition = give_feedback(
        petition=petition,
        satisfied=payload.satisfied,
        reason=payload.reason,
        receipt_code=payload.code.strip().upper(),
    )
    return _receipt_out(petition)
