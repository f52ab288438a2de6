"""Actions on agencies, units, people and delegations: the only writers of these models."""

import datetime

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from doithoai.audit.log import record
from doithoai.audit.models import Verb
from doithoai.core import events
from doithoai.core.actionkit import require, require_text, snapshot, today
from doithoai.core.errors import (
    ActionError,
    Conflict,
    InvalidTransition,
    ValidationFailed,
)

from . import access
from .models import Agency, Delegation, DelegationKind, Membership, MembershipRole, Role, Unit


@transaction.atomic
def create_agency(
    *,
    name: str,
    code: str,
    locality: str,
    by,
    parent: Agency | None = None,
    parent_body_name: str = "",
    short_name: str = "",
    head_title: str = "Chánh Văn phòng",
    deputy_title: str = "Phó Chánh Văn phòng",
) -> Agency:
    """Create an agency (with the default topics, see `petitions.receivers`); only a site
    superuser may."""
    if by is not None and not getattr(by, "is_superuser", False):
        from doithoai.core.errors import PermissionRefused

        raise PermissionRefused()
    name = require_text(name, "name", _("tên cơ quan"), max_length=200)
    code = require_text(code, "code", _("ký hiệu cơ quan"), max_length=20).upper()
    if Agency.objects.filter(code=code).exists():
        raise Conflict(_("Ký hiệu cơ quan %(code)s đã được dùng.") % {"code": code}, field="code")
    agency = Agency.objects.create(
        name=name,
        code=code,
        locality=require_text(locality, "locality", _("địa danh")),
        parent=parent,
        parent_body_name=parent_body_name,
        short_name=short_name,
        head_title=head_title,
        deputy_title=deputy_title,
    )
    # The petitions app gives the new agency its default topics (a subscriber, one layer up).
    events.publish("agency_created", agency=agency, by=by)
    record(Verb.AGENCY_CREATED, agency, by=by, after=snapshot(agency, "name", "code", "locality"))
    return agency


@transaction.atomic
def add_unit(*, agency: Agency, name: str, code: str, by, parent: Unit | None = None) -> Unit:
    """Add a department to an agency."""
    require("organizations.add_unit", by, agency)
    name = require_text(name, "name", _("tên đơn vị"), max_length=200)
    code = require_text(code, "code", _("ký hiệu đơn vị"), max_length=20).upper()
    if parent is not None and parent.agency_id != agency.pk:
        raise ValidationFailed(_("Đơn vị cấp trên thuộc cơ quan khác."), field="parent")
    if Unit.objects.filter(agency=agency, code=code).exists():
        raise Conflict(_("Ký hiệu đơn vị %(code)s đã có.") % {"code": code}, field="code")
    unit = Unit.objects.create(agency=agency, name=name, code=code, parent=parent)
    record(Verb.UNIT_CREATED, unit, by=by, after=snapshot(unit, "name", "code", "parent"))
    return unit


def _clean_units(units) -> list[tuple[str, str]]:
    cleaned, seen = [], set()
    for code, name in units:
        code = require_text(code, "units", _("ký hiệu đơn vị"), max_length=20).upper()
        name = require_text(name, "units", _("tên đơn vị"), max_length=200)
        if code in seen:
            raise ValidationFailed(
                _("Ký hiệu đơn vị %(code)s bị lặp lại.") % {"code": code}, field="units"
            )
        seen.add(code)
        cleaned.append((code, name))
    return cleaned


@transaction.atomic
def onboard_agency(
    *,
    code: str,
    name: str,
    locality: str,
    admin_username: str,
    admin_full_name: str,
    by,
    parent: Agency | None = None,
    parent_body_name: str = "",
    short_name: str = "",
    admin_email: str = "",
    units=(),
) -> Agency:
    """Create an agency with its first administrator and its units, all or nothing.

    Only a site superuser may. The agency is created by `by`, its administrator set up with
    it (no password: they set one through the forgotten-password page), the units by that
    administrator; each step is its own audited action.
    """
    if not getattr(by, "is_superuser", False):
        from doithoai.core.errors import PermissionRefused

        raise PermissionRefused()
    if parent is not None and parent.ended_on is not None:
        raise ValidationFailed(
            _("Cơ quan cấp trên %(code)s đã hợp nhất vào cơ quan khác.") % {"code": parent.code},
            field="parent",
        )
    admin_email = (admin_email or "").strip()
    if admin_email:
        try:
            validate_email(admin_email)
        except DjangoValidationError:
            raise ValidationFailed(
                _("Địa chỉ thư điện tử “%(e)s” không hợp lệ.") % {"e": admin_email},
                field="admin_email",
            ) from None
    unit_list = _clean_units(units)
    agency = create_agency(
        name=name,
        code=code,
        locality=locality,
        parent=parent,
        parent_body_name=parent_body_name.strip(),
        short_name=short_name.strip(),
        by=by,
    )
    try:
        admin = add_member(
            agency=agency,
            username=admin_username,
            full_name=admin_full_name,
            email=admin_email,
            roles=[Role.ADMIN],
            by=None,
        ).user
    except ActionError as exc:
        field = {"username": "admin_username", "full_name": "admin_full_name"}.get(exc.field)
        raise type(exc)(exc.message, field=field or exc.field) from None
    for unit_code, unit_name in unit_list:
        add_unit(agency=agency, code=unit_code, name=unit_name, by=admin)
    return agency


