"""`doithoai reorganise`: record an agency renamed, merged into a successor, or moved.

    doithoai reorganise merge VPUBND --into VPTQ --on 2025-07-01 \\
        --basis "Nghị quyết số 202/2025/QH15" --basis-date 2025-06-12 --by admin
    doithoai reorganise rename VPUBND --on 2025-07-01 --basis "…" --name "…" \\
        --parent-body "UBND TỈNH TUYÊN QUANG" --locality "Tuyên Quang" --by admin
    doithoai reorganise move SNV --under UBNDTQ --on 2025-07-01 --basis "…" --by admin

`--by` names the installation administrator (a superuser) the audit log records.
"""

import datetime

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from doithoai.core.errors import ActionError
from doithoai.organizations import reorganise
from doithoai.organizations.models import Agency


def _day(text: str | None) -> datetime.date | None:
    if not text:
        return None
    try:
        return datetime.date.fromisoformat(text)
    except ValueError as exc:
        raise CommandError(f"Ngày không hợp lệ: {text} (YYYY-MM-DD).") from exc


def _agency(code: str | None) -> Agency | None:
    if code is None:
        return None
    found = Agency.objects.filter(code=code.upper()).first()
    if found is None:
        raise CommandError(f"Không có cơ quan ký hiệu {code}.")
    return found


class Command(BaseCommand):
    help = "Record a reorganisation of an agency (rename, merge, move), with its legal basis."

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=["rename", "merge", "move"])
        parser.add_argument("agency", help="the agency's code")
        parser.add_argument("--on", required=True, help="effective date, YYYY-MM-DD")
        parser.add_argument("--basis", required=True, help="legal basis (document number)")
        parser.add_argument("--basis-date", help="the legal basis's date, YYYY-MM-DD")
        parser.add_argument("--by", required=True, help="username of a superuser")
        parser.add_argument("--into", help="merge: the successor's code")
        parser.add_argument("--under", help="move: the new parent's code (omit for none)")
        parser.add_argument("--name")
        parser.add_argument("--short-name", default="")
        parser.add_argument("--parent-body", default="")
        parser.add_argument("--locality")
        parser.add_argument("--report-recipient", default="")

    def handle(self, *args, kind, agency, on, basis, basis_date, by, **opts):
        actor = get_user_model().objects.filter(username=by).first()
        if actor is None:
            raise CommandError(f"Không có tài khoản {by}.")
        common = {
            "agency": _agency(agency),
            "by": actor,
            "effective_on": _day(on),
            "legal_basis": basis,
            "legal_basis_date": _day(basis_date),
        }
        try:
            if kind == "merge":
                event = reorganise.merge_agency(successor=_agency(opts["into"]), **common)
                self.stdout.write(f"Đã ghi nhận hợp nhất; chuyển sang: {event.carried}")
            elif kind == "move":
                reorganise.move_agency(new_parent=_agency(opts["under"]), **common)
                self.stdout.write("Đã ghi nhận chuyển cơ quan cấp trên.")
            else:
                reorganise.rename_agency(
                    name=opts["name"] or "",
                    short_name=opts["short_name"],
                    parent_body_name=opts["parent_body"],
                    locality=opts["locality"] or "",
                    report_recipient=opts["report_recipient"],
                    **common,
                )
                self.stdout.write("Đã ghi nhận đổi tên cơ quan.")
        except ActionError as exc:
            raise CommandError(str(exc.message)) from exc
