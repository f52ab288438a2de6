"""Small helpers every `actions.py` uses: permission checks, transitions, snapshots."""

import rules
from django.utils import timezone
from django.utils.translation import gettext as _

from .errors import InvalidTransition, PermissionRefused, ValidationFailed


def require(permission: str, user, obj=None, message=None) -> None:
    """Refuse unless `user` holds the named django-rules permission on `obj`."""
    if not getattr(user, "is_authenticated", False) or not rules.has_perm(permission, user, obj):
        raise PermissionRefused(message)


def allowed(user, permission: str, obj=None, states=None, *, status_field: str = "status") -> bool:
    """Tell, without raising, what `require` (and `require_state` with `states`) would decide.

    The `can_*` checks beside the actions are built from this and the same permission names
    and state tuples the actions enforce, so a page never offers what the action would refuse.
    """
    if not getattr(user, "is_authenticated", False) or not rules.has_perm(permission, user, obj):
        return False
    return states is None or getattr(obj, status_field) in states


def require_text(value: str, field: str, label: str, *, max_length: int | None = None) -> str:
    """Return stripped text, refusing it when empty or too long."""
    text = (value or "").strip()
    if not text:
        raise ValidationFailed(_("Vui lòng nhập %(label)s.") % {"label": label}, field=field)
    if max_length and len(text) > max_length:
        raise ValidationFailed(
            _("%(label)s dài quá %(n)s ký tự.") % {"label": label.capitalize(), "n": max_length},
            field=field,
        )
    return text


def same_agency(obj, agency, field: str) -> None:
    """Refuse an object that belongs to another agency."""
    if obj is not None and obj.agency_id != agency.pk:
        raise ValidationFailed(_("Dữ liệu thuộc cơ quan khác, không dùng được ở đây."), field=field)


def move(obj, target: str, transitions: dict, *, status_field: str = "status") -> str:
    """Move `obj` to `target` if the lifecycle allows it; return the previous state."""
    current = getattr(obj, status_field)
    if target not in transitions.get(current, set()):
        label = obj._meta.get_field(status_field).choices
        names = dict(label)
        raise InvalidTransition(
            _("Không thể chuyển từ trạng thái “%(current)s” sang “%(target)s”.")
            % {"current": names.get(current, current), "target": names.get(target, target)},
            field=status_field,
        )
    setattr(obj, status_field, target)
    return current


def require_state(obj, allowed, *, status_field: str = "status") -> None:
    """Refuse unless `obj` is in one of the `allowed` states, naming the current one."""
    current = getattr(obj, status_field)
    if current not in allowed:
        names = dict(obj._meta.get_field(status_field).choices)
        raise InvalidTransition(
            _("Không thực hiện được khi đang ở trạng thái “%(current)s”.")
            % {"current": names.get(current, current)},
            field=status_field,
        )


def snapshot(obj, *fields: str) -> dict:
    """Return the named fields of `obj` as JSON-ready values for the audit log."""
    data = {}
    for name in fields:
        value = getattr(obj, name + "_id", None) if _is_fk(obj, name) else getattr(obj, name)
        data[name] = value
    return data


def _is_fk(obj, name: str) -> bool:
    field = obj._meta.get_field(name)
    return field.is_relation and field.many_to_one


def today():
    """Today in the agency's time zone."""
    return timezone.localdate()
