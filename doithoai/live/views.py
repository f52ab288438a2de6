"""The room's pages: join by the QR code, the phone, the projector, and what a phone does.

How the pages stay live — htmx polling with ETags, not server-sent events:

- The recommended install is sync gunicorn on 2 cores. An SSE stream holds a sync worker for
  as long as a phone is connected: 300 phones would need 300 workers (or an async server and
  a message broker the embedded default does not have). A poll is a short request that frees
  its worker in a few milliseconds.
- Every change that concerns a conference is audited in its own transaction; the room's
  version is bumped in that same transaction (`receivers.bump_on_audit`). A poll reads one
  integer and answers `304 Not Modified` when the phone's `If-None-Match` names the current
  version: no rendering, a response of a few bytes on a slow 3G link.
- The room's state is the same for everybody (it never names a confidential petitioner), so
  its HTML is rendered once per version and language in each worker and served to every phone.
- Phones poll every second: a recorded answer is seen within about a second and a half; the
  bench (`bench/live.py`, `make bench-live`) measures it with 300 phones.
- Without JavaScript nothing polls: each page has a "Làm mới" (refresh) link and every form
  posts and redirects.
- In production, behind a reverse proxy, nothing changes; an installation with thousands of
  phones in one hall can put the poll behind the proxy's cache keyed by the ETag (documented
  in the README), still without a broker.
"""

import functools
import io

import rules
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, HttpResponseNotModified
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from doithoai.conferences.models import AgendaItem, Conference
from doithoai.core.pages import run
from doithoai.petitions import actions as pet_actions

from . import actions
from .forms import RaiseForm
from .middleware import give_pass
from .models import Participant, Room
from .state import etag, room_state

POLL_SECONDS = 1


def room_page(view):
    """Log in first; let only members of the conference's agency in, with a clear refusal."""

    @login_required
    @functools.wraps(view)
    def wrapped(request, pk, *args, **kwargs):
        conference = get_object_or_404(Conference.objects.select_related("agency"), pk=pk)
        if not rules.has_perm("live.view_room", request.user, conference):
            return render(
                request,
                "live/refused.html",
                {
                    "message": _(
                        "Hội nghị này do một cơ quan khác tổ chức: chỉ cán bộ, công chức, viên "
                        "chức và người lao động của cơ quan đó mới tham dự được."
                    )
                },
                status=403,
            )
        return view(request, conference, *args, **kwargs)

    return wrapped


def join_url(request, conference) -> str:
    """Return the absolute short link of the conference's room."""
    return request.build_absolute_uri(reverse("live:join", args=[conference.pk]))


# The room's two shared fragments, by variant (the ETag names the variant).
TEMPLATES = {"phone": "live/_room.html", "projector": "live/_projector.html"}


def stored_version(conference_id: int) -> int | None:
    """Return the room's version, or None while the room has no row."""
    return Room.objects.filter(pk=conference_id).values_list("version", flat=True).first()


def _version(conference) -> int:
    version = stored_version(conference.pk)
    return version if version is not None else actions.room_for(conference).version


@functools.lru_cache(maxsize=128)
def _cached_fragment(variant: str, conference_id: int, version: int, lang: str) -> str:
    """Render the room's shared fragment once per version and language in this worker."""
    conference = Conference.objects.select_related("agency").get(pk=conference_id)
    room = Room.objects.get(pk=conference_id)
    # The version read before rendering: the content is at least as fresh as the version.
    room.version = version
    context = {
        "state": room_state(conference, room),
        "poll": POLL_SECONDS,
        "etag": etag(conference_id, version, f"{variant}-{lang}"),
    }
    return render_to_string(TEMPLATES[variant], context)


CSRF_MARK = "__csrf__"


def fragment_html(request, variant: str, conference_id: int, version: int, lang: str) -> str:
    """Return the room's fragment at `version` in `lang`, with the person's CSRF token."""
    with translation.override(lang):
        html = _cached_fragment(variant, conference_id, version, lang)
    if CSRF_MARK in html:
        html = html.replace(CSRF_MARK, get_token(request))
    return html


def poll_response(request, variant: str, conference_id: int, version: int, lang: str):
    """Answer a poll: 304 when the phone's ETag names `version`, else the fragment.

    Used by the views and, before the session is read, by the room-pass middleware.
    """
    tag = etag(conference_id, version, f"{variant}-{lang}")
    if tag in request.headers.get("If-None-Match", ""):
        response = HttpResponseNotModified()
    else:
        response = HttpResponse(fragment_html(request, variant, conference_id, version, lang))
    response["ETag"] = tag
    response["Cache-Control"] = "private, no-cache"
    return response


