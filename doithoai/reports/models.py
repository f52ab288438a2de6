"""The prose of a periodic report, which the secretariat writes before the report is sent."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from doithoai.organizations.models import Agency


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
