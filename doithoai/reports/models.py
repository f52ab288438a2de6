"""Stored report summaries (one per agency and period), background export jobs, and the
prose of a periodic report, which the secretariat writes before the report is sent."""

import uuid

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils.translation import gettext_lazy as _

from doithoai.organizations.models import Agency


class ReportSummary(models.Model):
    """An agency's report numbers for one period, as of one day (see `reports.summaries`).

    `version` goes up inside every write's transaction that concerns the agency; `clean` is
    the version the stored `data` was computed from. The row is fresh when both are equal
    and `as_of` is today.
    """

    agency = models.ForeignKey(
        "organizations.Agency", on_delete=models.CASCADE, related_name="report_summaries"
    )
    year = models.PositiveSmallIntegerField()
    half = models.PositiveSmallIntegerField(default=0)  # 0: the whole year
    as_of = models.DateField(null=True)
    version = models.PositiveBigIntegerField(default=0)
    clean = models.BigIntegerField(default=-1)
    data = models.JSONField(default=dict, encoder=DjangoJSONEncoder)
    computed_at = models.DateTimeField(null=True)

    class Meta:
        verbose_name = _("số liệu báo cáo đã tính")
        verbose_name_plural = _("số liệu báo cáo đã tính")
        constraints = [
            models.UniqueConstraint(fields=["agency", "year", "half"], name="report_summary_period")
        ]

    def __str__(self):
        return f"{self.agency_id} {self.year}/{self.half}"


class ExportStatus(models.TextChoices):
    """Where a background export stands."""

    PENDING = "pending", _("Đang chờ")
    RUNNING = "running", _("Đang xuất")
    DONE = "done", _("Đã xong")
    FAILED = "failed", _("Lỗi")


class ExportJob(models.Model):
    """One Excel export of a filtered petition list, written by a task, downloaded by its owner."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="export_jobs"
    )
    params = models.JSONField(default=dict, blank=True)
    status = models.CharField(
        max_length=10, choices=ExportStatus.choices, default=ExportStatus.PENDING
    )
    total = models.PositiveIntegerField(default=0)
    done = models.PositiveIntegerField(default=0)
    filename = models.CharField(max_length=200, blank=True)
    error = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField()

    class Meta:
        verbose_name = _("tệp xuất dữ liệu")
        verbose_name_plural = _("tệp xuất dữ liệu")
        indexes = [models.Index(fields=["requested_by", "-created_at"])]

    def __str__(self):
        return f"{self.pk} {self.status}"

    @property
    def percent(self) -> int:
        """Return the share of rows written, 0-100."""
        if self.status == ExportStatus.DONE:
            return 100
        return min(99, int(100 * self.done / self.total)) if self.total else 0


class Period(models.IntegerChoices):
    """Which report of the year: the annual one or a half-year's."""

    YEAR = 0, _("Cả năm")
    FIRST_HALF = 1, _("6 tháng đầu năm")
    SECOND_HALF = 2, _("6 tháng cuối năm")


# The prose parts of a report, in the order it prints them.
TEXT_FIELDS = ("assessment", "shortcomings", "causes", "directions", "recommendations")


class ReportText(models.Model):
    """What the figures cannot say: assessment, shortcomings and causes, next period's
    directions, recommendations. Written through `reports.actions.save_report_text`;
    frozen once the report is recorded as sent (`submitted_at`)."""

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("năm"))
    period = models.PositiveSmallIntegerField(_("kỳ báo cáo"), choices=Period.choices)
    assessment = models.TextField(_("đánh giá kết quả"), blank=True)
    shortcomings = models.TextField(_("tồn tại, hạn chế"), blank=True)
    causes = models.TextField(_("nguyên nhân"), blank=True)
    directions = models.TextField(_("phương hướng, nhiệm vụ"), blank=True)
    recommendations = models.TextField(_("kiến nghị, đề xuất"), blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    updated_at = models.DateTimeField(null=True)
    submitted_at = models.DateTimeField(_("đã gửi lúc"), null=True)

    class Meta:
        verbose_name = _("nội dung báo cáo")
        verbose_name_plural = _("nội dung báo cáo")
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "year", "period"], name="one_report_text_per_period"
            )
        ]

    def __str__(self):
        return f"{self.agency_id} {self.year}/{self.period}"

    @property
    def is_frozen(self) -> bool:
        """The report was sent: its prose no longer changes."""
        return self.submitted_at is not None


class SubmissionStatus(models.TextChoices):
    """Where a report sent up to the province stands."""

    PREPARED = "prepared", _("Đã chốt, chờ ký số và đóng dấu để gửi")
    SUBMITTED = "submitted", _("Đã gửi, chờ cấp trên xem xét")
    RETURNED = "returned", _("Cấp trên trả lại để sửa")
    ACCEPTED = "accepted", _("Cấp trên đã tiếp nhận")


class ReportSubmission(models.Model):
    """One version of a period's report for the province: its figures and its DOCX, frozen
    once. Where the agency signs digitally, the version is frozen first (`prepared`), the
    head signs its PDF, and the secretariat's seal sends it (`submitted`): what the province
    receives is what was signed. A returned report is corrected and sent again as the next
    version; every version is kept."""

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("năm"))
    period = models.PositiveSmallIntegerField(_("kỳ báo cáo"), choices=Period.choices)
    version = models.PositiveSmallIntegerField(_("lần gửi"))
    status = models.CharField(
        _("trạng thái"),
        max_length=12,
        choices=SubmissionStatus.choices,
        default=SubmissionStatus.SUBMITTED,
    )
    symbol = models.CharField(_("số, ký hiệu"), max_length=40, blank=True)
    figures = models.JSONField(_("số liệu khi gửi"))
    document = models.BinaryField(_("văn bản khi gửi (DOCX)"), null=True, editable=False)
    sha256 = models.CharField(_("mã băm SHA-256 của văn bản"), max_length=64, blank=True)
    # The signature block the frozen document prints: {"lines": [...], "name": ..., "user": pk}
    # and the number and symbol line; who alone may sign this version.
    signature = models.JSONField(_("khối chữ ký khi chốt"), default=dict, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    submitted_at = models.DateTimeField(_("gửi lúc"))
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    reviewed_at = models.DateTimeField(_("xem xét lúc"), null=True)
    return_reason = models.TextField(_("lý do trả lại"), blank=True)

    class Meta:
        verbose_name = _("báo cáo gửi cấp trên")
        verbose_name_plural = _("báo cáo gửi cấp trên")
        ordering = ["agency", "year", "period", "version"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "year", "period", "version"], name="one_submission_version"
            )
        ]

    def __str__(self):
        return f"{self.agency_id} {self.year}/{self.period} v{self.version}"