def _live_fragment(request, conference, variant: str):
    """Answer a poll through the whole stack, and renew the room pass."""
    lang = get_language() or "vi"
    response = poll_response(request, variant, conference.pk, _version(conference), lang)
    give_pass(response, request.user, conference.pk)
    return response


@room_page
def join(request, conference):
    """Join the room from the QR code: a button that records attendance (GET changes nothing)."""
    if Participant.objects.filter(conference=conference, user=request.user).exists():
        return redirect("live:phone", conference.pk)
    if request.method == "POST":
        _result, error = run(
            lambda: actions.join_conference(conference=conference, by=request.user)
        )
        if error is None:
            messages.success(request, _("Đã ghi nhận anh/chị tham dự hội nghị."))
            return redirect("live:phone", conference.pk)
        messages.error(request, error.message)
    return render(
        request,
        "live/join.html",
        {"conference": conference, "may_join": actions.can_join(request.user, conference)},
    )


def _phone_context(request, conference, form=None):
    version = _version(conference)
    return {
        "conference": conference,
        "fragment": _fragment_now(request, conference, "phone", version),
        "form": form or RaiseForm(agency=conference.agency),
        "may_raise": actions.can_raise(request.user, conference),
        "joined": Participant.objects.filter(conference=conference, user=request.user).exists(),
        "join_link": join_url(request, conference),
    }


def _fragment_now(request, conference, variant, version):
    return fragment_html(request, variant, conference.pk, version, get_language() or "vi")


@room_page
def phone(request, conference):
    """The phone page: the running order live, and what a person in the room can do."""
    response = render(request, "live/phone.html", _phone_context(request, conference))
    give_pass(response, request.user, conference.pk)
    return response


@require_safe
@room_page
def phone_state(request, conference):
    """The phone's live fragment (polled with `If-None-Match`)."""
    return _live_fragment(request, conference, "phone")


@room_page
def projector(request, conference):
    """The projector: the current item and its outcome in large type, the QR code, a clock."""
    version = _version(conference)
    response = render(
        request,
        "live/projector.html",
        {
            "conference": conference,
            "fragment": _fragment_now(request, conference, "projector", version),
            "join_link": join_url(request, conference),
        },
    )
    give_pass(response, request.user, conference.pk)
    return response


@require_safe
@room_page
def projector_state(request, conference):
    """The projector's live fragment (polled with `If-None-Match`)."""
    return _live_fragment(request, conference, "projector")


@room_page
def qr(request, conference):
    """Return the QR code of the room's short link as SVG."""
    import qrcode  # noqa: PLC0415 (about 5 MB: loaded by the first QR code, not every worker)
    import qrcode.image.svg  # noqa: PLC0415

    image = qrcode.make(
        join_url(request, conference), image_factory=qrcode.image.svg.SvgPathImage, box_size=20
    )
    out = io.BytesIO()
    image.save(out)
    response = HttpResponse(out.getvalue(), content_type="image/svg+xml")
    response["Cache-Control"] = "private, max-age=3600"
    return response


def _back_to_phone(request, conference, error=None, ok=""):
    if error is None:
        messages.success(request, ok)
    else:
        messages.error(request, error.message)
    return redirect("live:phone", conference.pk)


@require_POST
@room_page
def raise_petition(request, conference):
    """Raise a petition from the floor; it goes to the secretariat's queue."""
    if not rules.has_perm("live.raise_floor_petition", request.user, conference):
        raise PermissionDenied
    form = RaiseForm(request.POST, agency=conference.agency)
    if form.is_valid():
        d = form.cleaned_data
        _result, error = run(
            lambda: actions.raise_floor_petition(
                conference=conference,
                title=d["title"],
                content=d["content"],
                topic=d["topic"],
                privacy=d["privacy"],
                by=request.user,
            )
        )
        if error is None:
            return _back_to_phone(
                request, conference, ok=_("Đã gửi kiến nghị đến thư ký hội nghị.")
            )
        from doithoai.core.forms import apply_action_error

        apply_action_error(form, error)
    return render(request, "live/phone.html", _phone_context(request, conference, form), status=400)


@require_POST
@room_page
def speak(request, conference):
    """Ask to speak on the current item."""
    _result, error = run(lambda: actions.request_to_speak(conference=conference, by=request.user))
    return _back_to_phone(
        request, conference, error, _("Đã đăng ký phát biểu; chủ trì sẽ mời theo thứ tự.")
    )


@require_POST
@room_page
def support(request, conference, item_pk):
    """Support an item of the running order (once per person)."""
    item = get_object_or_404(AgendaItem, pk=item_pk, conference=conference)
    _result, error = run(
        lambda: pet_actions.support_petition(petition=item.petition, by=request.user)
    )
    return _back_to_phone(request, conference, error, _("Đã ghi nhận ủng hộ."))
