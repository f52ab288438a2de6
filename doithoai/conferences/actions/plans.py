"""The yearly dialogue plan: create and issue it (rule 1's months)."""

import datetime

from django.db import transaction
from django.utils.translation import gettext as _

from doithoai.audit.log import record
from doithoai.audit.models import Verb
from doithoai.core.actionkit import (
    require,
    snapshot,
)
from doithoai.core.errors import Conflict, InvalidTransition, ValidationFailed
from doithoai.deadlines import actions as deadlines
from doithoai.organizations.access import membership, next_number
from doithoai.organizations.models import Agency

from ..models import (
    CombinedWith,
    DialoguePlan,
    Kind,
    SignerAuthority,
)
from ._base import document_symbol


def allowed_months(kind: str, combined_with: str, year: int) -> list[tuple[int, int]]:
    """Return the (year, month) pairs in which a regular conference may be held (rule 1)."""
    if kind == Kind.MID_YEAR:
        months = [(year, 6)]
        if combined_with == CombinedWith.SIX_MONTH_REVIEW:
            months.append((year, 7))
        return months
    if kind == Kind.YEAR_END:
        months = [(year, 10), (year, 11), (year, 12)]
        if combined_with == CombinedWith.STAFF_CONFERENCE:
            # The annual staff conference may fall in the first quarter of the next year.
            months += [(year + 1, 1), (year + 1, 2), (year + 1, 3)]
        return months
    return []


@transaction.atomic
def create_plan(
    *,
    agency: Agency,
    year: int,
    by,
    signer=None,
    signer_authority: str = "",
    recipients: str | None = None,
) -> DialoguePlan:
    """Start the year's dialogue plan (numbered when issued)."""
    require("conferences.add_plan", by, agency)
    if not 1990 <= int(year) <= 2100:
        raise ValidationFailed(_("Năm không hợp lệ."), field="year")
    if DialoguePlan.objects.filter(agency=agency, year=year).exists():
        raise Conflict(_("Cơ quan đã có kế hoạch năm %(y)s.") % {"y": year}, field="year")
    if signer is not None and membership(signer, agency) is None:
        raise ValidationFailed(_("Người ký không thuộc cơ quan."), field="signer")
    if signer_authority not in SignerAuthority.values:
        raise ValidationFailed(_("Thẩm quyền ký không hợp lệ."), field="signer_authority")
    plan = DialoguePlan(agency=agency, year=year, signer=signer, signer_authority=signer_authority)
    if recipients is not None:
        plan.recipients = recipients
    plan.save()
    record(Verb.PLAN_CREATED, plan, by=by, after=snapshot(plan, "year", "signer"))
    return plan


@transaction.atomic
def issue_plan(
    *, plan: DialoguePlan, issued_on: datetime.date, by, number: int | None = None
) -> DialoguePlan:
    """Give the plan its number, symbol and date of issue."""
    plan = DialoguePlan.objects.select_for_update().get(pk=plan.pk)
    require("conferences.issue_plan", by, plan)
    if plan.is_issued:
        raise InvalidTransition(_("Kế hoạch đã được ban hành."), field="plan")
    if issued_on is None:
        raise ValidationFailed(_("Nhập ngày ban hành."), field="issued_on")
    if number is None:
        number = next_number(plan.agency, "KH", issued_on.year)
    plan.number = number
    plan.symbol = document_symbol(number, "KH", plan.agency)
    plan.issued_on = issued_on
    plan.save()
    # The plan's year carries the two reports to the Provincial People's Committee (rule 8).
    for kind in ("semiannual_report", "annual_report"):
        deadlines.open_deadline(
            kind=kind,
            subject=plan,
            agency=plan.agency,
            start=max(issued_on, datetime.date(plan.year, 1, 1)),
            by=by,
        )
    record(Verb.PLAN_ISSUED, plan, by=by, after=snapshot(plan, "symbol", "issued_on"))
    return plan
