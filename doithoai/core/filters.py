"""FilterSet pieces every list shares: ids and years within range, and a refusal (400) when a
typed filter is wrong instead of a list that silently ignores it."""

import django_filters
from django import forms
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

from .params import ID_MAX, ID_MIN, YEAR_MAX, YEAR_MIN, BadParameter

_ID_MESSAGE = _("Mã số không hợp lệ.")
# Formatted when shown, so that the message follows the reader's language.
_YEAR_MESSAGE = lazy(
    lambda: _("Năm phải là một số từ %(lo)d đến %(hi)d.") % {"lo": YEAR_MIN, "hi": YEAR_MAX}, str
)()


def id_field(**kwargs) -> forms.IntegerField:
    """A form field for a primary key typed in a query: a whole number in the database's range."""
    kwargs.setdefault("min_value", ID_MIN)
    kwargs.setdefault("max_value", ID_MAX)
    kwargs.setdefault(
        "error_messages",
        {"invalid": _ID_MESSAGE, "min_value": _ID_MESSAGE, "max_value": _ID_MESSAGE},
    )
    return forms.IntegerField(**kwargs)


def refuse_invalid(form) -> None:
    """Refuse (400, naming the field) a bound filter form whose parameters are wrong."""
    if form.is_bound and not form.is_valid():
        field, errors = next(iter(form.errors.items()))
        label = form.fields[field].label if field in form.fields else field
        raise BadParameter(f"{label}: {errors[0]}", field=field)


class IdFilter(django_filters.NumberFilter):
    """Filter on a primary key: a whole number within the database's range."""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        message = _ID_MESSAGE
        kwargs.setdefault("min_value", ID_MIN)
        kwargs.setdefault("max_value", ID_MAX)
        kwargs.setdefault(
            "error_messages", {"invalid": message, "min_value": message, "max_value": message}
        )
        super().__init__(*args, **kwargs)


class YearFilter(django_filters.NumberFilter):
    """Filter on a year the working-day calendar covers."""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        message = _YEAR_MESSAGE
        kwargs.setdefault("min_value", YEAR_MIN)
        kwargs.setdefault("max_value", YEAR_MAX)
        kwargs.setdefault(
            "error_messages", {"invalid": message, "min_value": message, "max_value": message}
        )
        super().__init__(*args, **kwargs)


class CheckedFilterSet(django_filters.FilterSet):
    """A FilterSet whose list refuses (400) a typed filter it cannot apply.

    Callers that report errors themselves (the API) ask `is_valid()` first. A parameter sent
    empty (a filter bar's "Tất cả", `?status=`) means "no filter", as before.
    """

    def __init__(self, data=None, *args, **kwargs):
        if hasattr(data, "getlist"):  # a query string (a stored dict of filters is kept as is)
            data = data.copy()
            for key in list(data.keys()):
                if all(value == "" for value in data.getlist(key)):
                    del data[key]
        super().__init__(data, *args, **kwargs)

    @property
    def qs(self):
        if self.is_bound:
            refuse_invalid(self.form)
        return super().qs
