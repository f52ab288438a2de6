"""The live room of a conference in progress: its version and current item, who joined from
a phone, petitions raised from the floor on a phone, and the queue of requests to speak."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from doithoai.conferences.models import AgendaItem, Conference
from doithoai.organizations.models import Agency


class Room(models.Model):
    """The live state of one conference: a version bumped with every change, the current item.

    The version is bumped in the transaction of every audited change that concerns the
    conference (see `receivers.bump_on_audit`), so a poller compares one integer.
    """

    conference = models.OneToOneField(
        Conference, on_delete=models.CASCADE, primary_key=True, related_name="room"
    )
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    version = models.PositiveBigIntegerField(_("phiên bản"), default=1)
    current_item = models.ForeignKey(
        AgendaItem,
        verbose_name=_("nội dung đang đối thoại"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("phòng hội nghị trực tuyến")
        verbose_name_plural = _("phòng hội nghị trực tuyến")

    def __str__(self):
        return f"{self.conference_id} v{self.version}"


class Participant(models.Model):
    """A member of the agency who joined the conference by opening its link, logged in."""

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    conference = models.ForeignKey(
        Conference, on_delete=models.CASCADE, related_name="participants"
    )
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    #: The attendance category counted: leaders, civil_servants, public_employees, workers.
    category = models.CharField(_("thành phần"), max_length=20)
    joined_at = models.DateTimeField(_("tham dự lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("người tham dự")
        verbose_name_plural = _("người tham dự")
        constraints = [
            models.UniqueConstraint(fields=["conference", "user"], name="join_once_per_conference")
        ]

    def __str__(self):
        return f"{self.conference_id}: {self.user_id}"


class FloorStatus(models.TextChoices):
    """Where a petition raised on a phone stands in the secretariat's queue."""

    WAITING = "waiting", _("Chờ thư ký tiếp nhận")
    ACCEPTED = "accepted", _("Đã đưa vào chương trình")
    DECLINED = "declined", _("Không đưa vào chương trình")


class FloorPrivacy(models.TextChoices):
    """A floor petition is public or confidential; never anonymous in a room where one is seen."""

    PUBLIC = "public", _("Công khai")
    CONFIDENTIAL = "confidential", _("Bảo mật danh tính")


class FloorPetition(models.Model):
    """A petition raised from the floor on a phone, waiting for the secretariat to record it."""

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    conference = models.ForeignKey(
        Conference, on_delete=models.CASCADE, related_name="floor_petitions"
    )
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField(_("tiêu đề"), max_length=250)
    content = models.TextField(_("nội dung"))
    topic = models.ForeignKey(
        "petitions.Topic",
        verbose_name=_("lĩnh vực"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    privacy = models.CharField(
        _("chế độ"), max_length=20, choices=FloorPrivacy.choices, default=FloorPrivacy.PUBLIC
    )
    status = models.CharField(
        _("trạng thái"), max_length=20, choices=FloorStatus.choices, default=FloorStatus.WAITING
    )
    petition = models.OneToOneField(
        "petitions.Petition",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="raised_on_phone",
    )
    raised_at = models.DateTimeField(_("nêu lúc"), auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    reason = models.TextField(_("lý do"), blank=True)

    class Meta:
        verbose_name = _("kiến nghị nêu tại hội nghị")
        verbose_name_plural = _("kiến nghị nêu tại hội nghị")
        ordering = ["conference", "raised_at", "id"]

    def __str__(self):
        return self.title


class SpeakStatus(models.TextChoices):
    """Where a request to speak stands."""

    WAITING = "waiting", _("Đang chờ")
    CLEARED = "cleared", _("Đã xong")


class SpeakingRequest(models.Model):
    """A request to speak on an item of the running order, queued in order for the chair."""

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    conference = models.ForeignKey(
        Conference, on_delete=models.CASCADE, related_name="speaking_requests"
    )
    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(
        _("trạng thái"), max_length=20, choices=SpeakStatus.choices, default=SpeakStatus.WAITING
    )
    requested_at = models.DateTimeField(_("đăng ký lúc"), auto_now_add=True)
    cleared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    cleared_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("đăng ký phát biểu")
        verbose_name_plural = _("đăng ký phát biểu")
        ordering = ["conference", "requested_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["item", "user"],
                condition=Q(status="waiting"),
                name="one_waiting_request_per_item_and_user",
            )
        ]

    def __str__(self):
        return f"{self.item_id}: {self.user_id}"
