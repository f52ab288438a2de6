"""Changes to the official schedule: each one checked, saved and audited in one transaction.

Changing the schedule never moves deadlines already stored; an administrator previews and
recomputes them explicitly (`doithoai.deadlines.actions.recompute_deadline`).
"""

from django.db import transaction
from django.utils.translation import gettext as _

from doithoai.audit.log import record
from doithoai.audit.models import Verb
from doithoai.core.errors import PermissionRefused, ValidationFailed

from . import calendar
from .models import OfficialScheduleEntry

FIELDS = ("date", "kind", "name", "source", "note")


def _require_editor(by, permission: str) -> None:
    allowed = getattr(by, "is_authenticated", False) and (
        by.is_superuser or (by.is_staff and by.has_perm(permission))
    )
    if not allowed:
        raise PermissionRefused()


def _snapshot(entry: OfficialScheduleEntry) -> dict:
    return {name: getattr(entry, name) for name in FIELDS}


@transaction.atomic
def save_schedule_entry(*, entry: OfficialScheduleEntry, by) -> OfficialScheduleEntry:
    """Create or change one official day off or working day, and record what changed."""
    creating = entry.pk is None
    _require_editor(
        by,
        "workdays.add_officialscheduleentry"
        if creating
        else "workdays.change_officialscheduleentry",
    )
    if entry.date is None or not calendar.MIN_YEAR <= entry.date.year <= calendar.MAX_YEAR:
        raise ValidationFailed(
            _("Lịch chỉ hỗ trợ từ năm %(a)s đến năm %(b)s.")
            % {"a": calendar.MIN_YEAR, "b": calendar.MAX_YEAR},
            field="date",
        )
    if not (entry.name or "").strip():
        raise ValidationFailed(_("Vui lòng nhập tên ngày."), field="name")
    if not (entry.source or "").strip():
        raise ValidationFailed(_("Vui lòng nhập văn bản căn cứ."), field="source")
    before = {} if creating else _snapshot(OfficialScheduleEntry.objects.get(pk=entry.pk))
    entry.save()
    record(Verb.CALENDAR_CHANGED, entry, by=by, before=before, after=_snapshot(entry))
    return entry


@transaction.atomic
def delete_schedule_entry(*, entry: OfficialScheduleEntry, by, reason: str = "") -> None:
    """Remove one official day off or working day, and record it."""
    _require_editor(by, "workdays.delete_officialscheduleentry")
    record(Verb.CALENDAR_CHANGED, entry, by=by, before=_snapshot(entry), after={}, reason=reason)
    entry.delete()
