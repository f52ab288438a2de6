"""`doithoai onboard`: create an agency with its administrator and units in one step.

    doithoai onboard SNV "Sở Nội vụ tỉnh Tuyên Quang" --locality "Tuyên Quang" \\
        --parent UBNDTQ --parent-body "UBND TỈNH TUYÊN QUANG" \\
        --admin quantri.snv --admin-name "Nguyễn Văn An" --admin-email an@snv.gov.vn \\
        --unit HCTC="Văn phòng Sở" --unit CCVC="Phòng Công chức, viên chức" --by admin

The agency is created by the superuser `--by`, its first administrator set up with it (as
the demo does), the units by that administrator: every step is an audited action
(`organizations.actions.onboard_agency`, which the installation page and the agency sheet
import also call). All or nothing: a refused step leaves nothing behind.
"""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from doithoai.core.errors import ActionError
from doithoai.organizations import actions as org
from doithoai.organizations.models import Agency


class Command(BaseCommand):
    help = "Create an agency with its administrator and units (superuser only)."

    def add_arguments(self, parser):
        parser.add_argument("code")
        parser.add_argument("name")
        parser.add_argument("--locality", required=True)
        parser.add_argument("--parent", help="the parent agency's code")
        parser.add_argument("--parent-body", default="")
        parser.add_argument("--short-name", default="")
        parser.add_argument("--admin", required=True, help="the administrator's username")
        parser.add_argument("--admin-name", required=True)
        parser.add_argument("--admin-email", default="")
        parser.add_argument("--unit", action="append", default=[], help="CODE=Name, repeatable")
        parser.add_argument("--by", required=True, help="username of a superuser")

    def handle(self, *args, **o):
        actor = get_user_model().objects.filter(username=o["by"]).first()
        if actor is None:
            raise CommandError(f"Không có tài khoản {o['by']}.")
        parent = None
        if o["parent"]:
            parent = Agency.objects.filter(code=o["parent"].upper()).first()
            if parent is None:
                raise CommandError(f"Không có cơ quan ký hiệu {o['parent']}.")
        units = []
        for spec in o["unit"]:
            code, sep, name = spec.partition("=")
            if not sep or not code.strip() or not name.strip():
                raise CommandError(f"Đơn vị phải có dạng KÝ_HIỆU=Tên: {spec}")
            units.append((code.strip(), name.strip()))
        try:
            agency = org.onboard_agency(
                code=o["code"],
                name=o["name"],
                locality=o["locality"],
                parent=parent,
                parent_body_name=o["parent_body"],
                short_name=o["short_name"],
                admin_username=o["admin"],
                admin_full_name=o["admin_name"],
                admin_email=o["admin_email"],
                units=units,
                by=actor,
            )
        except ActionError as exc:
            raise CommandError(str(exc.message)) from exc
        self.stdout.write(
            f"Đã tạo {agency.name} ({agency.code}), quản trị {o['admin']}, {len(units)} đơn vị. "
            "Người quản trị đặt mật khẩu qua chức năng quên mật khẩu."
        )