def _clean_roles(roles) -> list[str]:
    valid = set(Role.values)
    cleaned = sorted({str(r) for r in roles})
    unknown = [r for r in cleaned if r not in valid]
    if unknown:
        raise ValidationFailed(
            _("Vai trò không hợp lệ: %(roles)s.") % {"roles": ", ".join(unknown)}, field="roles"
        )
    if not cleaned:
        raise ValidationFailed(_("Chọn ít nhất một vai trò."), field="roles")
    if Role.INSPECTOR in cleaned and {Role.HEAD, Role.DEPUTY} & set(cleaned):
        # Law 10/2022 Art. 61: the head and deputies may not sit on the inspection board.
        raise ValidationFailed(
            _("Người đứng đầu và cấp phó không được là thành viên Ban Thanh tra nhân dân."),
            field="roles",
        )
    return cleaned


@transaction.atomic
def add_member(
    *,
    agency: Agency,
    username: str,
    full_name: str,
    roles,
    by,
    email: str = "",
    unit: Unit | None = None,
    position_title: str = "",
    staff_category: str = "cong_chuc",
    password: str | None = None,
) -> Membership:
    """Create a person (or reuse the account) and give them a place and roles in the agency."""
    if by is not None:
        require("organizations.add_membership", by, agency)
    username = require_text(username, "username", _("tên đăng nhập"), max_length=150)
    full_name = require_text(full_name, "full_name", _("họ và tên"), max_length=150)
    role_list = _clean_roles(roles)
    if unit is not None and unit.agency_id != agency.pk:
        raise ValidationFailed(_("Đơn vị thuộc cơ quan khác."), field="unit")
    if Role.UNIT_LEADER in role_list and unit is None:
        raise ValidationFailed(_("Lãnh đạo đơn vị phải thuộc một đơn vị."), field="unit")
    user_model = get_user_model()
    user = user_model.objects.filter(username=username).first()
    if user is None:
        first, _sep, last = full_name.rpartition(" ")
        user = user_model(username=username, email=email, first_name=first, last_name=last)
        if password:
            user.set_password(password)
        else:
            user.set_unusable_password()
        user.save()
    elif Membership.objects.filter(agency=agency, user=user).exists():
        raise Conflict(
            _("Tên đăng nhập %(u)s đã là thành viên của cơ quan.") % {"u": username},
            field="username",
        )
    try:
        with transaction.atomic():
            member = Membership.objects.create(
                agency=agency,
                user=user,
                unit=unit,
                position_title=position_title,
                staff_category=staff_category,
            )
    except IntegrityError as exc:  # a concurrent add of the same person
        raise Conflict(_("Người này vừa được thêm."), field="username") from exc
    MembershipRole.objects.bulk_create(
        MembershipRole(agency=agency, membership=member, role=r) for r in role_list
    )
    record(
        Verb.MEMBER_ADDED,
        member,
        by=by,
        agency=agency,
        after={"user": user.pk, "unit": unit.pk if unit else None, "roles": role_list},
    )
    access.forget(user)
    return member


