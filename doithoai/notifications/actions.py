"""Notify users in the app and by e-mail; mark notifications read.

E-mail goes through the Tasks API and is enqueued only when the transaction commits, so a
rolled-back action sends nothing and a committed one loses nothing (the database backend
stores the task in the same database).
"""

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from doithoai.core import generations
from doithoai.core.errors import PermissionRefused, ValidationFailed

from .models import Delivery, Kind, Notification, Preference
from .tasks import send_notification_email


@transaction.atomic
def notify(
    users=(),
    *,
    text: str = "",
    link: str = "",
    kind: str = Kind.MESSAGE,
    deadline=None,
    dedupe_key: str | None = None,
    agency=None,
    body: str = "",
    user=None,
    title: str = "",
    url: str = "",
    event: str = "",
    ics: str = "",
    by=None,
) -> list[Notification]:
    """Write one in-app notification per user and enqueue its e-mail after commit.

    `agency` defaults to the deadline's. A `dedupe_key` sends to each user at most once.
    `user=`, `title=` and `url=` are accepted too (one user, its title and link).
    Returns the notifications written (not those skipped as duplicates).
    """
    del by  # the sender is not shown; the audit event of the calling action records it
    recipients = list(users or ([user] if user is not None else []))
    text = (text or title or "").strip()
    link = link or url
    if agency is None and deadline is not None:
        agency = deadline.agency
    if agency is None:
        raise ValidationFailed("agency", field="agency")
    if not text:
        raise ValidationFailed("text", field="text")
    written = []
    seen = set()
    delivery = deliveries(recipients)
    for recipient in recipients:
        if recipient is None or recipient.pk in seen:
            continue
        seen.add(recipient.pk)
        row = Notification(
            agency=agency,
            recipient=recipient,
            kind=kind,
            text=text[:500],
            body=body,
            link=link[:300],
            deadline=deadline,
            dedupe_key=(dedupe_key or "")[:120],
            event=event,
            ics=ics,
        )
        if dedupe_key:
            if Notification.objects.filter(recipient=recipient, dedupe_key=row.dedupe_key).exists():
                continue
            try:
                with transaction.atomic():
                    row.save()
            except IntegrityError:  # written meanwhile by a concurrent pass
                continue
        else:
            row.save()
        written.append(row)
        # Reminders always go at once; events follow the person's choice.
        at_once = kind != Kind.MESSAGE or delivery.get(recipient.pk, Delivery.EVERY) == (
            Delivery.EVERY
        )
        if recipient.email and at_once:
            _email_on_commit(row.pk)
    # Their pages show the unread count: renew them once this commits.
    generations.bump_on_commit(*(generations.person(row.recipient_id) for row in written))
    return written


def deliveries(users) -> dict[int, str]:
    """Return each user's chosen e-mail delivery (absent: every event at once)."""
    ids = [u.pk for u in users if u is not None]
    return dict(Preference.objects.filter(user_id__in=ids).values_list("user_id", "delivery"))


def _email_on_commit(notification_id: int) -> None:
    transaction.on_commit(lambda: send_notification_email.enqueue(notification_id=notification_id))


@transaction.atomic
def set_delivery(*, delivery: str, by) -> Preference:
    """Choose how one's own notifications arrive by e-mail (reminders always do)."""
    if not getattr(by, "is_authenticated", False):
        raise PermissionRefused()
    if delivery not in Delivery.values:
        raise ValidationFailed(_("Chọn cách nhận thông báo."), field="delivery")
    preference, _created = Preference.objects.update_or_create(
        user=by, defaults={"delivery": delivery}
    )
    return preference


@transaction.atomic
def mark_read(*, notification: Notification, by) -> Notification:
    """Mark one of the user's own notifications read."""
    if notification.recipient_id != getattr(by, "pk", None):
        raise PermissionRefused()
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
        generations.bump_on_commit(generations.person(by.pk))
    return notification


@transaction.atomic
def mark_all_read(*, by) -> int:
    """Mark every unread notification of the user read; return how many."""
    if not getattr(by, "is_authenticated", False):
        raise PermissionRefused()
    generations.bump_on_commit(generations.person(by.pk))
    return Notification.objects.filter(recipient=by, read_at__isnull=True).update(
        read_at=timezone.now()
    )
