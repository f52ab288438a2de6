"""Reorganising agencies: renamed, merged into a successor, moved under another parent.

Only an installation administrator (a superuser) records these, with the effective date and
the legal basis; nothing is deleted. A merge ends the agency: its units and people move to
the successor and the apps above carry its open work over (the `agency_merged` event);
closed records stay with the old agency and read under the names valid on their dates.
"""

import datetime

from django.db import transaction
from django.utils.translation import gettext as _

from doithoai.audit.log import record
from doithoai.audit.models import Verb
from doithoai.core import events
from doithoai.core.actionkit import require_text, today
from doithoai.core.errors import Conflict, InvalidTransition, PermissionRefused, ValidationFailed

from . import access
from .models import (
    Agency,
    AgencyName,
    Delegation,
    DelegationKind,
    Membership,
    MembershipRole,
    Reorganisation,
    ReorganisationKind,
    Unit,
)
from .names import NAME_FIELDS, forget_successors, version_on


def can_reorganise(user) -> bool:
    """Tell whether `user` may record a reorganisation (an installation administrator)."""
    return bool(getattr(user, "is_authenticated", False) and user.is_superuser)


def _check(by, effective_on, legal_basis) -> tuple[datetime.date, str]:
    if not can_reorganise(by):
        raise PermissionRefused()
    if not isinstance(effective_on, datetime.date):
        raise ValidationFailed(_("Vui lòng nhập ngày có hiệu lực."), field="effective_on")
    if effective_on > today():
        raise ValidationFailed(
            _("Chỉ ghi nhận việc tổ chức lại khi đã có hiệu lực."), field="effective_on"
        )
    return effective_on, require_text(
        legal_basis, "legal_basis", _("căn cứ pháp lý"), max_length=200
    )


def _locked(agency: Agency) -> Agency:
    agency = Agency.objects.select_for_update().get(pk=agency.pk)
    if agency.ended_on is not None:
        raise InvalidTransition(
            _("Cơ quan đã hợp nhất vào %(s)s từ ngày %(d)s.")
            % {"s": agency.successor, "d": agency.ended_on.strftime("%d/%m/%Y")},
            field="agency",
        )
    return agency


def _keep_original(agency: Agency) -> None:
    """Record the names the agency had before its first recorded change."""
    if not agency.names.filter(valid_from__isnull=True).exists():
        AgencyName.objects.create(
            agency=agency, valid_from=None, **{f: getattr(agency, f) for f in NAME_FIELDS}
        )


@transaction.atomic
def rename_agency(
    *,
    agency: Agency,
    by,
    effective_on: datetime.date,
    legal_basis: str,
    name: str,
    parent_body_name: str,
    locality: str,
    short_name: str = "",
    report_recipient: str = "",
    legal_basis_date: datetime.date | None = None,
) -> AgencyName:
    """Record the agency's new names from `effective_on` (documents dated before keep theirs)."""
    effective_on, legal_basis = _check(by, effective_on, legal_basis)
    agency = _locked(agency)
    if agency.names.filter(valid_from=effective_on).exists():
        raise Conflict(_("Đã có tên cơ quan hiệu lực từ ngày này."), field="effective_on")
    _keep_original(agency)
    before = version_on(agency, effective_on)
    version = AgencyName.objects.create(
        agency=agency,
        valid_from=effective_on,
        name=require_text(name, "name", _("tên cơ quan"), max_length=200),
        short_name=short_name.strip(),
        parent_body_name=parent_body_name.strip(),
        locality=require_text(locality, "locality", _("địa danh"), max_length=100),
        report_recipient=report_recipient.strip() or before.report_recipient,
        legal_basis=legal_basis,
        legal_basis_date=legal_basis_date,
    )
    # The agency row carries the names in force today (pages show them).
    current = version_on(agency, today())
    for field in NAME_FIELDS:
        setattr(agency, field, getattr(current, field))
    agency.save(update_fields=list(NAME_FIELDS))
    Reorganisation.objects.create(
        agency=agency,
        kind=ReorganisationKind.RENAME,
        effective_on=effective_on,
        legal_basis=legal_basis,
        legal_basis_date=legal_basis_date,
        recorded_by=by,
    )
    record(
        Verb.AGENCY_RENAMED,
        agency,
        by=by,
        agency=agency,
        before={f: getattr(before, f) for f in NAME_FIELDS},
        after={f: getattr(version, f) for f in NAME_FIELDS}
        | {"valid_from": effective_on.isoformat(), "legal_basis": legal_basis},
    )
    return version


