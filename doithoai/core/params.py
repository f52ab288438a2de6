"""Numbers typed into URLs and query strings: years and ids within range, or a clear refusal.

Pages refuse a bad query parameter with `BadParameter` (a 400 page in the user's language);
a path converter refuses a bad path segment, which then matches no URL (a 404 page); actions
and commands use `parse_year` / `parse_id`, which raise `ValidationFailed`.
"""

from django.core.exceptions import BadRequest
from django.urls import register_converter
from django.utils.translation import gettext as _

from .errors import ValidationFailed

# The years the working-day calendar covers (`doithoai.workdays.calendar.MIN_YEAR/MAX_YEAR`;
# a test keeps them equal). No date outside them can be counted, so none is accepted.
YEAR_MIN = 1990
YEAR_MAX = 2100
# Primary keys are 64-bit (`BigAutoField`); a larger number names no row in any database.
ID_MIN = 1
ID_MAX = 2**63 - 1


class BadParameter(BadRequest):
    """A query parameter out of range: the 400 page shows `message`."""

    def __init__(self, message, *, field: str):
        super().__init__(str(message))
        self.message = message
        self.field = field


def parse_year(value, *, field: str = "year") -> int:
    """Return `value` as a year the calendar covers, or raise ValidationFailed."""
    try:
        year = int(str(value).strip())
    except (TypeError, ValueError):
        year = None
    if year is None or not YEAR_MIN <= year <= YEAR_MAX:
        raise ValidationFailed(
            _("Năm phải là một số từ %(lo)d đến %(hi)d.") % {"lo": YEAR_MIN, "hi": YEAR_MAX},
            field=field,
        )
    return year


def parse_id(value, *, field: str = "id") -> int:
    """Return `value` as a primary key within the database's range, or raise ValidationFailed."""
    try:
        pk = int(str(value).strip())
    except (TypeError, ValueError):
        pk = None
    if pk is None or not ID_MIN <= pk <= ID_MAX:
        raise ValidationFailed(_("Mã số không hợp lệ."), field=field)
    return pk


def _from_query(request, name: str, parse, default):
    raw = request.GET.get(name, "")
    if raw.strip() == "":
        return default
    try:
        return parse(raw, field=name)
    except ValidationFailed as exc:
        raise BadParameter(exc.message, field=name) from exc


def year_param(request, name: str = "year", *, default=None) -> int | None:
    """Return the year in the query string (`default` when absent); refuse one out of range."""
    return _from_query(request, name, parse_year, default)


def id_param(request, name: str, *, default=None) -> int | None:
    """Return the id in the query string (`default` when absent); refuse one out of range."""
    return _from_query(request, name, parse_id, default)


class YearConverter:
    """`<year:…>`: digits naming a year the calendar covers; any other matches no URL."""

    regex = "[0-9]+"

    def to_python(self, value: str) -> int:
        year = int(value)
        if not YEAR_MIN <= year <= YEAR_MAX:
            raise ValueError(value)
        return year

    def to_url(self, value) -> str:
        return str(value)


class IdConverter:
    """`<id:…>`: digits naming a primary key within the database's range."""

    regex = "[0-9]+"

    def to_python(self, value: str) -> int:
        pk = int(value)
        if not ID_MIN <= pk <= ID_MAX:
            raise ValueError(value)
        return pk

    def to_url(self, value) -> str:
        return str(value)


register_converter(YearConverter, "year")
register_converter(IdConverter, "id")
