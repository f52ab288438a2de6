"""Answers to petitions, commitments for what was not settled, and assignments to units."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from doithoai.core.attachments import RandomName
from doithoai.organizations.models import Agency, Unit


class AnswerMode(models.TextChoices):
    AT_CONFERENCE = "at_conference", _("Trả lời trực tiếp tại hội nghị")
    WRITTEN = "written", _("Trả lời bằng văn bản")


class Answer(models.Model):
    """The reply to a petition, given at the conference or in writing."""

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    petition = models.ForeignKey(
        "petitions.Petition", on_delete=models.PROTECT, related_name="answers"
    )
    conference = models.ForeignKey(
        "conferences.Conference",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="answers",
    )
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người trả lời"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    mode = models.CharField(_("hình thức"), max_length=20, choices=AnswerMode.choices)
    text = models.TextField(_("nội dung trả lời"))
    answered_on = models.DateField(_("ngày trả lời"))
    published_at = models.DateTimeField(_("công khai lúc"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("trả lời")
        verbose_name_plural = _("trả lời")
        ordering = ["petition", "created_at"]
        indexes = [models.Index(fields=["agency", "-published_at"])]

    def __str__(self):
        return f"{self.petition_id}: {self.text[:40]}"


class CommitmentForm(models.TextChoices):
    WRITTEN = "written", _("Trả lời bằng văn bản")
    NEXT_CONFERENCE = "next_conference", _("Trả lời tại hội nghị đối thoại tiếp theo")
    MEETING = "meeting", _("Gặp, trao đổi trực tiếp")


class Commitment(models.Model):
    """The chair's promise of a time and a form of answer for an item not settled."""

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    petition = models.ForeignKey(
        "petitions.Petition", on_delete=models.PROTECT, related_name="commitments"
    )
    conference = models.ForeignKey(
        "conferences.Conference",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="commitments",
    )
    committed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    promised_on = models.DateField(_("hạn trả lời đã cam kết"))
    form = models.CharField(_("hình thức trả lời"), max_length=20, choices=CommitmentForm.choices)
    note = models.TextField(_("ghi chú"), blank=True)
    kept_on = models.DateField(_("đã thực hiện ngày"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("cam kết")
        verbose_name_plural = _("cam kết")

    def __str__(self):
        return f"{self.petition_id} → {self.promised_on}"


class AssignmentStatus(models.TextChoices):
    ASSIGNED = "assigned", _("Đang xử lý")
    REPORTED = "reported", _("Đã báo cáo kết quả")
    ACCEPTED = "accepted", _("Đã chấp nhận")
    RETURNED = "returned", _("Trả lại, xử lý tiếp")


ASSIGNMENT_TRANSITIONS: dict[str, set[str]] = {
    AssignmentStatus.ASSIGNED: {AssignmentStatus.REPORTED},
    AssignmentStatus.RETURNED: {AssignmentStatus.REPORTED},
    AssignmentStatus.REPORTED: {AssignmentStatus.ACCEPTED, AssignmentStatus.RETURNED},
    AssignmentStatus.ACCEPTED: set(),
}


class AssignmentQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Assignments the user may see: agency-wide roles all, unit leaders their unit's."""
        from doithoai.organizations.access import memberships
        from doithoai.organizations.models import AGENCY_WIDE_ROLES, Role

        if not getattr(user, "is_authenticated", False):
            return self.none()
        condition = Q(pk__in=[])
        for agency_id, m in memberships(user).items():
            roles = m.role_set
            if roles & AGENCY_WIDE_ROLES:
                condition |= Q(agency_id=agency_id)
            elif Role.UNIT_LEADER in roles and m.unit_id:
                condition |= Q(agency_id=agency_id, unit_id=m.unit_id)
        return self.filter(condition)


class Assignment(models.Model):
    """A petition handed to a unit to resolve and report on within 7 (at most 15) working days."""

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    petition = models.ForeignKey(
        "petitions.Petition", on_delete=models.PROTECT, related_name="assignments"
    )
    conference = models.ForeignKey(
        "conferences.Conference",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="assignments",
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("đơn vị xử lý"), on_delete=models.PROTECT, related_name="assignments"
    )
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    instructions = models.TextField(_("nội dung giao"), blank=True)
    needs_verification = models.BooleanField(
        _("cần xác minh, làm rõ (tối đa 15 ngày làm việc)"), default=False
    )
    verification_reason = models.TextField(_("lý do cần thêm thời gian"), blank=True)
    status = models.CharField(
        _("trạng thái"),
        max_length=20,
        choices=AssignmentStatus.choices,
        default=AssignmentStatus.ASSIGNED,
    )
    # Set when the clock starts: on the conclusion notice, or at once for a written assignment.
    due_date = models.DateField(_("hạn báo cáo"), null=True, blank=True)
    report_text = models.TextField(_("kết quả xử lý"), blank=True)
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    reported_at = models.DateTimeField(_("báo cáo lúc"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.TextField(_("ý kiến của lãnh đạo"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = AssignmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("giao xử lý")
        verbose_name_plural = _("giao xử lý")
        ordering = ["due_date", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["petition"],
                condition=Q(status__in=["assigned", "reported", "returned"]),
                name="one_active_assignment_per_petition",
            )
        ]
        indexes = [
            models.Index(fields=["agency", "status", "due_date"]),
            models.Index(fields=["unit", "status", "due_date"]),
        ]

    def __str__(self):
        return f"{self.petition_id} → {self.unit}"


class ExtensionStatus(models.TextChoices):
    PENDING = "pending", _("Chờ quyết định")
    APPROVED = "approved", _("Đã đồng ý")
    REFUSED = "refused", _("Không đồng ý")


EXTENSION_TRANSITIONS: dict[str, set[str]] = {
    ExtensionStatus.PENDING: {ExtensionStatus.APPROVED, ExtensionStatus.REFUSED},
    ExtensionStatus.APPROVED: set(),
    ExtensionStatus.REFUSED: set(),
}


class ExtensionRequest(models.Model):
    """A unit's request for the 15-working-day limit, pending until the head decides.

    Only an approval moves the assignment's due date (through its stored deadline); a
    refusal keeps it and records why.
    """

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    assignment = models.ForeignKey(
        Assignment, on_delete=models.PROTECT, related_name="extension_requests"
    )
    reason = models.TextField(_("lý do cần xác minh, làm rõ"))
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người đề nghị"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    requested_at = models.DateTimeField(_("đề nghị lúc"), auto_now_add=True)
    status = models.CharField(
        _("trạng thái"),
        max_length=20,
        choices=ExtensionStatus.choices,
        default=ExtensionStatus.PENDING,
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người quyết định"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("quyết định lúc"), null=True, blank=True)
    decision_reason = models.TextField(_("lý do, ý kiến của lãnh đạo"), blank=True)

    class Meta:
        verbose_name = _("đề nghị thời hạn 15 ngày")
        verbose_name_plural = _("đề nghị thời hạn 15 ngày")
        ordering = ["requested_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["assignment"],
                condition=Q(status="pending"),
                name="one_pending_extension_per_assignment",
            ),
            models.CheckConstraint(
                condition=Q(status="pending") | Q(decided_at__isnull=False),
                name="decided_extension_has_decision_time",
            ),
            models.CheckConstraint(
                condition=~Q(status="refused") | ~Q(decision_reason=""),
                name="refused_extension_has_reason",
            ),
        ]
        indexes = [models.Index(fields=["agency", "status", "requested_at"])]

    def __str__(self):
        return f"{self.assignment_id}: {self.get_status_display()}"


class ResolutionAttachment(models.Model):
    """A file a unit attaches to its resolution report."""

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    assignment = models.ForeignKey(Assignment, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to=RandomName("resolutions"))
    original_name = models.CharField(max_length=255)
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("tệp kết quả xử lý")
        verbose_name_plural = _("tệp kết quả xử lý")

    def __str__(self):
        return self.original_name