@transaction.atomic
def move_agency(
    *,
    agency: Agency,
    new_parent: Agency | None,
    by,
    effective_on: datetime.date,
    legal_basis: str,
    legal_basis_date: datetime.date | None = None,
) -> Reorganisation:
    """Put the agency under another parent agency (or under none)."""
    effective_on, legal_basis = _check(by, effective_on, legal_basis)
    agency = _locked(agency)
    if new_parent is not None:
        if new_parent.ended_on is not None:
            raise ValidationFailed(_("Cơ quan cấp trên mới đã hợp nhất."), field="new_parent")
        if _is_below(new_parent, agency):
            raise ValidationFailed(
                _("Không thể đặt cơ quan dưới chính nó hoặc cơ quan cấp dưới của nó."),
                field="new_parent",
            )
    if (new_parent.pk if new_parent else None) == agency.parent_id:
        raise ValidationFailed(_("Cơ quan đã ở dưới cơ quan cấp trên này."), field="new_parent")
    old_parent = agency.parent
    agency.parent = new_parent
    agency.save(update_fields=["parent"])
    event = Reorganisation.objects.create(
        agency=agency,
        kind=ReorganisationKind.MOVE,
        effective_on=effective_on,
        legal_basis=legal_basis,
        legal_basis_date=legal_basis_date,
        old_parent=old_parent,
        new_parent=new_parent,
        recorded_by=by,
    )
    record(
        Verb.AGENCY_MOVED,
        agency,
        by=by,
        agency=agency,
        before={"parent": old_parent.pk if old_parent else None},
        after={
            "parent": new_parent.pk if new_parent else None,
            "effective_on": effective_on.isoformat(),
            "legal_basis": legal_basis,
        },
    )
    return event


def _is_below(candidate: Agency, agency: Agency) -> bool:
    """Tell whether `candidate` is `agency` itself or one of the agencies below it."""
    ancestor, seen = candidate, set()
    while ancestor is not None and ancestor.pk not in seen:
        if ancestor.pk == agency.pk:
            return True
        seen.add(ancestor.pk)
        ancestor = ancestor.parent
    return False


def _free_code(successor: Agency, code: str, suffix: str) -> str:
    taken = set(Unit.objects.filter(agency=successor).values_list("code", flat=True))
    if code not in taken:
        return code
    candidate = f"{code}-{suffix}"[:20]
    n = 2
    while candidate in taken:
        candidate = f"{code}-{suffix}{n}"[:20]
        n += 1
    return candidate


@transaction.atomic
def merge_agency(
    *,
    agency: Agency,
    successor: Agency,
    by,
    effective_on: datetime.date,
    legal_basis: str,
    legal_basis_date: datetime.date | None = None,
) -> Reorganisation:
    """Merge `agency` into `successor` from `effective_on`.

    Units and people move to the successor (a person already there keeps that place and the
    old one is ended); the apps above carry over the open petitions, conferences,
    assignments and deadlines; closed records stay where they are.
    """
    effective_on, legal_basis = _check(by, effective_on, legal_basis)
    if successor is None or successor.pk == agency.pk:
        raise ValidationFailed(_("Chọn cơ quan kế thừa khác cơ quan này."), field="successor")
    if _is_below(successor, agency):
        raise ValidationFailed(
            _("Không thể hợp nhất cơ quan vào một cơ quan cấp dưới của nó."), field="successor"
        )
    agency = _locked(agency)
    successor = _locked(successor)
    _keep_original(agency)
    moved_units = {}
    for unit in Unit.objects.filter(agency=agency).order_by("pk"):
        old_code = unit.code
        unit.code = _free_code(successor, unit.code, agency.code)
        unit.agency = successor
        unit.save(update_fields=["agency", "code"])
        moved_units[unit.pk] = [old_code, unit.code]
    moved_people, ended_people = [], []
    already = set(Membership.objects.filter(agency=successor).values_list("user_id", flat=True))
    for member in Membership.objects.filter(agency=agency).select_related("user"):
        if member.user_id in already:
            member.is_active = False
            member.save(update_fields=["is_active"])
            ended_people.append(member.user_id)
        else:
            member.agency = successor
            member.save(update_fields=["agency"])
            MembershipRole.objects.filter(membership=member).update(agency=successor)
            moved_people.append(member.user_id)
        access.forget(member.user)
    delegations = Delegation.objects.filter(
        agency=agency,
        kind=DelegationKind.REPRESENTATIVE,
        revoked_at__isnull=True,
        conference__isnull=True,
    ).exclude(valid_until__lt=effective_on)
    moved_delegations = list(delegations.values_list("pk", flat=True))
    delegations.update(agency=successor)
    agency.successor = successor
    agency.ended_on = effective_on
    agency.save(update_fields=["successor", "ended_on"])
    forget_successors()
    transaction.on_commit(forget_successors)
    carried = {
        "units": len(moved_units),
        "memberships": len(moved_people),
        "delegations": len(moved_delegations),
    }
    # Each app above moves its open records and answers with {kind: count}.
    for reply in events.publish(
        "agency_merged", agency=agency, by=by, successor=successor, effective_on=effective_on
    ):
        carried.update(reply)
    event = Reorganisation.objects.create(
        agency=agency,
        kind=ReorganisationKind.MERGE,
        effective_on=effective_on,
        legal_basis=legal_basis,
        legal_basis_date=legal_basis_date,
        successor=successor,
        carried=carried,
        recorded_by=by,
    )
    record(
        Verb.AGENCY_MERGED,
        agency,
        by=by,
        agency=agency,
        after={
            "successor": successor.pk,
            "effective_on": effective_on.isoformat(),
            "legal_basis": legal_basis,
            "carried": carried,
            "units": moved_units,
            "people_moved": moved_people,
            "people_ended": ended_people,
        },
    )
    return event


