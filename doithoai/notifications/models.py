"""In-app notifications and the record of deadline reminders already sent."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    """What a notification is about."""

    MESSAGE = "message", _("Thông báo")
    DUE_SOON = "deadline.due_soon", _("Sắp đến hạn")
    OVERDUE = "deadline.overdue", _("Quá hạn")


class Notification(models.Model):
    """One message to one user, shown in the app (and sent by e-mail when they have an address)."""

    agency = models.ForeignKey(
        "organizations.Agency", on_delete=models.CASCADE, related_name="notifications"
    )
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người nhận"),
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    kind = models.CharField(_("loại"), max_length=40, choices=Kind.choices, default=Kind.MESSAGE)
    text = models.CharField(_("nội dung"), max_length=500)
    body = models.TextField(_("chi tiết"), blank=True)
    link = models.CharField(_("liên kết"), max_length=300, blank=True)
    deadline = models.ForeignKey(
        "deadlines.Deadline",
        verbose_name=_("thời hạn"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="notifications",
    )
    dedupe_key = models.CharField(max_length=120, blank=True)
    # The event of the table (events.EVENTS) that caused it; empty for reminders and messages.
    event = models.CharField(_("sự kiện"), max_length=40, blank=True)
    created_at = models.DateTimeField(_("lúc"), auto_now_add=True)
    read_at = models.DateTimeField(_("đã đọc lúc"), null=True, blank=True)
    # Set by the e-mail task once the message left (alone or in a digest): a retried task
    # finds it and sends nothing twice.
    emailed_at = models.DateTimeField(_("đã gửi e-mail lúc"), null=True, blank=True)
    # A conference's iCalendar event as it stood when announced, attached to the e-mail.
    ics = models.TextField(blank=True)

    class Meta:
        verbose_name = _("thông báo")
        verbose_name_plural = _("thông báo")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["recipient", "read_at", "-created_at"], name="notification_inbox")
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "dedupe_key"],
                condition=~Q(dedupe_key=""),
                name="notification_once_per_key",
            )
        ]

    def __str__(self):
        return self.text


class Delivery(models.TextChoices):
    """How a person wants notifications of events by e-mail (reminders always go at once)."""

    EVERY = "every", _("Gửi e-mail cho mỗi sự kiện")
    DIGEST = "digest", _("Gửi một e-mail tổng hợp mỗi ngày")
    IN_APP = "in_app", _("Chỉ xem trong ứng dụng")


class Preference(models.Model):
    """A person's choice of how notifications reach them by e-mail."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preference"
    )
    delivery = models.CharField(
        _("nhận thông báo qua e-mail"),
        max_length=10,
        choices=Delivery.choices,
        default=Delivery.EVERY,
    )
    digest_sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("tùy chọn thông báo")
        verbose_name_plural = _("tùy chọn thông báo")

    def __str__(self):
        return f"{self.user_id}: {self.delivery}"


class CalendarSequence(models.Model):
    """How many times a conference's calendar event was announced (its iCalendar SEQUENCE)."""

    conference = models.OneToOneField(
        "conferences.Conference", on_delete=models.CASCADE, related_name="+"
    )
    sequence = models.PositiveIntegerField(default=0)

    def __str__(self):
        return f"{self.conference_id}: {self.sequence}"


class ReminderKind(models.TextChoices):
    """The two reminders of a deadline."""

    DUE_SOON = "due_soon", _("Nhắc trước hạn")
    OVERDUE = "overdue", _("Báo quá hạn")


class Reminder(models.Model):
    """That a reminder of one kind was sent for a deadline and its due date: sent once only.

    The unique constraint makes the daily pass safe to run twice, or from two machines; a
    deadline recomputed to a new due date may be reminded again.
    """

    deadline = models.ForeignKey(
        "deadlines.Deadline", on_delete=models.CASCADE, related_name="reminders"
    )
    kind = models.CharField(_("loại nhắc"), max_length=20, choices=ReminderKind.choices)
    due_date = models.DateField(_("hạn khi nhắc"))
    sent_on = models.DateField(_("ngày nhắc"))
    recipients = models.PositiveSmallIntegerField(_("số người nhận"), default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("lần nhắc hạn")
        verbose_name_plural = _("lần nhắc hạn")
        constraints = [
            models.UniqueConstraint(
                fields=["deadline", "kind", "due_date"], name="reminder_once_per_due_date"
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.deadline_id} {self.sent_on:%d/%m/%Y}"


class WebhookEndpoint(models.Model):
    """An integration's HTTPS address that receives the agency's chosen events, signed."""

    agency = models.ForeignKey(
        "organizations.Agency", on_delete=models.CASCADE, related_name="webhook_endpoints"
    )
    url = models.URLField(_("địa chỉ nhận"), max_length=500)
    secret = models.CharField(_("khóa bí mật"), max_length=200)
    events = models.JSONField(_("sự kiện"), default=list)
    is_active = models.BooleanField(_("đang dùng"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("địa chỉ webhook")
        verbose_name_plural = _("địa chỉ webhook")

    def __str__(self):
        return self.url


class WebhookDelivery(models.Model):
    """One event sent (or being sent) to one endpoint: attempts, last status, when delivered."""

    endpoint = models.ForeignKey(
        WebhookEndpoint, on_delete=models.CASCADE, related_name="deliveries"
    )
    delivery_id = models.UUIDField(_("mã lần gửi"), default=uuid.uuid4, editable=False)
    event = models.CharField(_("sự kiện"), max_length=40)
    body = models.TextField()
    attempts = models.PositiveSmallIntegerField(_("số lần thử"), default=0)
    status_code = models.PositiveSmallIntegerField(_("mã trạng thái"), null=True, blank=True)
    error = models.CharField(_("lỗi"), max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    delivered_at = models.DateTimeField(_("đã nhận lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("lần gửi webhook")
        verbose_name_plural = _("lần gửi webhook")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.event} → {self.endpoint_id}"
