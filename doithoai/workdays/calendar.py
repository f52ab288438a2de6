"""The Vietnamese working-day calendar of state agencies, as pure date arithmetic.

A working day is Monday–Friday (Decision 188/1999/QĐ-TTg), minus the official days off,
plus the decreed make-up working days (usually Saturdays). The statutory holidays, their
lunar dates and the swaps the package knows come from the `holidays` package; on top of
them a list of `Correction`s (the official-schedule table an administrator keeps in the
admin) adds or removes days. Corrections win over the package.

Counting follows the Civil Code 2015: a period starts on the day after the event
(Art. 147) and a period that ends on a day off ends on the next working day (Art. 148).

Nothing here touches the database: build a `WorkCalendar` from corrections and ask it.
`get_calendar()` (in `doithoai.workdays.loader`) builds the installation's calendar from
the stored table; it is re-exported here for callers that only know this module.

The explanation records (`explain_*`) are stored with each deadline as a legal record, so
their text is Vietnamese whatever the reader's language.
"""

from __future__ import annotations

import bisect
import datetime
import re
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from functools import cached_property

import holidays

MIN_YEAR = 1990
MAX_YEAR = 2100
MIN_DATE = datetime.date(MIN_YEAR, 1, 1)
MAX_DATE = datetime.date(MAX_YEAR, 12, 31)

DAY_OFF = "day_off"
WORKING_DAY = "working_day"

WEEKDAY_NAMES = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật")
WEEKEND = (5, 6)

CIVIL_CODE_START = "Bộ luật Dân sự 2015, Điều 147"
CIVIL_CODE_ROLL = "Bộ luật Dân sự 2015, Điều 148"

# Holidays the package lists that are not (yet) paid days off for civil servants in law.
# Ngày Văn hóa Việt Nam (24/11): Resolution 80-NQ/TW of the Politburo (01/2026) states the
# policy ("chủ trương") that it become a paid day off, but the Labour Code 2019, Art. 112,
# which lists the paid holidays, has not been amended, and no Prime Minister's decision or
# Government Office letter gives civil servants the day off. Until one does, it is an
# ordinary day; an administrator adds a day-off correction (with its source) when it is.
NOT_DAYS_OFF_IN_LAW = {
    "Ngày Văn hóa Việt Nam": (
        "Bộ luật Lao động 2019, Điều 112 (chưa sửa đổi); Nghị quyết 80-NQ/TW chỉ nêu chủ trương",
        "Gói holidays ghi 24/11 là ngày nghỉ; chưa có văn bản luật hoặc quyết định của Thủ tướng "
        "cho công chức, viên chức nghỉ ngày này, nên vẫn là ngày làm việc.",
    ),
}

# Documents behind the package's swaps that we could confirm (the package cites them).
SWAP_SOURCES = {
    datetime.date(2018, 12, 31): "CV 6519/VPCP-KGVX (2018)",
    datetime.date(2019, 1, 5): "CV 6519/VPCP-KGVX (2018)",
    datetime.date(2019, 4, 29): "CV 6519/VPCP-KGVX (2018)",
    datetime.date(2019, 5, 4): "CV 6519/VPCP-KGVX (2018)",
    datetime.date(2024, 4, 29): "CV 2450/VPCP-KGVX (2024)",
    datetime.date(2024, 5, 4): "CV 2450/VPCP-KGVX (2024)",
}

_SWAP_NAME = re.compile(r"thay cho ngày (\d{2})/(\d{2})/(\d{4})")


class OutOfRange(ValueError):
    """Refuse a date the calendar does not cover (outside 1990–2100)."""


@dataclass(frozen=True)
class Correction:
    """One row of the official schedule: an extra day off or an extra working day."""

    date: datetime.date
    kind: str  # DAY_OFF or WORKING_DAY
    name: str
    source: str
    note: str = ""


@dataclass(frozen=True)
class SpecialDay:
    """A day that is not an ordinary weekday or weekend, with where that comes from."""

    date: datetime.date
    kind: str  # DAY_OFF or WORKING_DAY
    name: str
    source: str
    origin: str  # "package", "policy" (NOT_DAYS_OFF_IN_LAW) or "correction"
    note: str = ""

    @property
    def weekday(self) -> str:
        return WEEKDAY_NAMES[self.date.weekday()]

    def as_dict(self) -> dict:
        data = asdict(self)
        data["date"] = self.date.isoformat()
        data["weekday"] = self.weekday
        return data


