"""Yearly dialogue plans, conferences, their agenda and minutes, and the conclusion notice."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from doithoai.organizations.models import Agency


class SignerAuthority(models.TextChoices):
    """The authority forms of Decree 30 for the signature block."""

    DIRECT = "", _("Người đứng đầu ký")
    KT = "KT.", _("KT. (cấp phó ký thay)")
    TM = "TM.", _("TM. (thay mặt tập thể)")
    TL = "TL.", _("TL. (thừa lệnh)")
    TUQ = "TUQ.", _("TUQ. (thừa ủy quyền)")
    Q = "Q.", _("Q. (quyền)")


class DialoguePlan(models.Model):
    """An agency's yearly dialogue plan (Kế hoạch), such as 09/KH-VPUBND of 2018."""

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="plans")
    year = models.PositiveSmallIntegerField(_("năm"))
    number = models.PositiveIntegerField(_("số"), null=True, blank=True)
    symbol = models.CharField(_("số, ký hiệu"), max_length=40, blank=True)
    issued_on = models.DateField(_("ngày ban hành"), null=True, blank=True)
    signer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người ký"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    signer_authority = models.CharField(
        _("thẩm quyền ký"), max_length=5, choices=SignerAuthority.choices, blank=True
    )
    recipients = models.TextField(
        _("nơi nhận"),
        blank=True,
        default="Thường trực UBND tỉnh\nSở Nội vụ\nLĐVP UBND tỉnh\nCác phòng, ban, đơn vị",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("kế hoạch đối thoại")
        verbose_name_plural = _("kế hoạch đối thoại")
        ordering = ["-year"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "year"], name="one_plan_per_agency_year")
        ]

    def __str__(self):
        return f"{self.symbol or _('Kế hoạch')} ({self.year})"

    @property
    def is_issued(self) -> bool:
        """Tell whether the plan has its number and date."""
        return bool(self.symbol and self.issued_on)


class Kind(models.TextChoices):
    """Which conference of the year."""

    MID_YEAR = "mid_year", _("Hội nghị thứ nhất (giữa năm)")
    YEAR_END = "year_end", _("Hội nghị thứ hai (cuối năm)")
    AD_HOC = "ad_hoc", _("Hội nghị đột xuất")


class CombinedWith(models.TextChoices):
    """A regular meeting the conference is combined with (lồng ghép)."""

    NONE = "none", _("Không lồng ghép")
    SIX_MONTH_REVIEW = "six_month_review", _("Hội nghị sơ kết 6 tháng đầu năm")
    STAFF_CONFERENCE = "staff_conference", _("Hội nghị công chức, viên chức")


class ConferenceStatus(models.TextChoices):
    """Where a conference stands."""

    PLANNED = "planned", _("Đã lên lịch")
    COMPILED = "compiled", _("Đã gửi tổng hợp kiến nghị")
    IN_PROGRESS = "in_progress", _("Đang diễn ra")
    CLOSED = "closed", _("Đã kết thúc, chờ thông báo kết luận")
    CONCLUDED = "concluded", _("Đã ban hành thông báo kết luận")
    CANCELLED = "cancelled", _("Đã hủy")


CONFERENCE_TRANSITIONS: dict[str, set[str]] = {
    ConferenceStatus.PLANNED: {
        ConferenceStatus.COMPILED,
        ConferenceStatus.CANCELLED,
    },
    ConferenceStatus.COMPILED: {
        ConferenceStatus.IN_PROGRESS,
        ConferenceStatus.COMPILED,  # a corrected list may be sent again
        ConferenceStatus.CANCELLED,
    },
    ConferenceStatus.IN_PROGRESS: {ConferenceStatus.CLOSED},
    ConferenceStatus.CLOSED: {ConferenceStatus.CONCLUDED},
    ConferenceStatus.CONCLUDED: set(),
    ConferenceStatus.CANCELLED: set(),
}


class ConferenceQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Conferences of the agencies the user belongs to (all staff may attend)."""
        from doithoai.organizations.access import memberships

        if not getattr(user, "is_authenticated", False):
            return self.none()
        return self.filter(agency_id__in=list(memberships(user)))


class Conference(models.Model):
    """A dialogue conference (Hội nghị đối thoại) held at the agency."""

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="conferences")
    plan = models.ForeignKey(
        DialoguePlan,
        verbose_name=_("kế hoạch"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="conferences",
    )
    kind = models.CharField(_("loại hội nghị"), max_length=20, choices=Kind.choices)
    combined_with = models.CharField(
        _("lồng ghép với"), max_length=20, choices=CombinedWith.choices, default=CombinedWith.NONE
    )
    title = models.CharField(_("tên hội nghị"), max_length=250)
    starts_at = models.DateTimeField(_("thời gian"))
    place = models.CharField(_("địa điểm"), max_length=250)
    chair = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người chủ trì"),
        on_delete=models.PROTECT,
        related_name="chaired_conferences",
    )
    status = models.CharField(
        _("trạng thái"),
        max_length=20,
        choices=ConferenceStatus.choices,
        default=ConferenceStatus.PLANNED,
    )
    compilation_sent_at = models.DateTimeField(_("gửi tổng hợp lúc"), null=True, blank=True)
    opened_at = models.DateTimeField(_("khai mạc lúc"), null=True, blank=True)
    closed_at = models.DateTimeField(_("bế mạc lúc"), null=True, blank=True)
    held_on = models.DateField(_("ngày tổ chức thực tế"), null=True, blank=True)
    attendance = models.TextField(_("thành phần tham dự"), blank=True)
    secretary = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("thư ký hội nghị"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    conclusion = models.TextField(_("kết luận của người chủ trì"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ConferenceQuerySet.as_manager()

    class Meta:
        verbose_name = _("hội nghị đối thoại")
        verbose_name_plural = _("hội nghị đối thoại")
        ordering = ["-starts_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "kind"],
                condition=Q(kind__in=["mid_year", "year_end"]) & ~Q(status="cancelled"),
                name="one_regular_conference_of_each_kind_per_plan",
            )
        ]
        indexes = [models.Index(fields=["agency", "status", "-starts_at"])]

    def __str__(self):
        return self.title

    @property
    def takes_agenda_changes(self) -> bool:
        """Tell whether petitions may still be put on or taken off the agenda (not yet opened)."""
        return self.status in (ConferenceStatus.PLANNED, ConferenceStatus.COMPILED)

    @property
    def is_in_progress(self) -> bool:
        """Tell whether the conference is being held now (floor petitions are taken)."""
        return self.status == ConferenceStatus.IN_PROGRESS

    @property
    def date(self):
        """The conference day in the agency's time zone."""
        from django.utils import timezone

        return timezone.localtime(self.starts_at).date()

    @property
    def held_date(self):
        """The day the conference was actually held (its scheduled day until it opens)."""
        return self.held_on or self.date

    def can_move_to(self, target: str) -> bool:
        """Tell whether the lifecycle allows `target` from the current state."""
        return target in CONFERENCE_TRANSITIONS.get(self.status, set())


class AgendaStatus(models.TextChoices):
    """Where an agenda item stands during the conference."""

    PENDING = "pending", _("Chờ đối thoại")
    OPEN = "open", _("Đang đối thoại")
    SETTLED = "settled", _("Đã giải đáp tại hội nghị")
    COMMITTED = "committed", _("Cam kết trả lời sau")
    ASSIGNED = "assigned", _("Giao đơn vị xử lý")


# The running order: an item is heard (open), then settled by an answer, committed to a later
# answer, or assigned to a unit; a committed item may still be assigned at the conference.
# Only `conferences.actions.agenda.move_agenda_item` applies it.
AGENDA_TRANSITIONS: dict[str, set[str]] = {
    AgendaStatus.PENDING: {
        AgendaStatus.OPEN,
        AgendaStatus.SETTLED,
        AgendaStatus.COMMITTED,
        AgendaStatus.ASSIGNED,
    },
    AgendaStatus.OPEN: {AgendaStatus.SETTLED, AgendaStatus.COMMITTED, AgendaStatus.ASSIGNED},
    AgendaStatus.COMMITTED: {AgendaStatus.ASSIGNED},
    AgendaStatus.SETTLED: set(),
    AgendaStatus.ASSIGNED: set(),
}


class AgendaItem(models.Model):
    """A petition on a conference's running order."""

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    conference = models.ForeignKey(Conference, on_delete=models.CASCADE, related_name="agenda")
    petition = models.ForeignKey(
        "petitions.Petition", on_delete=models.PROTECT, related_name="agenda_items"
    )
    position = models.PositiveIntegerField(_("thứ tự"))
    status = models.CharField(
        _("trạng thái"), max_length=20, choices=AgendaStatus.choices, default=AgendaStatus.PENDING
    )
    answerer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người được phân công giải đáp"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("nội dung đối thoại")
        verbose_name_plural = _("chương trình đối thoại")
        ordering = ["conference", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["conference", "petition"], name="petition_once_per_agenda"
            )
        ]

    def __str__(self):
        return f"{self.position}. {self.petition_id}"


