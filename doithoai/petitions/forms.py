"""Forms of the petition pages: Vietnamese labels, errors next to the field."""

import uuid

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from doithoai.organizations.models import Delegation, DelegationKind, Unit

from .models import Privacy, Topic

PRIVACY_HELP = {
    Privacy.PUBLIC: _("Mọi người trong cơ quan thấy anh/chị là người gửi kiến nghị này."),
    Privacy.CONFIDENTIAL: _(
        "Chỉ bộ phận tiếp nhận (phòng HC-TC) biết anh/chị là người gửi; "
        "tên anh/chị không hiện với người khác và không in trong văn bản. Kiến nghị về tố cáo "
        "luôn được bảo mật."
    ),
    Privacy.ANONYMOUS: _(
        "Hệ thống không lưu anh/chị là ai. Anh/chị nhận một mã tiếp nhận duy nhất "
        "để theo dõi và đọc câu trả lời; mã chỉ hiện một lần, hãy chép lại. Mất mã thì không "
        "ai tra cứu giúp được."
    ),
}


class PrivacyWidget(forms.RadioSelect):
    """Radio buttons that explain each privacy choice in plain words beside it."""

    template_name = "petitions/widgets/privacy.html"

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["help"] = {str(k): v for k, v in PRIVACY_HELP.items()}
        return context


class TopicChoiceField(forms.ModelChoiceField):
    """Topics labelled with their group."""

    def label_from_instance(self, obj):
        return f"{obj.get_group_display()} — {obj.name}"


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        if isinstance(data, list | tuple):
            return [super(MultipleFileField, self).clean(d, initial) for d in data if d]
        return [super().clean(data, initial)] if data else []


AS_SELF, AS_UNIT = "self", "unit"


class SubmitForm(forms.Form):
    """A staff member's petition, as themselves, for their unit or for whom they represent."""

    token = forms.UUIDField(widget=forms.HiddenInput)
    on_behalf = forms.ChoiceField(label=_("Gửi với tư cách"), widget=forms.RadioSelect)
    topic = TopicChoiceField(
        label=_("Chủ đề"),
        queryset=Topic.objects.none(),
        required=False,
        empty_label=_("— Chọn chủ đề —"),
    )
    title = forms.CharField(
        label=_("Tiêu đề"),
        max_length=250,
        help_text=_("Một câu ngắn nêu vấn đề, ví dụ: Đề nghị nâng bậc lương trước thời hạn."),
    )
    content = forms.CharField(
        label=_("Nội dung kiến nghị"),
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Trình bày sự việc, đề xuất của anh/chị."),
    )
    privacy = forms.ChoiceField(
        label=_("Chế độ danh tính"),
        choices=Privacy.choices,
        initial=Privacy.PUBLIC,
        widget=PrivacyWidget,
    )
    attachments = MultipleFileField(
        label=_("Tệp đính kèm"),
        required=False,
        help_text=_("Tối đa 10 tệp: PDF, Word, Excel, ảnh; mỗi tệp không quá 10 MB."),
    )

    def __init__(self, *args, agency, user, delegations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topic"].queryset = Topic.objects.filter(agency=agency)
        choices = [(AS_SELF, _("Cá nhân tôi")), (AS_UNIT, _("Đơn vị của tôi"))]
        self.delegations = {str(d.pk): d for d in delegations}
        for d in delegations:
            name = d.grantor.get_full_name() or d.grantor.get_username()
            choices.append((str(d.pk), _("Thay mặt %(name)s (theo ủy quyền)") % {"name": name}))
        self.fields["on_behalf"].choices = choices
        self.fields["on_behalf"].initial = AS_SELF
        if not self.is_bound:
            self.initial.setdefault("token", uuid.uuid4())


class FeedbackForm(forms.Form):
    """The petitioner's word on the answer."""

    satisfied = forms.TypedChoiceField(
        label=_("Câu trả lời đã giải quyết được vấn đề chưa?"),
        choices=[("1", _("Đã thỏa đáng")), ("0", _("Chưa thỏa đáng, đề nghị xem xét lại"))],
        coerce=lambda v: v == "1",
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Lý do chưa thỏa đáng"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Kiến nghị được mở lại một lần; phòng HC-TC sẽ thấy lý do này."),
    )


