"""The phone's form to raise a petition from the floor, and the secretary's head count."""

from django import forms
from django.utils.translation import gettext_lazy as _

from doithoai.conferences.models import Attendance
from doithoai.petitions.models import Topic

from .models import FloorPrivacy


class RaiseForm(forms.Form):
    """A petition raised from the floor on a phone: public or confidential, never anonymous."""

    title = forms.CharField(label=_("Tiêu đề"), max_length=250)
    content = forms.CharField(
        label=_("Nội dung kiến nghị"), widget=forms.Textarea(attrs={"rows": 4}), max_length=20000
    )
    topic = forms.ModelChoiceField(
        label=_("Lĩnh vực"), queryset=Topic.objects.none(), required=False
    )
    privacy = forms.ChoiceField(
        label=_("Danh tính người nêu"),
        choices=FloorPrivacy.choices,
        initial=FloorPrivacy.PUBLIC,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, agency, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topic"].queryset = Topic.objects.filter(agency=agency)


class AttendanceForm(forms.Form):
    """The secretary's correction of the head count, by category, with the reason."""

    reason = forms.CharField(label=_("Lý do sửa"), max_length=2000)

    def __init__(self, *args, attendance=None, **kwargs):
        super().__init__(*args, **kwargs)
        for key, label in Attendance.CATEGORIES:
            for side, word in (("present", _("có mặt")), ("absent", _("vắng mặt"))):
                name = f"{key}_{side}"
                self.fields[name] = forms.IntegerField(
                    label=f"{label} {word}",
                    min_value=0,
                    max_value=100000,
                    initial=getattr(attendance, name, 0) if attendance is not None else 0,
                )
        self.order_fields([*(f for f in self.fields if f != "reason"), "reason"])

    def counts(self) -> dict:
        """Return the head count fields of the cleaned data."""
        return {k: v for k, v in self.cleaned_data.items() if k != "reason"}
