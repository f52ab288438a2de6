"""Petitions (kiến nghị): what staff and units raise, with topics, attachments and support."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from doithoai.core.attachments import RandomName
from doithoai.organizations.models import Agency, Unit


class TopicGroup(models.TextChoices):
    """The seed's three groups of dialogue content."""

    ASPIRATIONS = "aspirations", _("Tâm tư, nguyện vọng; chế độ, chính sách của CCVC và NLĐ")
    IMPLEMENTATION = (
        "implementation",
        _(
            "Thực hiện chính sách; khiếu nại, tố cáo; phòng chống tham nhũng; kỷ luật, đạo đức công vụ"
        ),
    )
    PUBLIC_OPINION = "public_opinion", _("Vấn đề vướng mắc, nổi cộm dư luận phản ánh")


class Topic(models.Model):
    """A sub-topic of one of the seed's groups, per agency."""

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="topics")
    group = models.CharField(_("nhóm nội dung"), max_length=20, choices=TopicGroup.choices)
    name = models.CharField(_("chủ đề"), max_length=200)
    code = models.SlugField(_("mã"), max_length=40)
    confidential_by_default = models.BooleanField(
        _("mặc định bảo mật danh tính"),
        default=False,
        help_text=_("Tố cáo luôn được bảo mật danh tính người gửi."),
    )
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("chủ đề")
        verbose_name_plural = _("chủ đề")
        ordering = ["group", "position", "name"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "code"], name="topic_code_per_agency")
        ]

    def __str__(self):
        return self.name


# (group, code, name, confidential by default)
DEFAULT_TOPICS = [
    (TopicGroup.ASPIRATIONS, "che-do-tien-luong", "Chế độ tiền lương, phụ cấp", False),
    (TopicGroup.ASPIRATIONS, "dao-tao-boi-duong", "Đào tạo, bồi dưỡng, quy hoạch, bổ nhiệm", False),
    (TopicGroup.ASPIRATIONS, "dieu-kien-lam-viec", "Điều kiện, môi trường làm việc", False),
    (TopicGroup.ASPIRATIONS, "thi-dua-khen-thuong", "Thi đua, khen thưởng", False),
    (TopicGroup.IMPLEMENTATION, "thuc-hien-chinh-sach", "Thực hiện chính sách, quy chế", False),
    (TopicGroup.IMPLEMENTATION, "khieu-nai", "Khiếu nại", False),
    (TopicGroup.IMPLEMENTATION, "to-cao", "Tố cáo", True),
    (TopicGroup.IMPLEMENTATION, "phong-chong-tham-nhung", "Phòng, chống tham nhũng", True),
    (
        TopicGroup.IMPLEMENTATION,
        "ky-luat-dao-duc",
        "Kỷ luật, kỷ cương hành chính, đạo đức công vụ",
        False,
    ),
    (TopicGroup.PUBLIC_OPINION, "du-luan-phan-anh", "Vấn đề dư luận phản ánh", False),
    (
        TopicGroup.PUBLIC_OPINION,
        "cai-cach-hanh-chinh",
        "Cải cách hành chính, quy trình công việc",
        False,
    ),
]


class Status(models.TextChoices):
    """Where a petition stands in the process."""

    SUBMITTED = "submitted", _("Mới gửi")
    RECEIVED = "received", _("Đã tiếp nhận")
    SCHEDULED = "scheduled", _("Đưa vào hội nghị")
    COMMITTED = "committed", _("Đã cam kết thời hạn trả lời")
    ASSIGNED = "assigned", _("Đang giao đơn vị xử lý")
    RESOLUTION_REPORTED = "resolution_reported", _("Đơn vị đã báo cáo kết quả")
    ANSWERED = "answered", _("Đã trả lời")
    CLOSED = "closed", _("Đã kết thúc")
    MERGED = "merged", _("Đã gộp vào kiến nghị khác")
    WITHDRAWN = "withdrawn", _("Đã rút")
    REJECTED = "rejected", _("Không thuộc thẩm quyền, từ chối")
    TRANSFERRED = "transferred", _("Đã chuyển cơ quan có thẩm quyền")


