"""The FilterSet of conference lists, shared by the pages."""

import django_filters
from django.utils.translation import gettext_lazy as _

from doithoai.core.filters import CheckedFilterSet, YearFilter

from .models import Conference, ConferenceStatus, Kind


class ConferenceFilter(CheckedFilterSet):
    """Filter conferences by year, status and kind; search in the title."""

    q = django_filters.CharFilter(label=_("Tìm kiếm"), field_name="title", lookup_expr="icontains")
    year = YearFilter(label=_("Năm"), field_name="starts_at__year")
    status = django_filters.ChoiceFilter(label=_("Trạng thái"), choices=ConferenceStatus.choices)
    kind = django_filters.ChoiceFilter(label=_("Loại"), choices=Kind.choices)

    class Meta:
        model = Conference
        fields: list[str] = []