# --- One entry for the page, the API and the command, and its preview ---------------------

KINDS = ("rename", "move", "merge")


def agency_by_code(code: str | None, field: str) -> Agency | None:
    """Return the agency with this code (None for an empty code), or refuse an unknown one."""
    code = (code or "").strip()
    if not code:
        return None
    found = Agency.objects.filter(code__iexact=code).first()
    if found is None:
        raise ValidationFailed(_("Không có cơ quan ký hiệu %(c)s.") % {"c": code[:40]}, field=field)
    return found


def reorganise(
    *,
    kind: str,
    agency: Agency,
    by,
    effective_on: datetime.date,
    legal_basis: str,
    target: Agency | None = None,
    legal_basis_date: datetime.date | None = None,
    **names,
):
    """Record a rename, a move (under `target`, or none) or a merge (into `target`)."""
    if agency is None:
        raise ValidationFailed(_("Vui lòng nhập ký hiệu cơ quan."), field="agency")
    common = {
        "agency": agency,
        "by": by,
        "effective_on": effective_on,
        "legal_basis": legal_basis,
        "legal_basis_date": legal_basis_date,
    }
    if kind == "merge":
        if target is None:
            raise ValidationFailed(_("Chọn cơ quan kế thừa."), field="target")
        return merge_agency(successor=target, **common)
    if kind == "move":
        return move_agency(new_parent=target, **common)
    if kind == "rename":
        return rename_agency(
            name=names.get("name", ""),
            short_name=names.get("short_name", ""),
            parent_body_name=names.get("parent_body_name", ""),
            locality=names.get("locality", ""),
            report_recipient=names.get("report_recipient", ""),
            **common,
        )
    raise ValidationFailed(_("Chọn đổi tên, chuyển cơ quan cấp trên hoặc hợp nhất."), field="kind")


class _DryRun(Exception):
    def __init__(self, summary: dict):
        super().__init__("dry run")
        self.summary = summary


def preview(*, kind: str, agency: Agency, **kwargs) -> dict:
    """Return what the reorganisation would move, changing nothing.

    The action itself runs, with every check it makes, and is rolled back: a merge answers
    with the counts it would carry ({units, memberships, delegations, petitions,
    conferences, assignments, deadlines}); a move with the agencies below that go with it. A
    refusal is raised as the action would raise it.
    """
    below = Agency.objects.filter(parent=agency).count()
    try:
        with transaction.atomic():
            result = reorganise(kind=kind, agency=agency, **kwargs)
            carried = getattr(result, "carried", None) or {}
            summary = {k: v for k, v in carried.items() if isinstance(v, int)}
            if kind == "move":
                summary = {"agencies_below": below}
            raise _DryRun(summary)
    except _DryRun as done:
        # The caches dropped or refilled during the run may hold the merged state: drop them.
        forget_successors()
        for member in Membership.objects.filter(agency=agency).select_related("user"):
            access.forget(member.user)
        return done.summary
