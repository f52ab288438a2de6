"""Forms of the inspection board: its observations, and the head's answer."""

from django import forms
from django.utils.translation import gettext_lazy as _

from doithoai.conferences.models import Conference

from .models import ObservationKind


class ObservationForm(forms.Form):
    """An observation or a recommendation, optionally about one conference or petition."""

    kind = forms.ChoiceField(
        label=_("Loại"),
        choices=ObservationKind.choices,
        initial=ObservationKind.OBSERVATION,
        widget=forms.RadioSelect,
        help_text=_(
            "Người đứng đầu phải giải quyết kiến nghị giám sát và trả lời trong 15 ngày "
            "(Điều 63 Luật Thực hiện dân chủ ở cơ sở)."
        ),
    )
    conference = forms.ModelChoiceField(
        label=_("Về hội nghị"), queryset=Conference.objects.none(), required=False
    )
    petition = forms.IntegerField(widget=forms.HiddenInput, required=False)
    text = forms.CharField(
        label=_("Nội dung"), widget=forms.Textarea(attrs={"rows": 4}), max_length=20000
    )

    def __init__(self, *args, agency, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["conference"].queryset = Conference.objects.filter(agency=agency).order_by(
            "-starts_at"
        )


class ObservationAnswerForm(forms.Form):
    """The head's answer to an observation."""

    text = forms.CharField(
        label=_("Trả lời của người đứng đầu"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=20000,
    )
