"""Deadlines of the dialogue process: each agency's rule set and every tracked time limit."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from doithoai.organizations.access import memberships
from doithoai.organizations.models import AGENCY_WIDE_ROLES, Role


def _days(label, default, *, maximum=60, help_text=""):
    return models.PositiveSmallIntegerField(
        label,
        default=default,
        help_text=help_text,
        validators=[MinValueValidator(1), MaxValueValidator(maximum)],
    )


class DeadlineRules(models.Model):
    """The time limits one agency applies; defaults are the seed plan's and the 2022 law's.

    One row per agency, created with these defaults the first time it is needed. Changing a
    rule affects deadlines opened afterwards, never those already stored.
    """

    agency = models.OneToOneField(
        "organizations.Agency", on_delete=models.CASCADE, related_name="deadline_rules"
    )
    compilation_days_before = _days(_("gửi tổng hợp kiến nghị trước hội nghị (ngày)"), 5)
    notice_working_days = _days(_("ban hành thông báo kết luận (ngày làm việc)"), 5)
    resolution_working_days = _days(_("đơn vị báo cáo kết quả xử lý (ngày làm việc)"), 7)
    resolution_verification_working_days = _days(
        _("báo cáo kết quả khi cần xác minh (ngày làm việc, tối đa)"), 15
    )
    semiannual_report_month = _days(_("báo cáo 6 tháng: tháng"), 6, maximum=12)
    semiannual_report_day = _days(_("báo cáo 6 tháng: chậm nhất ngày"), 25, maximum=31)
    annual_report_month = _days(_("báo cáo năm: tháng"), 12, maximum=12)
    annual_report_day = _days(
        _("báo cáo năm: chậm nhất ngày"),
        19,
        maximum=31,
        help_text=_("“Trước ngày 20/12” nghĩa là chậm nhất ngày 19/12."),
    )
    publication_working_days = _days(_("công khai trả lời (ngày làm việc)"), 5)
    publication_min_posted_days = _days(_("niêm yết tối thiểu (ngày liên tục)"), 20)
    observation_days = _days(_("giải quyết kiến nghị của Ban TTND (ngày)"), 15)
    reminder_working_days_before = models.PositiveSmallIntegerField(
        _("nhắc trước hạn (ngày làm việc)"),
        default=2,
        validators=[MaxValueValidator(30)],
    )
    updated_at = models.DateTimeField(_("sửa lúc"), auto_now=True)

    class Meta:
        verbose_name = _("quy định thời hạn")
        verbose_name_plural = _("quy định thời hạn")

    def __str__(self):
        return str(_("Quy định thời hạn của %(agency)s") % {"agency": self.agency})


class Kind(models.TextChoices):
    """The steps of the process that have a time limit."""

    COMPILATION = "compilation", _("Gửi tổng hợp kiến nghị")
    NOTICE = "notice", _("Thông báo kết luận")
    RESOLUTION = "resolution", _("Báo cáo kết quả xử lý")
    COMMITMENT = "commitment", _("Trả lời theo cam kết")
    PUBLICATION = "publication", _("Công khai trả lời")
    OBSERVATION = "observation", _("Giải quyết kiến nghị của Ban TTND")
    SEMIANNUAL_REPORT = "semiannual_report", _("Báo cáo 6 tháng")
    ANNUAL_REPORT = "annual_report", _("Báo cáo năm")
    REPORT_REVIEW = "report_review", _("Cấp trên xem xét báo cáo")
    REPORT_RESEND = "report_resend", _("Gửi lại báo cáo bị trả lại")


class DayKind(models.TextChoices):
    """How the days of a limit are counted."""

    WORKING = "working", _("ngày làm việc")
    CALENDAR = "calendar", _("ngày theo lịch")
    FIXED = "fixed", _("ngày cố định")


class Status(models.TextChoices):
    """Where a deadline stands."""

    OPEN = "open", _("Đang chạy")
    MET = "met", _("Đã hoàn thành")
    CANCELLED = "cancelled", _("Đã hủy")


class DeadlineQuerySet(models.QuerySet):
    """Deadlines filtered by who may see them."""

    def visible_to(self, user):
        """Return the deadlines `user` may see, in one query.

        The agency-wide roles (head, deputies, secretariat, inspection board, admin) see every
        deadline of their agency; a unit leader those of their unit; everyone the steps of the
        petitions they submitted and the steps they are personally responsible for.
        """
        if not getattr(user, "is_authenticated", False):
            return self.none()
        condition = Q(pk__in=[])
        for agency_id, member in memberships(user).items():
            roles = member.role_set
            if roles & AGENCY_WIDE_ROLES:
                condition |= Q(agency_id=agency_id)
                continue
            own = Q(petition__submitter=user) | Q(responsible_user=user)
            if Role.UNIT_LEADER in roles and member.unit_id:
                own |= Q(unit_id=member.unit_id)
            condition |= Q(agency_id=agency_id) & own
        return self.filter(condition)


class Deadline(models.Model):
    """One time limit of one step (a subject: conference, assignment, petition…), tracked to its end.

    The due date is computed once, when the step starts, from the agency's `DeadlineRules`
    and the working-day calendar, and stored with how it was computed (`computation`: the
    start, the rule, the days counted and each day skipped with its name). It changes only
    through `recompute_deadline`, an explicit and audited action; changing the calendar or
    the rules later never moves it silently. The nullable foreign keys duplicate what the
    subject points at, so the board filters by petition, conference or unit with an index.
    """

    agency = models.ForeignKey(
        "organizations.Agency", on_delete=models.PROTECT, related_name="deadlines"
    )
    kind = models.CharField(_("loại thời hạn"), max_length=30, choices=Kind.choices)
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    object_id = models.PositiveBigIntegerField()
    subject = GenericForeignKey("content_type", "object_id")
    petition = models.ForeignKey(
        "petitions.Petition",
        verbose_name=_("kiến nghị"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="deadlines",
    )
    conference = models.ForeignKey(
        "conferences.Conference",
        verbose_name=_("hội nghị"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="deadlines",
    )
    unit = models.ForeignKey(
        "organizations.Unit",
        verbose_name=_("đơn vị chịu trách nhiệm"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="deadlines",
    )
    responsible_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người chịu trách nhiệm"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="deadlines",
    )
    start_date = models.DateField(_("ngày bắt đầu tính"))
    due_date = models.DateField(_("hạn"))
    rule = models.CharField(_("quy định"), max_length=300)
    days = models.IntegerField(_("số ngày"))
    day_kind = models.CharField(_("cách tính ngày"), max_length=10, choices=DayKind.choices)
    computation = models.JSONField(_("cách tính"), default=dict)
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    completed_on = models.DateField(_("ngày hoàn thành"), null=True, blank=True)
    completed_late = models.BooleanField(_("hoàn thành trễ hạn"), default=False)
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)

    objects = DeadlineQuerySet.as_manager()

    class Meta:
        verbose_name = _("thời hạn")
        verbose_name_plural = _("thời hạn")
        ordering = ["due_date", "id"]
        indexes = [
            models.Index(fields=["agency", "status", "due_date"], name="deadline_board"),
            models.Index(fields=["unit", "status", "due_date"], name="deadline_unit_board"),
            models.Index(fields=["content_type", "object_id"], name="deadline_subject"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "content_type", "object_id"],
                condition=Q(status="open"),
                name="one_open_deadline_per_step",
            ),
            models.CheckConstraint(
                condition=Q(status="open") | Q(completed_on__isnull=False) | Q(status="cancelled"),
                name="met_deadline_has_completion_date",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} — {self.due_date:%d/%m/%Y}"
