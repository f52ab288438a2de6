"""`doithoai workdays add|between|list`: working-day arithmetic on the official calendar."""

import datetime
import re

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from doithoai.workdays import calendar
from doithoai.workdays.loader import get_calendar

MAX_DAYS = 3650
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
BAD_INPUT = 2


def bad(message: str) -> CommandError:
    """Return the error for invalid input: one line on stderr, exit status 2."""
    return CommandError(message, returncode=BAD_INPUT)


def parse_date(text: str) -> datetime.date:
    """Parse YYYY-MM-DD within the supported years."""
    try:
        if not ISO_DATE.match(text):
            raise ValueError
        day = datetime.date.fromisoformat(text)
    except ValueError:
        raise bad(_("Ngày không hợp lệ: %(v)s (định dạng YYYY-MM-DD).") % {"v": text}) from None
    check_year(day.year)
    return day


def check_year(year: int) -> int:
    if not calendar.MIN_YEAR <= year <= calendar.MAX_YEAR:
        raise bad(
            _("Năm %(y)s nằm ngoài phạm vi lịch hỗ trợ (%(a)s–%(b)s).")
            % {"y": year, "a": calendar.MIN_YEAR, "b": calendar.MAX_YEAR}
        )
    return year


def parse_count(text: str) -> int:
    """Parse a count of working days between 0 and MAX_DAYS."""
    if not re.fullmatch(r"\d+", text or "") or int(text) > MAX_DAYS:
        raise bad(_("Số ngày phải là số nguyên từ 0 đến %(n)s: %(v)s") % {"n": MAX_DAYS, "v": text})
    return int(text)


class Command(BaseCommand):
    help = _("Tính ngày làm việc theo lịch chính thức (ngày lễ, Tết, ngày làm bù).")

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        add = sub.add_parser("add", help=_("Ngày làm việc thứ N sau một ngày."))
        add.add_argument("start")
        add.add_argument("days")
        between = sub.add_parser(
            "between", help=_("Số ngày làm việc sau ngày đầu đến hết ngày cuối.")
        )
        between.add_argument("start")
        between.add_argument("end")
        listing = sub.add_parser("list", help=_("Các ngày nghỉ và ngày làm bù của một năm."))
        listing.add_argument("year")

    def handle(self, *args, action, **options):
        try:
            if action == "add":
                start, days = parse_date(options["start"]), parse_count(options["days"])
                self.stdout.write(get_calendar().add_working_days(start, days).isoformat())
            elif action == "between":
                start, end = parse_date(options["start"]), parse_date(options["end"])
                self.stdout.write(str(get_calendar().working_days_between(start, end)))
            else:
                self.list_year(options["year"])
        except calendar.OutOfRange as exc:
            raise bad(str(exc)) from None

    def list_year(self, text: str) -> None:
        if not re.fullmatch(r"\d{4}", text or ""):
            raise bad(_("Năm không hợp lệ: %(v)s") % {"v": text})
        year = check_year(int(text))
        labels = {calendar.DAY_OFF: _("Nghỉ"), calendar.WORKING_DAY: _("Làm việc")}
        for day in get_calendar().special_days(year):
            self.stdout.write(
                f"{calendar.vn_date(day.date)}  {day.weekday:<8}  {labels[day.kind]:<8}  "
                f"{day.name}  [{day.source}]"
            )
