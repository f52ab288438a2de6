"""`doithoai remind [--date YYYY-MM-DD]`: the daily reminder pass (safe to run twice)."""

import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from doithoai.audit.anchors import anchor
from doithoai.core.actionkit import today
from doithoai.notifications import reminders
from doithoai.notifications.tasks import enqueue_digests


class Command(BaseCommand):
    help = _("Nhắc các thời hạn sắp đến và báo các thời hạn quá hạn (chạy hằng ngày).")

    def add_arguments(self, parser):
        parser.add_argument("--date", help=_("Ngày chạy (YYYY-MM-DD), mặc định hôm nay."))

    def handle(self, *args, date=None, **options):
        try:
            day = datetime.date.fromisoformat(date) if date else today()
        except ValueError:
            raise CommandError(_("Ngày không hợp lệ: %(v)s") % {"v": date}, returncode=2) from None
        result = reminders.run(day)
        digests = enqueue_digests()
        self.stdout.write(
            _(
                "%(day)s: nhắc trước hạn %(soon)d, báo quá hạn %(late)d, %(n)d thông báo, %(skip)d đã nhắc trước đó."
            )
            % {
                "day": day.isoformat(),
                "soon": result.due_soon,
                "late": result.overdue,
                "n": result.notifications,
                "skip": result.skipped,
            }
        )
        if digests:
            self.stdout.write(_("%(n)d thư tổng hợp thông báo trong ngày.") % {"n": digests})
        # The daily pass also fixes every audit chain's head outside the database.
        try:
            results = anchor()
        except OSError as error:
            raise CommandError(_("Không ghi được mốc neo nhật ký: %(e)s") % {"e": error}) from None
        written = sum(1 for r in results if r.written is not None)
        refused = [r for r in results if r.refused is not None]
        self.stdout.write(_("Mốc neo nhật ký: %(n)d chuỗi được neo.") % {"n": written})
        for r in refused:
            self.stderr.write(
                _("Không neo chuỗi %(chain)s: %(problem)s")
                % {"chain": r.chain, "problem": r.refused.problem}
            )
        if refused:
            raise CommandError(_("Nhật ký thao tác không toàn vẹn: chạy `doithoai audit verify`."))
