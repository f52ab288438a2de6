"""The user's notifications: list them, mark one or all read."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from doithoai.core.pages import paginate, render_htmx

from . import actions, services
from .models import Notification


@login_required
def list_view(request):
    """List the user's notifications, newest first, unread ones marked."""
    page = paginate(request, services.inbox(request.user).select_related("deadline"))
    context = {"page_obj": page, "unread": services.unread_count(request.user)}
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
