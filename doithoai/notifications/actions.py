"""Notify users in the app and by e-mail; mark notifications read.

E-mail goes through the Tasks API and is enqueued only when the transaction commits, so a
rolled-back action sends nothing and a committed one loses nothing (the database backend
stores the task in the same database).
"""

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from doithoai.core.errors import PermissionRefused, ValidationFailed

from .models import Kind, Notification
from .tasks import send_email_task


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
        if recipient.email:
            _email_on_commit(recipient.email, row)
    return written


def _email_on_commit(address: str, row: Notification) -> None:
    base = getattr(settings, "SITE_URL", "").rstrip("/")
    lines = [row.text]
    if row.body:
        lines += ["", row.body]
    if row.link:
        lines += ["", f"{base}{row.link}"]
    message = {"to": address, "subject": row.text[:150], "body": "\n".join(lines)}
    transaction.on_commit(lambda: send_email_task.enqueue(**message))


@transaction.atomic
def mark_read(*, notification: Notification, by) -> Notification:
    """Mark one of the user's own notifications read."""
    if notification.recipient_id != getattr(by, "pk", None):
        raise PermissionRefused()
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    return notification


@transaction.atomic
def mark_all_read(*, by) -> int:
    """Mark every unread notification of the user read; return how many."""
    if not getattr(by, "is_authenticated", False):
        raise PermissionRefused()
    return Notification.objects.filter(recipient=by, read_at__isnull=True).update(
        read_at=timezone.now()
    )