@dataclass
class _Year:
    off: dict[datetime.date, SpecialDay] = field(default_factory=dict)
    worked: dict[datetime.date, SpecialDay] = field(default_factory=dict)

    @cached_property
    def off_weekdays(self) -> list[int]:
        return sorted(d.toordinal() for d in self.off if d.weekday() not in WEEKEND)

    @cached_property
    def worked_weekends(self) -> list[int]:
        return sorted(d.toordinal() for d in self.worked if d.weekday() in WEEKEND)


def vn_date(day: datetime.date) -> str:
    """Format a date as dd/mm/yyyy."""
    return day.strftime("%d/%m/%Y")


def statutory_source(year: int) -> str:
    """Name the Labour Code article that lists the paid holidays in force in `year`."""
    if year >= 2021:
        return "Bộ luật Lao động 2019, Điều 112"
    if year >= 2013:
        return "Bộ luật Lao động 2012, Điều 115"
    return "Bộ luật Lao động 1994, Điều 73"


def _check(day: datetime.date) -> datetime.date:
    if not MIN_DATE <= day <= MAX_DATE:
        raise OutOfRange(
            f"Lịch chỉ hỗ trợ từ năm {MIN_YEAR} đến năm {MAX_YEAR} (ngày {vn_date(day)})."
        )
    return day


def package_year(year: int) -> tuple[list, list]:
    """Return the `holidays` package's Vietnamese days around `year` (the neighbouring years
    too: a swap may cross New Year, 31/12/2018 for 05/01/2019): its (day, name) pairs and
    the weekend days worked, both sorted."""
    package = holidays.country_holidays(
        "VN", years=range(max(year - 1, 1901), min(year + 1, 2100) + 1), language="vi"
    )
    return sorted(package.items()), sorted(package.weekend_workdays)


