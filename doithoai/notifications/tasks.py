"""Background tasks of the notifications app (Django's Tasks API, `django_tasks` backport)."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django_tasks import task


@task()
def send_email_task(*, to: str, subject: str, body: str) -> int:
    """Send one plain e-mail; return how many messages went out."""
    return send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [to], fail_silently=False)


def site_url(link: str) -> str:
    """Return `link` (a path) as an absolute address on SITE_URL."""
    return settings.SITE_URL.rstrip("/") + link if link else ""


def _send(to: str, subject: str, context: dict, template: str, ics: str = "") -> int:
    with translation.override(settings.LANGUAGE_CODE):
        text = render_to_string(f"notifications/email/{template}.txt", context)
        html = render_to_string(f"notifications/email/{template}.html", context)
    message = EmailMultiAlternatives(subject, text, settings.DEFAULT_FROM_EMAIL, [to])
    message.attach_alternative(html, "text/html")
    if ics:
        method = "CANCEL" if "METHOD:CANCEL" in ics else "REQUEST"
        message.attach("hoi-nghi.ics", ics, f"text/calendar; method={method}; charset=utf-8")
    return message.send(fail_silently=False)


@task()
def send_notification_email(*, notification_id: int) -> int:
    """E-mail one notification (plain text and HTML, with the agency's name and a link).

    The row is locked and marked sent in the same transaction, so a retried or repeated task
    sends nothing twice; a deleted or already e-mailed notification sends nothing.
    """
    from .models import Notification

    with transaction.atomic():
        row = (
            Notification.objects.select_for_update()
            .select_related("agency", "recipient")
            .filter(pk=notification_id, emailed_at__isnull=True)
            .first()
        )
        if row is None or not row.recipient.email:
            return 0
        context = {"n": row, "agency": row.agency, "url": site_url(row.link)}
        subject = f"[{row.agency.name}] {row.text}"[:200]
        sent = _send(row.recipient.email, subject, context, "notification", ics=row.ics)
        row.emailed_at = timezone.now()
        row.save(update_fields=["emailed_at"])
    return sent


@task()
def send_digest(*, user_id: int) -> int:
    """E-mail one person the day's notifications they chose to receive as a digest."""
    from django.contrib.auth import get_user_model

    from .models import Notification

    user = get_user_model().objects.filter(pk=user_id).first()
    if user is None or not user.email:
        return 0
    with transaction.atomic():
        rows = list(
            Notification.objects.select_for_update()
            .select_related("agency")
            .filter(recipient=user, emailed_at__isnull=True, read_at__isnull=True)
            .exclude(event="")
            .order_by("created_at", "id")
        )
        if not rows:
            return 0
        agency = rows[0].agency
        context = {
            "rows": [(r, site_url(r.link)) for r in rows],
            "agency": agency,
            "url": site_url("/thong-bao/"),
        }
        with translation.override(settings.LANGUAGE_CODE):
            subject = translation.gettext("[%(agency)s] %(n)s thông báo mới trong ngày") % {
                "agency": agency.name,
                "n": len(rows),
            }
        sent = _send(user.email, subject, context, "digest")
        Notification.objects.filter(pk__in=[r.pk for r in rows]).update(emailed_at=timezone.now())
    return sent


def enqueue_digests() -> int:
    """Enqueue the daily digest of everyone who chose it and has unsent notices; return how many."""
    from .models import Delivery, Notification

    users = (
        Notification.objects.filter(
            emailed_at__isnull=True,
            read_at__isnull=True,
            recipient__notification_preference__delivery=Delivery.DIGEST,
        )
        .exclude(event="")
        .order_by()
        .values_list("recipient_id", flat=True)
        .distinct()
    )
    count = 0
    for user_id in users:
        send_digest.enqueue(user_id=user_id)
        count += 1
    return count
