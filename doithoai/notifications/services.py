"""Read-side helpers for the header and pages: unread count, a user's notifications."""

from .models import Notification


def unread_count(user) -> int:
    """Return how many notifications the user has not read (one indexed count)."""
    if not getattr(user, "is_authenticated", False):
        return 0
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


def inbox(user):
    """Return the user's notifications, newest first."""
    return Notification.objects.filter(recipient=user).order_by("-created_at", "-id")


def by_day(rows) -> list[tuple]:
    """Group notifications (newest first) by their local day: [(day, [rows…]), …]."""
    from itertools import groupby

    from django.utils.timezone import localtime

    return [
        (day, list(items))
        for day, items in groupby(rows, key=lambda n: localtime(n.created_at).date())
    ]
