"""Forms of the follow-up pages: the chair's answer, commitment and assignment in the running
order, the unit's report, the extension, the head's decision."""

from django import forms
from django.utils.translation import gettext_lazy as _

from doithoai.conferences.forms import PersonChoiceField, VNDateField, members_with
from doithoai.core.filters import id_field
from doithoai.organizations.models import Role, Unit
from doithoai.petitions.forms import MultipleFileField

from .models import AssignmentStatus, CommitmentForm


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
    """Ask the head for the 15-working-day limit because verification is needed."""

    reason = forms.CharField(
        label=_("Lý do cần xác minh, làm rõ"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=2000,
    )


class ApproveExtensionForm(forms.Form):
    """Approve the unit's request for the 15-working-day limit, with an optional word."""

    note = forms.CharField(
        label=_("Ý kiến (không bắt buộc)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=5000,
    )


class RefuseExtensionForm(forms.Form):
    """Refuse the unit's request for the 15-working-day limit, saying why."""

    reason = forms.CharField(
        label=_("Lý do không đồng ý"), widget=forms.Textarea(attrs={"rows": 2}), max_length=5000
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
    unit = id_field(label=_("Đơn vị"), required=False)
    overdue = forms.BooleanField(label=_("Chỉ quá hạn"), required=False)


class UrgeForm(forms.Form):
    """An optional word to the late unit."""

    message = forms.CharField(
        label=_("Nội dung đôn đốc"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class AnswerForm(forms.Form):
    """Answer at the conference, directly or by a leader the chair designates."""

    prefix = "an"

    answerer = PersonChoiceField(
        label=_("Người giải đáp"),
        queryset=None,
        required=False,
        help_text=_("Để trống nếu người chủ trì trực tiếp giải đáp."),
    )
    text = forms.CharField(
        label=_("Nội dung giải đáp"), widget=forms.Textarea(attrs={"rows": 3}), max_length=50000
    )

    def __init__(self, *args, agency, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["answerer"].queryset = members_with(
            agency, Role.HEAD, Role.DEPUTY, Role.UNIT_LEADER
        )


class CommitForm(forms.Form):
    """Commit a time and a form of answer for what the conference could not settle."""

    prefix = "cm"

    promised_on = VNDateField(label=_("Hạn trả lời cam kết"))
    form = forms.ChoiceField(label=_("Hình thức trả lời"), choices=CommitmentForm.choices)
    note = forms.CharField(
        label=_("Ghi chú"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


LIMIT_CHOICES = [
    ("7", _("7 ngày làm việc kể từ thông báo kết luận")),
    ("15", _("15 ngày làm việc (cần xác minh, làm rõ hoặc theo quy trình pháp luật)")),
]


class AssignForm(forms.Form):
    """Assign a petition to a unit to resolve within 7 (or 15) working days."""

    prefix = "as"

    unit = forms.ModelChoiceField(label=_("Đơn vị xử lý"), queryset=Unit.objects.none())
    limit = forms.ChoiceField(
        label=_("Thời hạn báo cáo"), choices=LIMIT_CHOICES, initial="7", widget=forms.RadioSelect
    )
    verification_reason = forms.CharField(
        label=_("Lý do cần 15 ngày"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=2000,
    )
    instructions = forms.CharField(
        label=_("Nội dung giao"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, agency, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = Unit.objects.filter(agency=agency, is_active=True)
