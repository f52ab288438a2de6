"""Agencies (the tenants), their units, the people in them with their roles, and delegations."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    """What a member may do in an agency; a member may hold several."""

    HEAD = "head", _("Người đứng đầu")
    DEPUTY = "deputy", _("Cấp phó")
    SECRETARIAT = "secretariat", _("Bộ phận tổng hợp (HC-TC)")
    UNIT_LEADER = "unit_leader", _("Lãnh đạo đơn vị")
    STAFF = "staff", _("CCVC, người lao động")
    INSPECTOR = "inspector", _("Ban Thanh tra nhân dân")
    ADMIN = "admin", _("Quản trị cơ quan")
    # In a province's office (its People's Committee or Department of Home Affairs): receives
    # and follows the reports of every agency below it (`organizations.access.below`).
    SUPERVISOR = "supervisor", _("Cấp trên nhận báo cáo")


# The roles that see every petition, conference and assignment of their agency (identities
# still follow the privacy rules).
AGENCY_WIDE_ROLES = frozenset({Role.HEAD, Role.DEPUTY, Role.SECRETARIAT, Role.INSPECTOR})


class StaffCategory(models.TextChoices):
    """The staff categories the law distinguishes."""

    CIVIL_SERVANT = "cong_chuc", _("Công chức")
    PUBLIC_EMPLOYEE = "vien_chuc", _("Viên chức")
    WORKER = "nguoi_lao_dong", _("Người lao động")


class Agency(models.Model):
    """A state agency running its own dialogue: the tenant every other row belongs to."""

    name = models.CharField(_("tên cơ quan"), max_length=200)
    short_name = models.CharField(_("tên viết tắt"), max_length=100, blank=True)
    code = models.SlugField(
        _("ký hiệu cơ quan"),
        max_length=20,
        unique=True,
        allow_unicode=False,
        help_text=_("Dùng trong số, ký hiệu văn bản, ví dụ VPUBND."),
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("cơ quan cấp trên"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    parent_body_name = models.CharField(
        _("tên cơ quan chủ quản"),
        max_length=200,
        blank=True,
        help_text=_("Dòng trên tên cơ quan ở đầu văn bản, ví dụ UBND TỈNH HÀ GIANG."),
    )
    locality = models.CharField(_("địa danh"), max_length=100, help_text=_("Ví dụ Hà Giang."))
    head_title = models.CharField(
        _("chức danh người đứng đầu"), max_length=100, default="Chánh Văn phòng"
    )
    deputy_title = models.CharField(
        _("chức danh cấp phó"), max_length=100, default="Phó Chánh Văn phòng"
    )
    report_recipient = models.CharField(
        _("nơi nhận báo cáo định kỳ"), max_length=200, default="UBND tỉnh"
    )
    # Set by a merge: from `ended_on` the agency's open work belongs to `successor`.
    successor = models.ForeignKey(
        "self",
        verbose_name=_("cơ quan kế thừa"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="predecessors",
    )
    ended_on = models.DateField(_("chấm dứt hoạt động từ ngày"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("cơ quan")
        verbose_name_plural = _("cơ quan")
        ordering = ["name"]

    def __str__(self):
        return self.name


class Unit(models.Model):
    """A department (phòng, ban, đơn vị) of an agency; units form a tree."""

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="units")
    name = models.CharField(_("tên đơn vị"), max_length=200)
    code = models.CharField(_("ký hiệu"), max_length=20, help_text=_("Ví dụ HCTC."))
    parent = models.ForeignKey(
        "self",
        verbose_name=_("đơn vị cấp trên"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    is_active = models.BooleanField(_("đang hoạt động"), default=True)

    class Meta:
        verbose_name = _("đơn vị")
        verbose_name_plural = _("đơn vị")
        ordering = ["agency", "name"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "code"], name="unit_code_per_agency")
        ]

    def __str__(self):
        return self.name


class Membership(models.Model):
    """A person's place in an agency: unit, position, staff category and roles."""

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("đơn vị"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="members",
    )
    position_title = models.CharField(_("chức vụ"), max_length=150, blank=True)
    staff_category = models.CharField(
        _("đối tượng"),
        max_length=20,
        choices=StaffCategory.choices,
        default=StaffCategory.CIVIL_SERVANT,
    )
    is_active = models.BooleanField(_("đang công tác"), default=True)

    class Meta:
        verbose_name = _("thành viên")
        verbose_name_plural = _("thành viên")
        constraints = [
            models.UniqueConstraint(fields=["agency", "user"], name="one_membership_per_agency")
        ]
        indexes = [models.Index(fields=["agency", "unit"])]

    def __str__(self):
        return f"{self.user.get_full_name() or self.user.username} — {self.agency.code}"

    @property
    def role_set(self) -> frozenset[str]:
        """Return the member's roles (uses prefetched rows when there are any)."""
        return frozenset(r.role for r in self.roles.all())


class MembershipRole(models.Model):
    """One role held by a member; a separate row so lists can filter by role with an index."""

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="+")
    membership = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="roles")
    role = models.CharField(_("vai trò"), max_length=20, choices=Role.choices)

    class Meta:
        verbose_name = _("vai trò")
        verbose_name_plural = _("vai trò")
        constraints = [
            models.UniqueConstraint(fields=["membership", "role"], name="role_once_per_member")
        ]
        indexes = [models.Index(fields=["agency", "role"])]

    def __str__(self):
        return self.get_role_display()


class DelegationKind(models.TextChoices):
    """The two delegations of the seed."""

    CHAIR = "chair", _("Ủy quyền chủ trì hội nghị")
    REPRESENTATIVE = "representative", _("Ủy quyền đại diện phản ánh kiến nghị")


