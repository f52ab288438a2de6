"""`doithoai demo`: load the seed agency with one user per role and petitions in every state."""

from django.core.management.base import BaseCommand, CommandError

from doithoai.demo.story import LOGINS, PASSWORD, load_demo
from doithoai.organizations.models import Agency


class Command(BaseCommand):
    help = "Load the demo data (Văn phòng UBND tỉnh Hà Giang, plan 09/KH-VPUBND of 2018)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty", action="store_true", help="do nothing when an agency already exists"
        )

    def handle(self, *args, if_empty=False, **options):
        if Agency.objects.exists():
            if if_empty:
                self.stdout.write("Dữ liệu đã có; bỏ qua nạp dữ liệu mẫu.")
                self.print_logins()
                return
            raise CommandError("The database already has data; demo loads into an empty one.")
        agency, receipt = load_demo()
        now = f" → {agency.successor.name}" if agency.successor_id else ""
        self.stdout.write(self.style.SUCCESS(f"Đã nạp dữ liệu mẫu: {agency.name}{now}."))
        self.stdout.write(f"Mã tra cứu kiến nghị ẩn danh mẫu: {receipt}")
        self.print_logins()

    def print_logins(self):
        self.stdout.write(f"Tài khoản dùng thử (mật khẩu chung: {PASSWORD}):")
        for username, role in LOGINS:
            self.stdout.write(f"  {username:<12} {role}")
        self.stdout.write("  admin        Quản trị hệ thống (trang /admin/)")