class WorkCalendar:
    """Answer working-day questions from the `holidays` package plus corrections."""

    def __init__(
        self, corrections: Iterable[Correction] = (), *, version: str = "", package=package_year
    ):
        """`package(year)` reads the package's days (see `package_year`; the loader passes
        one that keeps them in the shared cache)."""
        self.corrections: dict[datetime.date, Correction] = {c.date: c for c in corrections}
        self._package = package
        self.version = version or f"holidays {holidays.__version__}"
        self._years: dict[int, _Year] = {}

    # --- the data of one year -----------------------------------------------------------

    def _year(self, year: int) -> _Year:
        cached = self._years.get(year)
        if cached is None:
            cached = self._years[year] = self._build_year(year)
        return cached

    def _build_year(self, year: int) -> _Year:
        items, weekend_workdays = self._package(year)
        data = _Year()
        law = statutory_source(year)
        swaps: dict[datetime.date, datetime.date] = {}
        for day, name in items:
            match = _SWAP_NAME.search(name)
            if match:
                worked_on = datetime.date(*map(int, reversed(match.groups())))
                swaps[worked_on] = day
            if day.year != year:
                continue
            dropped = next((k for k in NOT_DAYS_OFF_IN_LAW if name.startswith(k)), None)
            if dropped:
                if day.weekday() not in WEEKEND:
                    source, note = NOT_DAYS_OFF_IN_LAW[dropped]
                    name = f"{name}: làm việc bình thường"
                    data.worked[day] = SpecialDay(day, WORKING_DAY, name, source, "policy", note)
                continue
            source = SWAP_SOURCES.get(day, "Lịch hoán đổi ngày làm việc (gói holidays)")
            data.off[day] = SpecialDay(day, DAY_OFF, name, source if match else law, "package", "")
        for day in weekend_workdays:
            if day.year != year:
                continue
            off_day = swaps.get(day)
            name = f"Làm việc bù cho ngày nghỉ {vn_date(off_day)}" if off_day else "Làm việc bù"
            source = SWAP_SOURCES.get(day, "Lịch hoán đổi ngày làm việc (gói holidays)")
            data.worked[day] = SpecialDay(day, WORKING_DAY, name, source, "package")
        for day, c in self.corrections.items():
            if day.year != year:
                continue
            special = SpecialDay(day, c.kind, c.name, c.source, "correction", c.note)
            if c.kind == DAY_OFF:
                data.worked.pop(day, None)
                data.off[day] = special
            else:
                data.off.pop(day, None)
                data.worked[day] = special
        return data

    def special_days(self, year: int) -> list[SpecialDay]:
        """Return every day off and every extra or confirmed working day of `year`, by date."""
        _check(datetime.date(year, 1, 1))
        data = self._year(year)
        return sorted([*data.off.values(), *data.worked.values()], key=lambda s: s.date)

    # --- single days ---------------------------------------------------------------------

    def is_working_day(self, day: datetime.date) -> bool:
        """Tell whether civil servants work on `day`."""
        data = self._year(_check(day).year)
        if day in data.off:
            return False
        return day.weekday() not in WEEKEND or day in data.worked

    def day_off_name(self, day: datetime.date) -> str:
        """Name a day that is not worked ("Tết Nguyên Đán", "Chủ nhật"); empty if worked."""
        if self.is_working_day(day):
            return ""
        special = self._year(day.year).off.get(day)
        return special.name if special else WEEKDAY_NAMES[day.weekday()]

    def next_working_day(self, day: datetime.date) -> datetime.date:
        """Return `day` if it is a working day, otherwise the first working day after it."""
        while not self.is_working_day(day):
            day = _check(day + datetime.timedelta(days=1))
        return day

    def previous_working_day(self, day: datetime.date) -> datetime.date:
        """Return `day` if it is a working day, otherwise the last working day before it."""
        while not self.is_working_day(day):
            day = _check(day - datetime.timedelta(days=1))
        return day

    # --- periods -------------------------------------------------------------------------

    def add_working_days(self, start: datetime.date, n: int) -> datetime.date:
        """Return the n-th working day after `start` (day 1 is the next working day).

        A negative `n` counts backwards: -1 is the last working day before `start`. Zero
        returns `start` itself.
        """
        _check(start)
        step = datetime.timedelta(days=1 if n >= 0 else -1)
        day, left = start, abs(n)
        while left:
            day = _check(day + step)
            if self.is_working_day(day):
                left -= 1
        return day

    def working_days_between(self, start: datetime.date, end: datetime.date) -> int:
        """Count the working days after `start` up to and including `end`.

        When `end` is before `start` the count is negative: minus the working days from
        `end` up to, not including, `start`. So `working_days_between(s, add_working_days(s,
        n)) == n` for every n, and equal dates give 0.
        """
        _check(start)
        _check(end)
        if end < start:
            return -self._count(end.toordinal(), start.toordinal() - 1)
        return self._count(start.toordinal() + 1, end.toordinal())

    def _count(self, first: int, last: int) -> int:
        """Count working days with ordinals in [first, last]."""
        if last < first:
            return 0
        total = _weekdays(first, last)
        for year in range(datetime.date.fromordinal(first).year, _year_of(last) + 1):
            data = self._year(year)
            total -= _in_range(data.off_weekdays, first, last)
            total += _in_range(data.worked_weekends, first, last)
        return total

    def calendar_deadline(self, start: datetime.date, n_days: int) -> datetime.date:
        """Return `start` + n calendar days, moved to the next working day if that is off."""
        return self.next_working_day(_check(_check(start) + datetime.timedelta(days=n_days)))

    def days_before(self, day: datetime.date, n: int) -> datetime.date:
        """Return the latest working day at least n calendar days before `day`.

        "No later than n days before" cannot move forward past the limit, so a limit that
        falls on a day off moves back to the working day before it.
        """
        return self.previous_working_day(_check(_check(day) - datetime.timedelta(days=n)))

    # --- explanations --------------------------------------------------------------------

    def explain_working_days(self, start: datetime.date, n: int) -> dict:
        """Return `add_working_days(start, n)` with how it was computed (JSON-ready)."""
        due = self.add_working_days(start, n)
        first, last = sorted((start, due))
        walked = _days(first + datetime.timedelta(days=1), last) if n >= 0 else _days(first, last)
        if n < 0:
            walked = [d for d in walked if d != start]
        skipped = [d for d in walked if not self.is_working_day(d)]
        made_up = [d for d in walked if d.weekday() in WEEKEND and self.is_working_day(d)]
        text = (
            f"{n} ngày làm việc, tính từ ngày tiếp theo ngày {vn_date(start)} ({CIVIL_CODE_START})"
            if n >= 0
            else f"{-n} ngày làm việc trước ngày {vn_date(start)}"
        )
        return self._record("working_days", "working", start, n, due, text, skipped, made_up)

    def explain_calendar_deadline(self, start: datetime.date, n_days: int) -> dict:
        """Return `calendar_deadline(start, n_days)` with how it was computed."""
        limit = _check(start + datetime.timedelta(days=n_days))
        due = self.calendar_deadline(start, n_days)
        skipped = _days(limit, due - datetime.timedelta(days=1))
        text = f"{n_days} ngày theo lịch, tính từ ngày tiếp theo ngày {vn_date(start)} ({CIVIL_CODE_START})"
        record = self._record("calendar_days", "calendar", start, n_days, due, text, skipped, [])
        if due != limit:
            record["rolled"] = {
                "from": limit.isoformat(),
                "to": due.isoformat(),
                "text": (
                    f"Ngày {vn_date(limit)} là ngày nghỉ; thời hạn kết thúc vào ngày làm việc "
                    f"tiếp theo {vn_date(due)} ({CIVIL_CODE_ROLL})"
                ),
            }
        return record

    def explain_days_before(self, day: datetime.date, n: int) -> dict:
        """Return `days_before(day, n)` with how it was computed."""
        limit = _check(day - datetime.timedelta(days=n))
        due = self.days_before(day, n)
        skipped = _days(due + datetime.timedelta(days=1), limit)
        text = f"Chậm nhất {n} ngày trước ngày {vn_date(day)}"
        record = self._record("days_before", "calendar", day, n, due, text, skipped, [])
        if due != limit:
            record["rolled"] = {
                "from": limit.isoformat(),
                "to": due.isoformat(),
                "text": (
                    f"Ngày {vn_date(limit)} là ngày nghỉ; phải hoàn thành vào ngày làm việc "
                    f"liền trước {vn_date(due)} để bảo đảm đủ {n} ngày"
                ),
            }
        return record

    def explain_fixed(self, start: datetime.date, due: datetime.date, text: str) -> dict:
        """Return the record of a date set by a decision (a commitment, a report date)."""
        try:
            days = self.working_days_between(start, due)
        except OutOfRange:  # a date set by decision needs no calendar; count plain days
            return self._record("fixed", "fixed", start, (due - start).days, due, text, [], [])
        return self._record("fixed", "fixed", start, days, due, text, [], [])

    def _record(self, rule, day_kind, start, days, due, text, skipped, made_up) -> dict:
        return {
            "rule": rule,
            "day_kind": day_kind,
            "text": text,
            "start": start.isoformat(),
            "days": days,
            "due": due.isoformat(),
            "due_text": vn_date(due),
            "skipped": [
                {"date": d.isoformat(), "name": self.day_off_name(d), "kind": self._kind(d)}
                for d in skipped
            ],
            "skipped_text": self._summarise(skipped),
            "made_up": [
                {"date": d.isoformat(), "name": self._year(d.year).worked[d].name} for d in made_up
            ],
            "calendar": self.version,
        }

    def _kind(self, day: datetime.date) -> str:
        return "holiday" if day in self._year(day.year).off else "weekend"

    def _summarise(self, skipped: list[datetime.date]) -> list[str]:
        """Name each holiday; fold runs of plain weekend days into one line."""
        lines: list[str] = []
        run: list[datetime.date] = []

        def flush():
            if run:
                days = ", ".join(WEEKDAY_NAMES[d.weekday()] for d in run)
                span = vn_date(run[0]) if len(run) == 1 else f"{vn_date(run[0])}–{vn_date(run[-1])}"
                lines.append(f"{span} {days} (nghỉ hằng tuần)")
                run.clear()

        for day in skipped:
            if self._kind(day) == "weekend" and (not run or (day - run[-1]).days == 1):
                run.append(day)
                continue
            flush()
            if self._kind(day) == "weekend":
                run.append(day)
            else:
                lines.append(f"{vn_date(day)} {self.day_off_name(day)}")
        flush()
        return lines


def _days(first: datetime.date, last: datetime.date) -> list[datetime.date]:
    return [first + datetime.timedelta(days=i) for i in range((last - first).days + 1)]


def _year_of(ordinal: int) -> int:
    return datetime.date.fromordinal(ordinal).year


def _in_range(ordinals: list[int], first: int, last: int) -> int:
    return bisect.bisect_right(ordinals, last) - bisect.bisect_left(ordinals, first)


def _weekdays(first: int, last: int) -> int:
    """Count Monday–Friday ordinals in [first, last] (ordinal 1, 01/01/0001, is a Monday)."""

    def upto(n: int) -> int:  # weekdays in [1, n]
        weeks, rest = divmod(n, 7)
        return weeks * 5 + min(rest, 5)

    return upto(last) - upto(first - 1)


def get_calendar() -> WorkCalendar:
    """Return the installation's calendar (package + stored official schedule), cached."""
    from .loader import get_calendar as load  # noqa: PLC0415 - keeps this module DB-free

    return load()
