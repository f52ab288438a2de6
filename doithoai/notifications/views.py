"""The user's notifications: list them, mark one or all read."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from doithoai.core.pages import paginate, render_htmx, run

from . import actions, calendar, services
from .forms import PreferenceForm
from .models import Delivery, Notification, Preference


@login_required
def list_view(request):
    """List the user's notifications, newest first, unread ones marked."""
    page = paginate(request, services.inbox(request.user).select_related("deadline"))
    context = {
        "page_obj": page,
        "days": services.by_day(page.object_list),
        "unread": services.unread_count(request.user),
    }
    return render_htmx(request, "notifications/list.html", "notifications/_rows.html", context)


@login_required
@require_POST
def read_view(request, pk):
    """Mark one notification read, then follow its link (or go back to the list)."""
    notification = Notification.objects.filter(pk=pk, recipient=request.user).first()
    if notification is None:
        raise Http404
    actions.mark_read(notification=notification, by=request.user)
    if request.POST.get("follow") and notification.link.startswith("/"):
        return redirect(notification.link)
    return redirect("notifications:list")


@login_required
@require_POST
def read_all_view(request):
    """Mark every notification of the user read."""
    actions.mark_all_read(by=request.user)
    return redirect("notifications:list")


@login_required
def profile_view(request):
    """The person's page: who they are, and how notifications reach them by e-mail."""
    current = (
        Preference.objects.filter(user=request.user).values_list("delivery", flat=True).first()
        or Delivery.EVERY
    )
    form = PreferenceForm(request.POST or None, initial={"delivery": current})
    status = 200
    if request.method == "POST":
        if form.is_valid():
            _pref, error = run(
                lambda: actions.set_delivery(
                    delivery=form.cleaned_data["delivery"], by=request.user
                )
            )
            if error is None:
                messages.success(request, _("Đã lưu cách nhận thông báo."))
                return redirect("notifications:profile")
            form.add_error("delivery", str(error))
        status = 400
    return render(request, "notifications/profile.html", {"form": form}, status=status)


@login_required
def conference_ics_view(request, pk):
    """Download a conference the user may see as an iCalendar (.ics) event."""
    from doithoai.conferences.models import Conference

    conference = Conference.objects.visible_to(request.user).filter(pk=pk).first()
    if conference is None:
        raise Http404
    text = calendar.ics(conference, sequence=calendar.current(conference))
    response = HttpResponse(text, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="hoi-nghi-{conference.pk}.ics"'
    return response