@transaction.atomic
def set_roles(*, membership: Membership, roles, by, unit: Unit | None = None) -> Membership:
    """Replace a member's roles (and unit)."""
    require("organizations.change_membership", by, membership)
    role_list = _clean_roles(roles)
    before = {"roles": sorted(membership.role_set), "unit": membership.unit_id}
    if unit is not None:
        if unit.agency_id != membership.agency_id:
            raise ValidationFailed(_("Đơn vị thuộc cơ quan khác."), field="unit")
        membership.unit = unit
        membership.save(update_fields=["unit"])
    MembershipRole.objects.filter(membership=membership).exclude(role__in=role_list).delete()
    existing = set(
        MembershipRole.objects.filter(membership=membership).values_list("role", flat=True)
    )
    MembershipRole.objects.bulk_create(
        MembershipRole(agency_id=membership.agency_id, membership=membership, role=r)
        for r in role_list
        if r not in existing
    )
    record(
        Verb.MEMBER_CHANGED,
        membership,
        by=by,
        before=before,
        after={"roles": role_list, "unit": membership.unit_id},
    )
    access.forget(membership.user)
    return membership


@transaction.atomic
def authorize_representative(
    *,
    agency: Agency,
    grantee,
    by,
    valid_from: datetime.date | None = None,
    valid_until: datetime.date | None = None,
    conference=None,
    reason: str = "",
) -> Delegation:
    """Let a staff member authorize a unit representative to raise their petitions."""
    require("organizations.authorize_representative", by, agency)
    if grantee.pk == by.pk:
        raise ValidationFailed(_("Không thể tự ủy quyền cho chính mình."), field="grantee")
    grantee_membership = access.membership(grantee, agency)
    if grantee_membership is None:
        raise ValidationFailed(_("Người được ủy quyền không thuộc cơ quan."), field="grantee")
    if conference is not None and conference.agency_id != agency.pk:
        raise ValidationFailed(_("Hội nghị thuộc cơ quan khác."), field="conference")
    valid_from = valid_from or today()
    if valid_until is not None and valid_until < valid_from:
        raise ValidationFailed(_("Ngày hết hiệu lực phải sau ngày bắt đầu."), field="valid_until")
    if valid_until is not None and valid_until < today():
        raise ValidationFailed(_("Ủy quyền đã hết hiệu lực."), field="valid_until")
    active = Delegation.objects.valid_on(today()).filter(
        kind=DelegationKind.REPRESENTATIVE, grantor=by, grantee=grantee, conference=conference
    )
    if active.exists():
        raise Conflict(_("Bạn đã ủy quyền cho người này."), field="grantee")
    delegation = Delegation.objects.create(
        agency=agency,
        kind=DelegationKind.REPRESENTATIVE,
        grantor=by,
        grantee=grantee,
        unit=grantee_membership.unit,
        conference=conference,
        reason=reason.strip(),
        valid_from=valid_from,
        valid_until=valid_until,
    )
    record(
        Verb.DELEGATION_GRANTED,
        delegation,
        by=by,
        after=snapshot(delegation, "kind", "grantee", "conference", "valid_from", "valid_until"),
    )
    return delegation


@transaction.atomic
def revoke_delegation(*, delegation: Delegation, by, reason: str) -> Delegation:
    """Revoke a representative delegation (a chair delegation is revoked with its conference:
    `conferences.actions.revoke_chair_delegation`)."""
    delegation = Delegation.objects.select_for_update().get(pk=delegation.pk)
    require("organizations.revoke_delegation", by, delegation)
    reason = require_text(reason, "reason", _("lý do thu hồi"))
    if delegation.revoked_at is not None:
        raise InvalidTransition(_("Ủy quyền này đã bị thu hồi."), field="delegation")
    if delegation.kind == DelegationKind.CHAIR:
        raise ValidationFailed(
            _("Ủy quyền chủ trì được thu hồi tại trang hội nghị."), field="delegation"
        )
    delegation.revoked_at = timezone.now()
    delegation.revoked_by = by
    delegation.revoke_reason = reason
    delegation.save(update_fields=["revoked_at", "revoked_by", "revoke_reason"])
    record(Verb.DELEGATION_REVOKED, delegation, by=by, reason=reason)
    return delegation


@transaction.atomic
def confirm_representative_informed(*, delegation: Delegation, by) -> Delegation:
    """Record that a representative told the staff they represent what was raised and answered."""
    require("organizations.confirm_informed_delegation", by, delegation)
    if delegation.kind != DelegationKind.REPRESENTATIVE:
        raise ValidationFailed(_("Chỉ áp dụng cho ủy quyền đại diện."), field="delegation")
    if delegation.informed_at is not None:
        raise InvalidTransition(_("Đã xác nhận thông báo lại trước đó."), field="delegation")
    delegation.informed_at = timezone.now()
    delegation.save(update_fields=["informed_at"])
    record(Verb.REPRESENTATIVE_INFORMED, delegation, by=by)
    return delegation