class DelegationQuerySet(models.QuerySet):
    def valid_on(self, day):
        """Delegations in force on a given date."""
        return self.filter(
            Q(valid_until__isnull=True) | Q(valid_until__gte=day),
            revoked_at__isnull=True,
            valid_from__lte=day,
        )


class Delegation(models.Model):
    """A recorded authority: head → one deputy to chair, or staff → a unit representative."""

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="delegations")
    kind = models.CharField(_("loại ủy quyền"), max_length=20, choices=DelegationKind.choices)
    grantor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người ủy quyền"),
        on_delete=models.PROTECT,
        related_name="delegations_given",
    )
    grantee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người được ủy quyền"),
        on_delete=models.PROTECT,
        related_name="delegations_received",
    )
    conference = models.ForeignKey(
        "conferences.Conference",
        verbose_name=_("hội nghị"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="delegations",
    )
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("đơn vị đại diện"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    reason = models.TextField(_("lý do"), blank=True)
    valid_from = models.DateField(_("hiệu lực từ ngày"))
    valid_until = models.DateField(_("hiệu lực đến ngày"), null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    revoked_at = models.DateTimeField(_("thu hồi lúc"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    revoke_reason = models.TextField(_("lý do thu hồi"), blank=True)
    informed_at = models.DateTimeField(
        _("đã thông báo lại cho người ủy quyền lúc"), null=True, blank=True
    )

    objects = DelegationQuerySet.as_manager()

    class Meta:
        verbose_name = _("ủy quyền")
        verbose_name_plural = _("ủy quyền")
        constraints = [
            models.UniqueConstraint(
                fields=["conference"],
                condition=Q(kind="chair", revoked_at__isnull=True),
                name="one_chair_delegation_per_conference",
            ),
            models.CheckConstraint(
                condition=Q(valid_until__isnull=True) | Q(valid_until__gte=models.F("valid_from")),
                name="delegation_valid_range",
            ),
        ]
        indexes = [
            models.Index(fields=["agency", "kind", "grantee"]),
            models.Index(fields=["grantor", "kind"]),
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.grantor} → {self.grantee}"

    def is_valid_on(self, day) -> bool:
        """Tell whether the delegation is in force on `day`."""
        return (
            self.revoked_at is None
            and self.valid_from <= day
            and (self.valid_until is None or self.valid_until >= day)
        )


class Counter(models.Model):
    """A per-agency, per-year sequence (petition codes, document numbers), locked when used."""

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=20)
    year = models.PositiveSmallIntegerField()
    value = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("bộ đếm số")
        verbose_name_plural = _("bộ đếm số")
        constraints = [
            models.UniqueConstraint(fields=["agency", "key", "year"], name="counter_unique")
        ]

    def __str__(self):
        return f"{self.agency_id}/{self.key}/{self.year}={self.value}"


class ReorganisationKind(models.TextChoices):
    """The ways an agency changes in a reorganisation."""

    RENAME = "rename", _("Đổi tên")
    MERGE = "merge", _("Hợp nhất, sáp nhập vào cơ quan khác")
    MOVE = "move", _("Chuyển sang cơ quan cấp trên khác")


class AgencyName(models.Model):
    """The names of an agency as its documents print them, valid from a date.

    The version with no `valid_from` is the one in force since the agency was recorded; a
    document takes the latest version in force on its own date (`names.names_on`).
    """

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="names")
    valid_from = models.DateField(_("hiệu lực từ ngày"), null=True, blank=True)
    name = models.CharField(_("tên cơ quan"), max_length=200)
    short_name = models.CharField(_("tên viết tắt"), max_length=100, blank=True)
    parent_body_name = models.CharField(_("tên cơ quan chủ quản"), max_length=200, blank=True)
    locality = models.CharField(_("địa danh"), max_length=100)
    report_recipient = models.CharField(_("nơi nhận báo cáo định kỳ"), max_length=200)
    legal_basis = models.CharField(_("căn cứ pháp lý (số văn bản)"), max_length=200, blank=True)
    legal_basis_date = models.DateField(_("ngày văn bản căn cứ"), null=True, blank=True)
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("tên cơ quan theo thời gian")
        verbose_name_plural = _("tên cơ quan theo thời gian")
        ordering = ["agency", "valid_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "valid_from"], name="agency_name_once_per_day"
            ),
            models.UniqueConstraint(
                fields=["agency"],
                condition=Q(valid_from__isnull=True),
                name="agency_name_one_original",
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.valid_from or '…'})"


class Reorganisation(models.Model):
    """A recorded change of an agency: renamed, merged into a successor, or moved."""

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="reorganisations")
    kind = models.CharField(_("hình thức"), max_length=10, choices=ReorganisationKind.choices)
    effective_on = models.DateField(_("ngày có hiệu lực"))
    legal_basis = models.CharField(_("căn cứ pháp lý (số văn bản)"), max_length=200)
    legal_basis_date = models.DateField(_("ngày văn bản căn cứ"), null=True, blank=True)
    successor = models.ForeignKey(
        Agency,
        verbose_name=_("cơ quan kế thừa"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    old_parent = models.ForeignKey(
        Agency, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    new_parent = models.ForeignKey(
        Agency,
        verbose_name=_("cơ quan cấp trên mới"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # What a merge carried over, by kind of record ({"petitions": 3, ...}).
    carried = models.JSONField(default=dict, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("tổ chức lại cơ quan")
        verbose_name_plural = _("tổ chức lại cơ quan")
        ordering = ["effective_on", "pk"]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.agency} ({self.effective_on})"
