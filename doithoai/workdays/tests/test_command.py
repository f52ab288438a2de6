"""`doithoai workdays add|between|list`, run in-process and as a real process (exit status)."""

import subprocess
import sys
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

pytestmark = pytest.mark.django_db


def run(*args):
    out = StringIO()
    call_command("workdays", *args, stdout=out)
    return out.getvalue()


def test_add():
    assert run("add", "2018-06-29", "5") == "2018-07-06\n"


def test_between():
    assert run("between", "2018-02-12", "2018-02-26") == "5\n"


def test_list_2026_shows_names_and_sources():
    lines = run("list", "2026").splitlines()
    assert any("02/01/2026" in line and "CV 12729/VPCP-KGVX" in line for line in lines)
    assert any("10/01/2026" in line and "Làm việc" in line for line in lines)
    assert any("17/02/2026" in line and "Tết Nguyên Đán" in line for line in lines)
    assert any("24/11/2026" in line and "80-NQ/TW" in line for line in lines)


@pytest.mark.parametrize(
    "args",
    [
        ("add", "2018-02-30", "5"),
        ("add", "29/06/2018", "5"),
        ("add", "2018-06-29", "-1"),
        ("add", "2018-06-29", "100000"),
        ("add", "2018-06-29", "năm"),
        ("add", "2100-12-30", "5"),
        ("between", "1989-12-31", "2018-01-01"),
        ("list", "2101"),
        ("list", "1989"),
        ("list", "hai"),
    ],
)
def test_bad_input_is_refused_with_status_2(args):
    with pytest.raises(CommandError) as caught:
        run(*args)
    assert caught.value.returncode == 2
    assert "\n" not in str(caught.value)


@pytest.mark.parametrize(
    "args, code, out",
    [
        (["add", "2018-06-29", "5"], 0, "2018-07-06\n"),
        (["add", "2018-06-29", "-3"], 2, ""),
        (["list", "3000"], 2, ""),
        (["between", "2018-02-12"], 2, ""),
    ],
)
def test_exit_status_from_the_command_line(args, code, out, capsys):
    """Run as `doithoai workdays ...` does: errors print one line and exit with status 2."""
    from doithoai.workdays.management.commands.workdays import Command

    try:
        Command().run_from_argv(["doithoai", "workdays", *args])
        status = 0
    except SystemExit as exc:
        status = exc.code
    captured = capsys.readouterr()
    assert status == code, captured.err
    assert captured.out == out
    if code:
        assert captured.err.strip()
        assert len(captured.err.strip().splitlines()) == 1 or "usage" in captured.err


def test_bad_input_from_a_real_process():
    """Bad input is refused before the database is touched, so a bare process shows it."""
    result = subprocess.run(
        [sys.executable, "-m", "doithoai", "workdays", "add", "2018-06-29", "-1"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    assert result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1