# The petition lifecycle: for each state, the states an action may move it to.
TRANSITIONS: dict[str, set[str]] = {
    Status.SUBMITTED: {
        Status.RECEIVED,
        Status.MERGED,
        Status.WITHDRAWN,
        Status.REJECTED,
        Status.TRANSFERRED,
    },
    Status.RECEIVED: {
        Status.SCHEDULED,
        Status.MERGED,
        Status.WITHDRAWN,
        Status.REJECTED,
        Status.TRANSFERRED,
        Status.ANSWERED,  # answered in writing without a conference
        Status.ASSIGNED,  # handed to a unit in writing without a conference
    },
    Status.SCHEDULED: {
        Status.RECEIVED,  # taken off the agenda before the conference opens
        Status.MERGED,
        Status.ANSWERED,
        Status.COMMITTED,
        Status.ASSIGNED,
    },
    Status.COMMITTED: {Status.ASSIGNED, Status.ANSWERED},
    Status.ASSIGNED: {Status.RESOLUTION_REPORTED},
    Status.RESOLUTION_REPORTED: {Status.ANSWERED, Status.ASSIGNED},
    Status.ANSWERED: {Status.CLOSED, Status.RECEIVED},  # RECEIVED: reopened once
    Status.CLOSED: set(),
    Status.MERGED: set(),
    Status.WITHDRAWN: set(),
    Status.REJECTED: set(),
    Status.TRANSFERRED: set(),
}

OPEN_STATUSES = [
    Status.SUBMITTED,
    Status.RECEIVED,
    Status.SCHEDULED,
    Status.COMMITTED,
    Status.ASSIGNED,
    Status.RESOLUTION_REPORTED,
]
FINAL_STATUSES = [s for s, targets in TRANSITIONS.items() if not targets]


class Channel(models.TextChoices):
    """How a petition reached the secretariat."""

    WEB = "web", _("Gửi trên hệ thống")
    PAPER = "paper", _("Văn bản giấy")
    FLOOR = "floor", _("Phát biểu tại hội nghị")
    REPRESENTATIVE = "representative", _("Qua người đại diện")


class Privacy(models.TextChoices):
    """Who may learn who submitted a petition."""

    PUBLIC = "public", _("Công khai")
    CONFIDENTIAL = "confidential", _("Bảo mật danh tính")
    ANONYMOUS = "anonymous", _("Ẩn danh")


class SubmitterKind(models.TextChoices):
    """Who raises the petition."""

    PERSON = "person", _("Cá nhân")
    UNIT = "unit", _("Tổ chức (phòng, ban, đơn vị)")
    REPRESENTATIVE = "representative", _("Người đại diện được ủy quyền")
    ANONYMOUS = "anonymous", _("Ẩn danh")


class PetitionQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Return the petitions `user` may see; see `doithoai.petitions.visibility`."""
        from .visibility import visible_petitions

        return visible_petitions(self, user)

    def open(self):
        """Petitions still in the process."""
        return self.filter(status__in=OPEN_STATUSES)


class Petition(models.Model):
    """A petition raised by a staff member, a unit or a representative, followed to its answer."""

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="petitions")
    year = models.PositiveSmallIntegerField(_("năm"))
    number = models.PositiveIntegerField(_("số thứ tự"))
    code = models.CharField(_("mã kiến nghị"), max_length=20)
    title = models.CharField(_("tiêu đề"), max_length=250)
    content = models.TextField(_("nội dung"))
    search_text = models.TextField(editable=False, default="")
    topic = models.ForeignKey(
        Topic, verbose_name=_("chủ đề"), null=True, blank=True, on_delete=models.PROTECT
    )
    status = models.CharField(
        _("trạng thái"), max_length=24, choices=Status.choices, default=Status.SUBMITTED
    )
    channel = models.CharField(_("kênh tiếp nhận"), max_length=20, choices=Channel.choices)
    privacy = models.CharField(_("chế độ danh tính"), max_length=20, choices=Privacy.choices)
    submitter_kind = models.CharField(
        _("người gửi là"), max_length=20, choices=SubmitterKind.choices
    )
    # Identity: empty for anonymous petitions, never shown for confidential ones except to
    # the secretariat and the submitter.
    submitter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người gửi"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="petitions",
    )
    submitter_unit = models.ForeignKey(
        Unit,
        verbose_name=_("đơn vị gửi"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="petitions_raised",
    )
    submitter_name = models.CharField(
        _("họ tên người gửi (văn bản giấy)"), max_length=150, blank=True
    )
    delegation = models.ForeignKey(
        "organizations.Delegation",
        verbose_name=_("theo ủy quyền"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="petitions",
    )
    concerned_unit = models.ForeignKey(
        Unit,
        verbose_name=_("đơn vị liên quan"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="petitions_concerning",
    )
    conference = models.ForeignKey(
        "conferences.Conference",
        verbose_name=_("hội nghị"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="petitions",
    )
    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("gộp vào"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="merged_petitions",
    )
    receipt_hash = models.CharField(max_length=64, blank=True, editable=False)
    received_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    received_at = models.DateTimeField(_("tiếp nhận lúc"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("gửi lúc"))
    status_reason = models.TextField(_("lý do"), blank=True)
    transferred_to = models.CharField(_("chuyển đến"), max_length=200, blank=True)
    satisfied = models.BooleanField(_("người gửi hài lòng"), null=True, blank=True)
    reopen_count = models.PositiveSmallIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)

    objects = PetitionQuerySet.as_manager()

    class Meta:
        verbose_name = _("kiến nghị")
        verbose_name_plural = _("kiến nghị")
        ordering = ["-submitted_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "code"], name="petition_code_per_agency"),
            models.UniqueConstraint(
                fields=["agency", "year", "number"], name="petition_number_per_year"
            ),
            models.CheckConstraint(
                condition=~Q(privacy="anonymous")
                | Q(submitter__isnull=True, submitter_unit__isnull=True, submitter_name=""),
                name="anonymous_petition_stores_no_identity",
            ),
            models.CheckConstraint(
                condition=Q(status="merged", merged_into__isnull=False)
                | (~Q(status="merged") & Q(merged_into__isnull=True)),
                name="merged_iff_merged_into",
            ),
        ]
        indexes = [
            models.Index(fields=["agency", "status", "-submitted_at", "-id"]),
            models.Index(fields=["agency", "-submitted_at", "-id"]),
            models.Index(fields=["agency", "topic", "status"]),
            models.Index(fields=["agency", "topic", "-submitted_at", "-id"]),
            models.Index(fields=["agency", "concerned_unit", "status"]),
            models.Index(fields=["conference", "status"]),
            models.Index(fields=["submitter", "-submitted_at"]),
            models.Index(fields=["receipt_hash"]),
        ]

    def __str__(self):
        return f"{self.code} {self.title}"

    def can_move_to(self, target: str) -> bool:
        """Tell whether the lifecycle allows moving from the current state to `target`."""
        return target in TRANSITIONS.get(self.status, set())


class Attachment(models.Model):
    """A file attached to a petition, size- and type-checked, with its SHA-256."""

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    petition = models.ForeignKey(Petition, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(_("tệp"), upload_to=RandomName("petitions"))
    original_name = models.CharField(_("tên tệp"), max_length=255)
    size = models.PositiveBigIntegerField(_("dung lượng"))
    sha256 = models.CharField(max_length=64)
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("tệp đính kèm")
        verbose_name_plural = _("tệp đính kèm")

    def __str__(self):
        return self.original_name


class Support(models.Model):
    """A staff member's support of a petition already filed, instead of a duplicate."""

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    petition = models.ForeignKey(Petition, on_delete=models.CASCADE, related_name="supports")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("ủng hộ kiến nghị")
        verbose_name_plural = _("ủng hộ kiến nghị")
        constraints = [models.UniqueConstraint(fields=["petition", "user"], name="support_once")]

    def __str__(self):
        return f"{self.user_id} → {self.petition_id}"
