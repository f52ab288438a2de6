"""The official schedule: corrections to the statutory calendar, kept as editable data."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from . import calendar


class EntryKind(models.TextChoices):
    """Whether a correction adds a day off or a working day."""

    DAY_OFF = calendar.DAY_OFF, _("Ngày nghỉ")
    WORKING_DAY = calendar.WORKING_DAY, _("Ngày làm việc")


class OfficialScheduleEntry(models.Model):
    """One decreed day off or working day that corrects the `holidays` package for civil servants.

    These rows win over the package: a day-off row makes a day off, a working-day row makes
    a working day (a make-up Saturday, or a weekday the package wrongly lists as a holiday).
    Changing them does not move deadlines already stored; those are recomputed only by an
    explicit, audited action.
    """

    year = models.PositiveSmallIntegerField(_("năm"), editable=False, db_index=True)
    date = models.DateField(_("ngày"), unique=True)
    kind = models.CharField(_("loại"), max_length=20, choices=EntryKind.choices)
    name = models.CharField(_("tên ngày"), max_length=200)
    source = models.CharField(
        _("văn bản căn cứ"), max_length=200, help_text=_("Ví dụ CV 12729/VPCP-KGVX.")
    )
    note = models.TextField(_("ghi chú"), blank=True)
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    updated_at = models.DateTimeField(_("sửa lúc"), auto_now=True)

    class Meta:
        verbose_name = _("ngày nghỉ, ngày làm việc chính thức")
        verbose_name_plural = _("lịch nghỉ chính thức")
        ordering = ["date"]

    def __str__(self):
        return f"{self.date:%d/%m/%Y} {self.name}"

    def save(self, *args, **kwargs):
        self.year = self.date.year
        super().save(*args, **kwargs)

    def clean(self):
        if self.date and not calendar.MIN_YEAR <= self.date.year <= calendar.MAX_YEAR:
            raise ValidationError(
                {
                    "date": _("Lịch chỉ hỗ trợ từ năm %(a)s đến năm %(b)s.")
                    % {"a": calendar.MIN_YEAR, "b": calendar.MAX_YEAR}
                }
            )

    def as_correction(self) -> calendar.Correction:
        """Return the row as the pure calendar's correction."""
        return calendar.Correction(self.date, self.kind, self.name, self.source, self.note)
