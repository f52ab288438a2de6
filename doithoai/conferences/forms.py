"""Forms of the conference workspace: Vietnamese labels, dates as dd/mm/yyyy, errors by field."""

import datetime

from django import forms
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from doithoai.organizations.models import Role
from doithoai.petitions.forms import PrivacyWidget
from doithoai.petitions.models import Privacy, Topic

from .models import CombinedWith, DialoguePlan, Kind

DATE_FORMATS = ["%d/%m/%Y", "%d-%m-%Y", "%Y-%m-%d"]


class VNDateInput(forms.DateInput):
    """A text box for dates written as Vietnamese offices write them (dd/mm/yyyy)."""

    def __init__(self, attrs=None):
        base = {"placeholder": "dd/mm/yyyy", "inputmode": "numeric", "autocomplete": "off"}
        super().__init__(attrs={**base, **(attrs or {})}, format="%d/%m/%Y")


class VNDateField(forms.DateField):
    """A date typed as dd/mm/yyyy."""

    widget = VNDateInput
    default_error_messages = {"invalid": _("Nhập ngày theo dạng ngày/tháng/năm, ví dụ 20/06/2018.")}

    def __init__(self, **kwargs):
        kwargs.setdefault("input_formats", DATE_FORMATS)
        super().__init__(**kwargs)


def members_with(agency, *roles):
    """Return the users holding any of `roles` in the agency, by name."""
    user_model = get_user_model()
    return (
        user_model.objects.filter(
            memberships__agency=agency,
            memberships__is_active=True,
            memberships__roles__role__in=list(roles),
        )
        .distinct()
        .order_by("last_name", "first_name", "username")
    )


class PersonChoiceField(forms.ModelChoiceField):
    """Pick a person by full name."""

    def label_from_instance(self, obj):
        return obj.get_full_name() or obj.get_username()


class PlanForm(forms.Form):
    """Start the year's dialogue plan."""

    year = forms.IntegerField(label=_("Năm"), min_value=1990, max_value=2100)


class IssuePlanForm(forms.Form):
    """Give the plan its number and date of issue."""

    issued_on = VNDateField(label=_("Ngày ban hành"))