class Statement(models.Model):
    """One entry of the minutes: who spoke, on which petition, what was said."""

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    conference = models.ForeignKey(Conference, on_delete=models.CASCADE, related_name="statements")
    petition = models.ForeignKey(
        "petitions.Petition",
        verbose_name=_("kiến nghị"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="statements",
    )
    speaker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người phát biểu"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    speaker_name = models.CharField(_("họ tên người phát biểu"), max_length=150, blank=True)
    text = models.TextField(_("nội dung phát biểu"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("phát biểu")
        verbose_name_plural = _("biên bản: phát biểu")
        ordering = ["conference", "recorded_at", "id"]

    def __str__(self):
        return f"{self.speaker_name or self.speaker_id}: {self.text[:40]}"


class NoticeStatus(models.TextChoices):
    DRAFT = "draft", _("Dự thảo")
    # Signed digitally by the chair and numbered; issued when the secretariat seals it.
    SIGNED = "signed", _("Đã ký, chờ văn thư ký số cơ quan")
    ISSUED = "issued", _("Đã ban hành")


class ConclusionNotice(models.Model):
    """The written conclusion notice (Thông báo kết luận) issued after a conference."""

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    conference = models.OneToOneField(Conference, on_delete=models.PROTECT, related_name="notice")
    status = models.CharField(
        max_length=10, choices=NoticeStatus.choices, default=NoticeStatus.DRAFT
    )
    year = models.PositiveSmallIntegerField(_("năm"), null=True, blank=True)
    number = models.PositiveIntegerField(_("số"), null=True, blank=True)
    symbol = models.CharField(_("số, ký hiệu"), max_length=40, blank=True)
    issued_on = models.DateField(_("ngày ban hành"), null=True, blank=True)
    text = models.TextField(_("nội dung kết luận"))
    drafted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    signer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người ký"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    signer_authority = models.CharField(
        _("thẩm quyền ký"), max_length=5, choices=SignerAuthority.choices, blank=True
    )
    published_at = models.DateTimeField(_("công khai lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("thông báo kết luận")
        verbose_name_plural = _("thông báo kết luận")
        constraints = [
            # Numbers restart every year (Decree 30), so a symbol is unique within a year.
            models.UniqueConstraint(
                fields=["agency", "year", "number"],
                condition=Q(number__isnull=False),
                name="notice_number_per_agency_year",
            )
        ]

    def __str__(self):
        return self.symbol or str(_("Dự thảo thông báo kết luận"))


class Attendance(models.Model):
    """Who attended the conference, recorded when it opens: counts by staff category, the
    inspection board members present and the guests."""

    conference = models.OneToOneField(
        Conference, on_delete=models.CASCADE, related_name="attendance_record"
    )
    leaders_present = models.PositiveIntegerField(_("lãnh đạo có mặt"), default=0)
    leaders_absent = models.PositiveIntegerField(_("lãnh đạo vắng mặt"), default=0)
    civil_servants_present = models.PositiveIntegerField(_("công chức có mặt"), default=0)
    civil_servants_absent = models.PositiveIntegerField(_("công chức vắng mặt"), default=0)
    public_employees_present = models.PositiveIntegerField(_("viên chức có mặt"), default=0)
    public_employees_absent = models.PositiveIntegerField(_("viên chức vắng mặt"), default=0)
    workers_present = models.PositiveIntegerField(_("người lao động có mặt"), default=0)
    workers_absent = models.PositiveIntegerField(_("người lao động vắng mặt"), default=0)
    inspectors = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("thành viên Ban Thanh tra nhân dân có mặt"),
        blank=True,
        related_name="+",
    )
    guests = models.TextField(_("khách mời"), blank=True)

    CATEGORIES = (
        ("leaders", _("Lãnh đạo")),
        ("civil_servants", _("Công chức")),
        ("public_employees", _("Viên chức")),
        ("workers", _("Người lao động")),
    )

    class Meta:
        verbose_name = _("điểm danh hội nghị")
        verbose_name_plural = _("điểm danh hội nghị")

    def __str__(self):
        return f"{self.conference_id}"

    def rows(self) -> list[tuple[str, int, int]]:
        """Return (category, present, absent) for each staff category."""
        return [
            (label, getattr(self, f"{key}_present"), getattr(self, f"{key}_absent"))
            for key, label in self.CATEGORIES
        ]


class Minutes(models.Model):
    """The minutes frozen at close: their content as JSON and its SHA-256. Never edited."""

    conference = models.OneToOneField(Conference, on_delete=models.PROTECT, related_name="minutes")
    content = models.JSONField(_("nội dung biên bản"))
    sha256 = models.CharField(_("mã băm SHA-256"), max_length=64)
    frozen_at = models.DateTimeField(_("chốt lúc"))

    class Meta:
        verbose_name = _("biên bản hội nghị")
        verbose_name_plural = _("biên bản hội nghị")

    def __str__(self):
        return f"{self.conference_id}: {self.sha256[:12]}"


class MinutesAddendum(models.Model):
    """A correction (đính chính) to closed minutes, shown after them; the minutes stay as frozen."""

    conference = models.ForeignKey(Conference, on_delete=models.PROTECT, related_name="addenda")
    number = models.PositiveIntegerField(_("số thứ tự"))
    text = models.TextField(_("nội dung đính chính"))
    reason = models.TextField(_("lý do"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("đính chính biên bản")
        verbose_name_plural = _("đính chính biên bản")
        ordering = ["conference", "number"]
        constraints = [
            models.UniqueConstraint(fields=["conference", "number"], name="addendum_number_once")
        ]

    def __str__(self):
        return f"{self.conference_id} #{self.number}"
