"""The consoles: the live panel of the chair's and the secretary's workspace.

The workspace (`conferences/detail.html`) shows the panel while the conference runs: the floor
petitions raised on phones, the speaking queue, the current item, the support counts, the QR
code and the head count. The panel polls like the phones (`If-None-Match` on the room's
version) and every form carries the version it showed; a stale action is refused with a
message and the fresh panel (see `actions.check_version`).
"""

import rules
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from doithoai.conferences.models import AgendaItem, Attendance
from doithoai.core.forms import apply_action_error
from doithoai.core.pages import run

from . import actions
from .forms import AttendanceForm
from .models import FloorPetition, FloorPrivacy, FloorStatus, SpeakingRequest, SpeakStatus
from .state import etag, room_state
from .views import room_page


def console_context(conference, user) -> dict:
    """Give the workspace its live panel when `user` runs the room or may correct the count."""
    if not (
        actions.can_run_room(user, conference) or actions.can_correct_attendance(user, conference)
    ):
        return {}
    return {"live_console": panel(conference, user)}


def panel(conference, user, *, error=None, attendance_form=None) -> dict:
    """Return what the console panel shows now."""
    room = actions.room_for(conference)
    state = room_state(conference, room)
    floors = list(
        FloorPetition.objects.filter(conference=conference, status=FloorStatus.WAITING)
        .select_related("raised_by", "topic")
        .order_by("raised_at", "id")
    )
    for floor in floors:
        floor.raiser_shown = (
            _("Được bảo mật danh tính")
            if floor.privacy == FloorPrivacy.CONFIDENTIAL
            else floor.raised_by.get_full_name() or floor.raised_by.get_username()
        )
    speakers = list(
        SpeakingRequest.objects.filter(conference=conference, status=SpeakStatus.WAITING)
        .select_related("user", "item__petition")
        .order_by("requested_at", "id")
    )
    attendance = Attendance.objects.filter(conference=conference).first()
    may_correct = actions.can_correct_attendance(user, conference)
    return {
        "conference": conference,
        "state": state,
        "version": room.version,
        "etag": console_etag(conference, room.version, user),
        "floors": floors,
        "speakers": speakers,
        "attendance": attendance,
        "joined": conference.participants.count(),
        "may_run": actions.can_run_room(user, conference),
        "may_correct": may_correct,
        "attendance_form": attendance_form
        or (AttendanceForm(attendance=attendance) if may_correct else None),
        "error": error,
    }


def _console(request, conference):
    if not (
        actions.can_run_room(request.user, conference)
        or actions.can_correct_attendance(request.user, conference)
    ):
        from django.core.exceptions import PermissionDenied

        raise PermissionDenied
    return conference


def console_etag(conference, version, user) -> str:
    """Return the ETag of `user`'s console panel at `version` (forms differ by person)."""
    return etag(conference.pk, version, f"console-{user.pk}-{get_language() or 'vi'}")


def _render(request, conference, status=200, **extra):
    context = {"live_console": panel(conference, request.user, **extra)}
    response = render(request, "live/_console.html", context, status=status)
    response["ETag"] = context["live_console"]["etag"]
    response["Cache-Control"] = "private, no-cache"
    return response


@room_page
def console_state(request, conference):
    """The console panel, polled with `If-None-Match` like the phones."""
    _console(request, conference)
    from django.http import HttpResponseNotModified

    from .views import _version

    tag = console_etag(conference, _version(conference), request.user)
    if tag in request.headers.get("If-None-Match", ""):
        response = HttpResponseNotModified()
        response["ETag"] = tag
        return response
    return _render(request, conference)


def _after(request, conference, error, ok):
    """Answer a console action: the fresh panel (htmx) or the workspace, with the message."""
    if request.htmx:
        # htmx swaps only successful responses: a refusal answers 200 with the fresh panel.
        return _render(request, conference, error=error.message if error else None)
    if error is None:
        messages.success(request, ok)
    else:
        messages.error(request, error.message)
    return redirect("conferences:detail", conference.pk)


def _seen(request):
    return request.POST.get("version")


@require_POST
@room_page
def accept(request, conference, floor_pk):
    """Put a floor petition raised on a phone on the running order."""
    _console(request, conference)
    floor = get_object_or_404(FloorPetition, pk=floor_pk, conference=conference)
    result, error = run(
        lambda: actions.accept_floor_petition(
            floor=floor, by=request.user, seen_version=_seen(request)
        )
    )
    ok = (
        _("Đã đưa kiến nghị %(c)s vào chương trình.") % {"c": result.petition.code}
        if result
        else ""
    )
    return _after(request, conference, error, ok)


@require_POST
@room_page
def decline(request, conference, floor_pk):
    """Keep a floor petition off the running order, with the reason."""
    _console(request, conference)
    floor = get_object_or_404(FloorPetition, pk=floor_pk, conference=conference)
    _result, error = run(
        lambda: actions.decline_floor_petition(
            floor=floor,
            reason=request.POST.get("reason", ""),
            by=request.user,
            seen_version=_seen(request),
        )
    )
    return _after(request, conference, error, _("Đã không đưa kiến nghị vào chương trình."))


@require_POST
@room_page
def clear(request, conference, speaking_pk):
    """Clear a request to speak once the person has spoken."""
    _console(request, conference)
    speaking = get_object_or_404(SpeakingRequest, pk=speaking_pk, conference=conference)
    _result, error = run(
        lambda: actions.clear_speaking_request(
            speaking=speaking, by=request.user, seen_version=_seen(request)
        )
    )
    return _after(request, conference, error, _("Đã xong lượt phát biểu."))


@require_POST
@room_page
def move(request, conference):
    """Move the current item (the one shown on every phone and on the projector)."""
    _console(request, conference)
    raw = request.POST.get("item", "")
    item = None
    if raw:
        item = AgendaItem.objects.filter(
            pk=int(raw) if raw.isdigit() and len(raw) < 12 else 0, conference=conference
        ).first()
        if item is None:
            from doithoai.core.errors import ValidationFailed

            return _after(
                request, conference, ValidationFailed(_("Chọn một nội dung của chương trình.")), ""
            )
    _result, error = run(
        lambda: actions.move_current_item(
            conference=conference, item=item, by=request.user, seen_version=_seen(request)
        )
    )
    return _after(request, conference, error, _("Đã chuyển nội dung đang đối thoại."))


@require_POST
@room_page
def correct(request, conference):
    """Correct the head count by category (the minutes' secretary, the secretariat)."""
    if not rules.has_perm("live.correct_attendance", request.user, conference):
        from django.core.exceptions import PermissionDenied

        raise PermissionDenied
    attendance = Attendance.objects.filter(conference=conference).first()
    form = AttendanceForm(request.POST, attendance=attendance)
    if form.is_valid():
        _result, error = run(
            lambda: actions.correct_attendance(
                conference=conference,
                counts=form.counts(),
                reason=form.cleaned_data["reason"],
                by=request.user,
            )
        )
        if error is None:
            return _after(request, conference, None, _("Đã sửa điểm danh."))
        apply_action_error(form, error)
    if request.htmx:
        return _render(request, conference, attendance_form=form)
    messages.error(request, _("Điểm danh chưa hợp lệ: kiểm tra các số và lý do sửa."))
    return redirect("conferences:detail", conference.pk)
