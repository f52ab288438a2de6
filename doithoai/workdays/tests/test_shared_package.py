"""The package's days of a year are read once per installation, then from the shared cache."""

from doithoai.workdays import loader
from doithoai.workdays.calendar import WorkCalendar, package_year


def test_the_shared_days_are_the_packages_and_read_once(monkeypatch):
    calls = []

    def counting(year):
        calls.append(year)
        return package_year(year)

    monkeypatch.setattr(loader, "package_year", counting)
    first = loader.shared_package_year(2019)
    again = loader.shared_package_year(2019)
    assert first == again == package_year(2019) and calls == [2019]
    shared = WorkCalendar(package=loader.shared_package_year)
    direct = WorkCalendar()
    assert shared.special_days(2019) == direct.special_days(2019)
    assert calls == [2019]  # the calendar's year came from the cache too