class AuthorizeForm(forms.Form):
    """Authorize a colleague to raise one's petitions as unit representative."""

    grantee = forms.ModelChoiceField(
        label=_("Người đại diện"), queryset=get_user_model().objects.none()
    )
    valid_until = forms.DateField(
        label=_("Hiệu lực đến ngày"),
        required=False,
        input_formats=["%d/%m/%Y", "%Y-%m-%d"],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("Để trống nếu ủy quyền đến khi thu hồi."),
    )
    reason = forms.CharField(label=_("Ghi chú"), required=False, max_length=500)

    def __init__(self, *args, agency, user, **kwargs):
        super().__init__(*args, **kwargs)
        users = (
            get_user_model()
            .objects.filter(memberships__agency=agency, memberships__is_active=True)
            .exclude(pk=user.pk)
        )
        self.fields["grantee"].queryset = users.order_by("last_name", "first_name")
        self.fields["grantee"].label_from_instance = lambda u: u.get_full_name() or u.username


def representative_delegations(user, agency, on):
    """Return the representative delegations `user` holds and may act under on `on`."""
    return list(
        Delegation.objects.valid_on(on)
        .filter(agency=agency, kind=DelegationKind.REPRESENTATIVE, grantee=user)
        .select_related("grantor")
    )


# --- Secretariat ------------------------------------------------------------------------


class RecordForm(forms.Form):
    """A petition received on paper, recorded by the secretariat."""

    token = forms.UUIDField(widget=forms.HiddenInput)
    topic = TopicChoiceField(label=_("Chủ đề"), queryset=Topic.objects.none(), required=False)
    title = forms.CharField(label=_("Tiêu đề"), max_length=250)
    content = forms.CharField(
        label=_("Nội dung kiến nghị"), max_length=20000, widget=forms.Textarea(attrs={"rows": 8})
    )
    privacy = forms.ChoiceField(
        label=_("Chế độ danh tính"),
        choices=Privacy.choices,
        initial=Privacy.PUBLIC,
        widget=PrivacyWidget,
    )
    submitter = forms.ModelChoiceField(
        label=_("Người gửi (trong cơ quan)"),
        queryset=get_user_model().objects.none(),
        required=False,
    )
    submitter_name = forms.CharField(
        label=_("Hoặc họ tên người gửi ghi trên văn bản"), max_length=150, required=False
    )
    submitter_unit = forms.ModelChoiceField(
        label=_("Đơn vị gửi (nếu là kiến nghị của đơn vị)"),
        queryset=Unit.objects.none(),
        required=False,
    )
    attachments = MultipleFileField(
        label=_("Bản quét văn bản"), required=False, help_text=_("Tối đa 10 tệp.")
    )

    def __init__(self, *args, agency, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topic"].queryset = Topic.objects.filter(agency=agency)
        self.fields["submitter"].queryset = (
            get_user_model()
            .objects.filter(memberships__agency=agency)
            .order_by("last_name", "first_name")
        )
        self.fields["submitter"].label_from_instance = lambda u: u.get_full_name() or u.username
        self.fields["submitter_unit"].queryset = Unit.objects.filter(agency=agency)
        if not self.is_bound:
            self.initial.setdefault("token", uuid.uuid4())


class ReceiveForm(forms.Form):
    """Classify a new petition."""

    topic = TopicChoiceField(label=_("Chủ đề"), queryset=Topic.objects.none())
    concerned_unit = forms.ModelChoiceField(
        label=_("Đơn vị liên quan"), queryset=Unit.objects.none(), required=False
    )
    privacy = forms.ChoiceField(label=_("Chế độ danh tính"), choices=Privacy.choices)

    def __init__(self, *args, agency, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topic"].queryset = Topic.objects.filter(agency=agency)
        self.fields["concerned_unit"].queryset = Unit.objects.filter(agency=agency)


class RejectForm(forms.Form):
    """Refuse with a reason."""

    reason = forms.CharField(
        label=_("Lý do từ chối"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )


class TransferForm(forms.Form):
    """Transfer to the competent body with a reason."""

    transferred_to = forms.CharField(label=_("Chuyển đến cơ quan"), max_length=200)
    reason = forms.CharField(
        label=_("Lý do chuyển"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )


class MergeForm(forms.Form):
    """Merge duplicates into the petition shown."""

    duplicates = forms.ModelMultipleChoiceField(
        label=_("Kiến nghị trùng cần gộp vào kiến nghị này"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
    )
    reason = forms.CharField(label=_("Ghi chú"), required=False, max_length=500)

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["duplicates"].queryset = candidates
        self.fields["duplicates"].label_from_instance = lambda p: f"{p.code} — {p.title}"
