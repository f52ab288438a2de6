"""Forms of the agency administrator: units, people and roles, the import sheet."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Agency, Role, StaffCategory, Unit

MAX_SHEET_BYTES = 2 * 1024 * 1024


class UnitForm(forms.Form):
    """A new department."""

    name = forms.CharField(label=_("Tên đơn vị"), max_length=200)
    code = forms.CharField(label=_("Ký hiệu"), max_length=20, help_text=_("Ví dụ HCTC."))
    parent = forms.ModelChoiceField(
        label=_("Đơn vị cấp trên"), queryset=Unit.objects.none(), required=False
    )

    def __init__(self, *args, agency, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = Unit.objects.filter(agency=agency)


class RolesField(forms.MultipleChoiceField):
    """Roles as checkboxes."""

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Vai trò"))
        kwargs.setdefault("choices", Role.choices)
        kwargs.setdefault("widget", forms.CheckboxSelectMultiple)
        super().__init__(**kwargs)


class MemberForm(forms.Form):
    """A new person in the agency."""

    full_name = forms.CharField(label=_("Họ và tên"), max_length=150)
    username = forms.CharField(label=_("Tên đăng nhập"), max_length=150)
    email = forms.EmailField(label=_("Thư điện tử"), required=False)
    unit = forms.ModelChoiceField(label=_("Đơn vị"), queryset=Unit.objects.none(), required=False)
    position_title = forms.CharField(label=_("Chức vụ"), max_length=150, required=False)
    staff_category = forms.ChoiceField(
        label=_("Đối tượng"), choices=StaffCategory.choices, initial=StaffCategory.CIVIL_SERVANT
    )
    roles = RolesField(initial=[Role.STAFF])

    def __init__(self, *args, agency, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = Unit.objects.filter(agency=agency, is_active=True)


class RolesForm(forms.Form):
    """Change a member's roles and unit."""

    unit = forms.ModelChoiceField(label=_("Đơn vị"), queryset=Unit.objects.none(), required=False)
    roles = RolesField()

    def __init__(self, *args, agency, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = Unit.objects.filter(agency=agency, is_active=True)


class ImportForm(forms.Form):
    """An Excel (.xlsx) or CSV sheet of people."""

    sheet = forms.FileField(
        label=_("Tệp danh sách (.xlsx hoặc .csv)"),
        help_text=_(
            "Dòng đầu là tiêu đề các cột: họ tên, tên đăng nhập, email, đơn vị (mã), chức vụ, "
            "đối tượng, vai trò. Nhiều vai trò cách nhau bởi dấu phẩy."
        ),
    )

    def clean_sheet(self):
        sheet = self.cleaned_data["sheet"]
        name = sheet.name.lower()
        if not name.endswith((".xlsx", ".csv")):
            raise forms.ValidationError(_("Chỉ nhận tệp .xlsx hoặc .csv."))
        if sheet.size > MAX_SHEET_BYTES:
            raise forms.ValidationError(_("Tệp lớn quá 2 MB."))
        return sheet


class MemberFilterForm(forms.Form):
    """Search people by name, unit and role."""

    q = forms.CharField(label=_("Tìm theo tên"), required=False)
    unit = forms.IntegerField(label=_("Đơn vị"), required=False)
    role = forms.ChoiceField(
        label=_("Vai trò"), required=False, choices=[("", _("Tất cả"))] + list(Role.choices)
    )


class OnboardForm(forms.Form):
    """A new agency with its first administrator and its units (the installation admin)."""

    code = forms.CharField(label=_("Ký hiệu cơ quan"), max_length=20, help_text=_("Ví dụ SNV."))
    name = forms.CharField(label=_("Tên cơ quan"), max_length=200)
    locality = forms.CharField(label=_("Địa danh"), max_length=100)
    parent = forms.ModelChoiceField(
        label=_("Cơ quan cấp trên"), queryset=Agency.objects.none(), required=False
    )
    parent_body_name = forms.CharField(
        label=_("Tên cơ quan chủ quản (in trên văn bản)"), max_length=200, required=False
    )
    short_name = forms.CharField(label=_("Tên viết tắt"), max_length=50, required=False)
    admin_full_name = forms.CharField(label=_("Họ tên người quản trị"), max_length=150)
    admin_username = forms.CharField(label=_("Tên đăng nhập người quản trị"), max_length=150)
    admin_email = forms.EmailField(label=_("Thư điện tử người quản trị"), required=False)
    units = forms.CharField(
        label=_("Đơn vị"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Mỗi dòng một đơn vị, dạng KÝ_HIỆU=Tên, ví dụ VP=Văn phòng Sở."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = Agency.objects.filter(ended_on__isnull=True).order_by(
            "name"
        )

    def clean_units(self):
        from .agency_sheet import parse_units

        units = parse_units(self.cleaned_data["units"])
        if units is None:
            raise forms.ValidationError(_("Mỗi dòng phải có dạng KÝ_HIỆU=Tên."))
        return units


class AgencyImportForm(ImportForm):
    """An Excel (.xlsx) or CSV sheet of agencies."""

    sheet = forms.FileField(
        label=_("Tệp danh sách cơ quan (.xlsx hoặc .csv)"),
        help_text=_("Dùng tệp mẫu: dòng đầu là tiêu đề các cột, mỗi dòng sau là một cơ quan."),
    )


class ReorganiseForm(forms.Form):
    """A rename, a move or a merge with its effective date and legal basis (agencies by code)."""

    kind = forms.ChoiceField(
        label=_("Việc tổ chức lại"),
        choices=[
            ("merge", _("Hợp nhất vào cơ quan khác")),
            ("move", _("Chuyển sang cơ quan cấp trên khác")),
            ("rename", _("Đổi tên")),
        ],
    )
    agency = forms.CharField(label=_("Ký hiệu cơ quan"), max_length=20)
    target = forms.CharField(
        label=_("Ký hiệu cơ quan kế thừa / cơ quan cấp trên mới"),
        max_length=20,
        required=False,
        help_text=_(
            "Hợp nhất: cơ quan kế thừa. Chuyển: cơ quan cấp trên mới (để trống: không có)."
        ),
    )
    effective_on = forms.DateField(label=_("Ngày có hiệu lực"))
    legal_basis = forms.CharField(
        label=_("Căn cứ pháp lý (số văn bản)"),
        max_length=200,
        help_text=_("Ví dụ Nghị quyết số 202/2025/QH15."),
    )
    legal_basis_date = forms.DateField(label=_("Ngày của văn bản căn cứ"), required=False)
    name = forms.CharField(label=_("Tên mới của cơ quan"), max_length=200, required=False)
    short_name = forms.CharField(label=_("Tên viết tắt"), max_length=100, required=False)
    parent_body_name = forms.CharField(
        label=_("Tên cơ quan chủ quản (in trên văn bản)"), max_length=200, required=False
    )
    locality = forms.CharField(label=_("Địa danh"), max_length=100, required=False)
    report_recipient = forms.CharField(label=_("Nơi nhận báo cáo"), max_length=200, required=False)
    confirm = forms.BooleanField(required=False, widget=forms.HiddenInput)

    error_aliases = {"successor": "target", "new_parent": "target"}
