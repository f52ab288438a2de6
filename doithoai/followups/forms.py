"""Forms of the follow-up pages: the unit's report, the extension, the head's decision."""

from django import forms
from django.utils.translation import gettext_lazy as _

from doithoai.petitions.forms import MultipleFileField

from .models import AssignmentStatus


class ReportForm(forms.Form):
    """The unit's resolution: text and attachments."""

    text = forms.CharField(
        label=_("Kết quả xử lý"), widget=forms.Textarea(attrs={"rows": 6}), max_length=50000
    )
    attachments = MultipleFileField(
        label=_("Tệp đính kèm"),
        required=False,
        help_text=_("PDF, Word, Excel hoặc ảnh; có thể chọn nhiều tệp."),
    )


class ExtensionForm(forms.Form):
    """Ask for the 15-working-day limit because verification is needed."""

    reason = forms.CharField(
        label=_("Lý do cần xác minh, làm rõ"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=2000,
    )


class AcceptForm(forms.Form):
    """Accept the unit's resolution and answer the petitioner."""

    answer_text = forms.CharField(
        label=_("Nội dung trả lời người kiến nghị"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=50000,
    )


class ReturnForm(forms.Form):
    """Send the resolution back, saying what is missing."""

    note = forms.CharField(
        label=_("Ý kiến chỉ đạo (nội dung cần làm tiếp)"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=5000,
    )


class AssignmentFilterForm(forms.Form):
    """Filter an assignment list by status, unit and lateness."""

    status = forms.ChoiceField(
        label=_("Trạng thái"),
        required=False,
        choices=[("", _("Tất cả"))] + list(AssignmentStatus.choices),
    )
    unit = forms.IntegerField(label=_("Đơn vị"), required=False)
    overdue = forms.BooleanField(label=_("Chỉ quá hạn"), required=False)