class ConferenceForm(forms.Form):
    """Schedule a conference: two regular ones a year, ad hoc ones when the head decides."""

    error_aliases = {"starts_at": "starts_on"}

    kind = forms.ChoiceField(label=_("Loại hội nghị"), choices=Kind.choices)
    plan = forms.ModelChoiceField(
        label=_("Thuộc kế hoạch năm"),
        queryset=DialoguePlan.objects.none(),
        required=False,
        help_text=_("Bắt buộc với hội nghị định kỳ."),
    )
    combined_with = forms.ChoiceField(
        label=_("Lồng ghép với"), choices=CombinedWith.choices, initial=CombinedWith.NONE
    )
    title = forms.CharField(label=_("Tên hội nghị"), max_length=250)
    starts_on = VNDateField(
        label=_("Ngày tổ chức"),
        help_text=_(
            "Hội nghị thứ nhất: tháng 6 (hoặc lồng ghép sơ kết 6 tháng); hội nghị thứ hai: quý IV."
        ),
    )
    starts_time = forms.TimeField(
        label=_("Giờ bắt đầu"),
        initial=datetime.time(8, 0),
        input_formats=["%H:%M", "%Hh%M", "%H"],
        widget=forms.TimeInput(format="%H:%M", attrs={"placeholder": "08:00"}),
        error_messages={"invalid": _("Nhập giờ dạng giờ:phút, ví dụ 08:00.")},
    )
    place = forms.CharField(label=_("Địa điểm"), max_length=250, required=False)

    def __init__(self, *args, agency, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["plan"].queryset = DialoguePlan.objects.filter(agency=agency)

    def starts_at(self):
        """Return the aware start time from the date and time fields."""
        data = self.cleaned_data
        return timezone.make_aware(
            datetime.datetime.combine(data["starts_on"], data["starts_time"])
        )


class DelegateForm(forms.Form):
    """Delegate chairing to exactly one deputy, for a force majeure reason."""

    prefix = "dg"

    deputy = PersonChoiceField(label=_("Cấp phó được ủy quyền"), queryset=None)
    reason = forms.CharField(
        label=_("Lý do (bất khả kháng)"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000
    )

    def __init__(self, *args, agency, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["deputy"].queryset = members_with(agency, Role.DEPUTY)


class ReasonForm(forms.Form):
    """A reason (to revoke a delegation, to cancel)."""

    reason = forms.CharField(
        label=_("Lý do"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000
    )


class RescheduleForm(forms.Form):
    """Move a conference not yet opened to another day, time or place, with the reason."""

    error_aliases = {"starts_at": "starts_on"}

    starts_on = VNDateField(label=_("Ngày tổ chức mới"))
    starts_time = forms.TimeField(
        label=_("Giờ bắt đầu"),
        initial=datetime.time(8, 0),
        input_formats=["%H:%M", "%Hh%M", "%H"],
        widget=forms.TimeInput(format="%H:%M", attrs={"placeholder": "08:00"}),
        error_messages={"invalid": _("Nhập giờ dạng giờ:phút, ví dụ 08:00.")},
    )
    place = forms.CharField(
        label=_("Địa điểm"),
        max_length=250,
        required=False,
        help_text=_("Để trống nếu giữ địa điểm cũ."),
    )
    reason = forms.CharField(
        label=_("Lý do đổi lịch"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000
    )

    def starts_at(self):
        """Return the aware start time from the date and time fields."""
        data = self.cleaned_data
        return timezone.make_aware(
            datetime.datetime.combine(data["starts_on"], data["starts_time"])
        )


class OpenForm(forms.Form):
    """Open the conference: the minutes' secretary, who attends, and the day if not planned."""

    secretary = PersonChoiceField(label=_("Thư ký hội nghị"), queryset=None)
    leaders_present = forms.IntegerField(label=_("Lãnh đạo có mặt"), min_value=0, initial=0)
    leaders_absent = forms.IntegerField(label=_("Lãnh đạo vắng mặt"), min_value=0, initial=0)
    civil_servants_present = forms.IntegerField(label=_("Công chức có mặt"), min_value=0, initial=0)
    civil_servants_absent = forms.IntegerField(
        label=_("Công chức vắng mặt"), min_value=0, initial=0
    )
    public_employees_present = forms.IntegerField(
        label=_("Viên chức có mặt"), min_value=0, initial=0
    )
    public_employees_absent = forms.IntegerField(
        label=_("Viên chức vắng mặt"), min_value=0, initial=0
    )
    workers_present = forms.IntegerField(label=_("Người lao động có mặt"), min_value=0, initial=0)
    workers_absent = forms.IntegerField(label=_("Người lao động vắng mặt"), min_value=0, initial=0)
    inspectors = forms.ModelMultipleChoiceField(
        label=_("Thành viên Ban Thanh tra nhân dân có mặt"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    guests = forms.CharField(
        label=_("Khách mời"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=5000,
    )
    attendance = forms.CharField(
        label=_("Thành phần tham dự"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=5000,
    )
    confirm_other_day = forms.BooleanField(
        label=_("Xác nhận khai mạc vào ngày khác ngày đã lên lịch"),
        required=False,
        help_text=_("Chỉ cần khi hội nghị được tổ chức sớm hoặc muộn hơn lịch."),
    )

    COUNTS = (
        "leaders_present",
        "leaders_absent",
        "civil_servants_present",
        "civil_servants_absent",
        "public_employees_present",
        "public_employees_absent",
        "workers_present",
        "workers_absent",
    )

    def __init__(self, *args, agency, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["secretary"].queryset = members_with(agency, *Role.values)
        self.fields["inspectors"].queryset = members_with(agency, Role.INSPECTOR)
        self.fields["inspectors"].label_from_instance = lambda u: u.get_full_name() or u.username

    def head_count(self) -> dict:
        """Return the counts by staff category for `open_conference`."""
        return {name: self.cleaned_data[name] for name in self.COUNTS}


class StatementForm(forms.Form):
    """One entry of the minutes."""

    prefix = "st"

    speaker = PersonChoiceField(label=_("Người phát biểu"), queryset=None, required=False)
    speaker_name = forms.CharField(
        label=_("hoặc họ tên người phát biểu"), max_length=150, required=False
    )
    text = forms.CharField(
        label=_("Nội dung phát biểu"), widget=forms.Textarea(attrs={"rows": 3}), max_length=20000
    )

    def __init__(self, *args, agency, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["speaker"].queryset = members_with(agency, *Role.values)


class FloorForm(forms.Form):
    """A petition raised from the floor during the conference."""

    prefix = "fl"

    title = forms.CharField(label=_("Tiêu đề"), max_length=250)
    content = forms.CharField(
        label=_("Nội dung kiến nghị"), widget=forms.Textarea(attrs={"rows": 3}), max_length=20000
    )
    topic = forms.ModelChoiceField(label=_("Chủ đề"), queryset=Topic.objects.none())
    privacy = forms.ChoiceField(
        label=_("Danh tính người nêu"),
        choices=Privacy.choices,
        initial=Privacy.PUBLIC,
        widget=PrivacyWidget,
    )
    submitter = PersonChoiceField(label=_("Người nêu kiến nghị"), queryset=None, required=False)
    submitter_name = forms.CharField(
        label=_("hoặc họ tên người nêu"), max_length=150, required=False
    )

    def __init__(self, *args, agency, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topic"].queryset = Topic.objects.filter(agency=agency)
        self.fields["submitter"].queryset = members_with(agency, *Role.values)


class CloseForm(forms.Form):
    """Close the conference with the chair's conclusion."""

    conclusion = forms.CharField(
        label=_("Kết luận của người chủ trì"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=50000,
    )


class NoticeDraftForm(forms.Form):
    """The secretariat's draft of the conclusion notice."""

    text = forms.CharField(
        label=_("Nội dung thông báo kết luận"),
        widget=forms.Textarea(attrs={"rows": 10}),
        max_length=50000,
    )


class NoticeIssueForm(forms.Form):
    """Approve and issue the conclusion notice."""

    issued_on = VNDateField(label=_("Ngày ban hành"))


class ScheduleForm(forms.Form):
    """Put received petitions on a conference."""

    conference = forms.ModelChoiceField(label=_("Hội nghị"), queryset=None)
    petitions = forms.ModelMultipleChoiceField(
        label=_("Kiến nghị"), queryset=None, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, conferences, petitions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["conference"].queryset = conferences
        self.fields["petitions"].queryset = petitions
        self.fields["petitions"].label_from_instance = lambda p: f"{p.code} — {p.title}"
