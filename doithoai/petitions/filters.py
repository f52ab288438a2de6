"""The one FilterSet for petition lists, shared by the pages and the API."""

import django_filters
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from doithoai.core.filters import CheckedFilterSet, IdFilter, YearFilter
from doithoai.core.text import fold
from doithoai.deadlines.models import Deadline

from .models import Channel, Petition, Privacy, Status, TopicGroup
from .visibility import concerning_unit


class PetitionFilter(CheckedFilterSet):
    """Filter by status, topic, unit, conference, overdue; search without diacritics."""

    q = django_filters.CharFilter(label=_("Tìm kiếm"), method="search")
    # distinct=False: the filter never duplicates rows, and DISTINCT would sort them all.
    status = django_filters.MultipleChoiceFilter(
        label=_("Trạng thái"), choices=Status.choices, distinct=False
    )
    group = django_filters.ChoiceFilter(
        label=_("Nhóm nội dung"), choices=TopicGroup.choices, field_name="topic__group"
    )
    topic = IdFilter(label=_("Chủ đề"), field_name="topic_id")
    unit = IdFilter(label=_("Đơn vị"), method="by_unit")
    conference = IdFilter(label=_("Hội nghị"), field_name="conference_id")
    channel = django_filters.ChoiceFilter(label=_("Kênh"), choices=Channel.choices)
    privacy = django_filters.ChoiceFilter(label=_("Danh tính"), choices=Privacy.choices)
    year = YearFilter(label=_("Năm"), field_name="year")
    overdue = django_filters.BooleanFilter(label=_("Quá hạn"), method="by_overdue")

    class Meta:
        model = Petition
        fields: list[str] = []

    def search(self, queryset, name, value):
        """Match every word, diacritics ignored ("can bo" finds "cán bộ"), or the code."""
        words = fold(value).split()
        if not words:
            return queryset
        condition = Q()
        for word in words[:8]:
            condition &= Q(search_text__contains=word)
        # Codes are stored upper-case, so an exact match can use the (agency, code) index.
        return queryset.filter(condition | Q(code=value.strip().upper()))

    def by_unit(self, queryset, name, value):
        """Petitions concerning, raised by, or assigned to the unit."""
        return queryset.filter(concerning_unit(value))

    def by_overdue(self, queryset, name, value):
        """Petitions with an open step past its due date."""
        from django.utils import timezone

        late = Deadline.objects.filter(
            petition=OuterRef("pk"), status="open", due_date__lt=timezone.localdate()
        )
        return queryset.filter(Exists(late)) if value else queryset.exclude(Exists(late))
