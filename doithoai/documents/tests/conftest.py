import pytest

from doithoai.reports.tests.world import build_year, fixed_deadlines


@pytest.fixture
def world(cast, time_machine, monkeypatch):
    """The hand-built 2018 of `doithoai.reports.tests.world` (P4 confidential)."""
    fixed_deadlines(monkeypatch)
    return build_year(cast, time_machine)
