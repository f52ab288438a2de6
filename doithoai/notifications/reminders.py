"""The daily reminder pass: a set number of working days before a deadline, and when overdue.

Who is reminded: the deadline's responsible user; failing that, the leaders of the
responsible unit; failing that, the agency's secretariat. When a deadline is overdue the
secretariat is told as well. Each (deadline, kind, due date) is reminded once: a `Reminder`
row with a unique constraint records it, so the pass is safe to run twice.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from doithoai.deadlines.models import Deadline, DeadlineRules, Status
from doithoai.organizations.models import MembershipRole, Role
from doithoai.workdays.calendar import vn_date
from doithoai.workdays.loader import get_calendar

from . import actions
from .models import Kind, Reminder, ReminderKind

# An overdue reminder is still sent if the pass did not run on the day itself, but not
# for deadlines long overdue (the board shows those), so a first run does not flood inboxes.
OVERDUE_CATCH_UP_DAYS = 7


@dataclass
class PassResult:
    """What one pass did."""

    day: datetime.date
    due_soon: int = 0
    overdue: int = 0
    notifications: int = 0
    skipped: int = 0


def _people(agency_ids):
    """Return {agency: [secretariat users]} and {unit: [leader users]} in two queries."""
    secretariat, leaders = defaultdict(list), defaultdict(list)
    rows = (
        MembershipRole.objects.filter(
            agency_id__in=agency_ids,
            role__in=[Role.SECRETARIAT, Role.UNIT_LEADER],
            membership__is_active=True,
            membership__user__is_active=True,
        )
        .select_related("membership__user")
        .order_by("membership__user_id")
    )
    for r in rows:
        if r.role == Role.SECRETARIAT:
            secretariat[r.agency_id].append(r.membership.user)
        elif r.membership.unit_id:
            leaders[r.membership.unit_id].append(r.membership.user)
    return secretariat, leaders


def recipients(deadline, kind, secretariat, leaders) -> list:
    """Return who must act on a deadline (and the secretariat when it is overdue)."""
    if deadline.responsible_user_id:
        people = [deadline.responsible_user]
    elif deadline.unit_id and leaders.get(deadline.unit_id):
        people = list(leaders[deadline.unit_id])
    else:
        people = list(secretariat.get(deadline.agency_id, []))
    if kind == ReminderKind.OVERDUE:
        people += secretariat.get(deadline.agency_id, [])
    unique = {}
    for person in people:
        if person is not None and person.is_active:
            unique.setdefault(person.pk, person)
    return list(unique.values())


def _link() -> str:
    return reverse("deadlines:board")


def _what(deadline) -> str:
    if deadline.petition_id:
        return f"{deadline.get_kind_display()} — {deadline.petition.code}"
    if deadline.conference_id:
        return f"{deadline.get_kind_display()} — {deadline.conference.title}"
    return str(deadline.get_kind_display())


def run(day: datetime.date) -> PassResult:
    """Send the reminders due on `day`; each deadline in its own transaction."""
    cal = get_calendar()
    result = PassResult(day)
    default_before = DeadlineRules._meta.get_field("reminder_working_days_before").default
    before = dict(DeadlineRules.objects.values_list("agency_id", "reminder_working_days_before"))
    horizon = cal.add_working_days(day, max([default_before, *before.values()]))
    rows = list(
        Deadline.objects.filter(
            status=Status.OPEN,
            due_date__gte=day - datetime.timedelta(days=OVERDUE_CATCH_UP_DAYS),
            due_date__lte=horizon,
        )
        .select_related("agency", "petition", "conference", "unit", "responsible_user")
        .order_by("agency_id", "due_date", "id")
    )
    agency_ids = {d.agency_id for d in rows}
    secretariat, leaders = _people(agency_ids)
    link = _link()
    for deadline in rows:
        if deadline.due_date < day:
            if (day - deadline.due_date).days > OVERDUE_CATCH_UP_DAYS:
                continue
            kind = ReminderKind.OVERDUE
        else:
            left = cal.working_days_between(day, deadline.due_date)
            if not 0 <= left <= before.get(deadline.agency_id, default_before):
                continue
            kind = ReminderKind.DUE_SOON
        sent = _remind(deadline, kind, day, recipients(deadline, kind, secretariat, leaders), link)
        if sent is None:
            result.skipped += 1
            continue
        result.notifications += sent
        if kind == ReminderKind.OVERDUE:
            result.overdue += 1
        else:
            result.due_soon += 1
    return result


def _remind(deadline, kind, day, people, link) -> int | None:
    """Record the reminder and notify; return None if it was already sent."""
    if kind == ReminderKind.OVERDUE:
        text = _("Quá hạn: %(what)s (hạn %(due)s)")
        notification_kind = Kind.OVERDUE
    else:
        text = _("Sắp đến hạn: %(what)s (hạn %(due)s)")
        notification_kind = Kind.DUE_SOON
    text = text % {"what": _what(deadline), "due": vn_date(deadline.due_date)}
    try:
        with transaction.atomic():
            Reminder.objects.create(
                deadline=deadline,
                kind=kind,
                due_date=deadline.due_date,
                sent_on=day,
                recipients=len(people),
            )
            written = actions.notify(
                people,
                text=text,
                body=deadline.rule,
                link=link,
                kind=notification_kind,
                deadline=deadline,
                dedupe_key=f"deadline:{deadline.pk}:{kind}:{deadline.due_date.isoformat()}",
            )
    except IntegrityError:
        return None
    return len(written)
