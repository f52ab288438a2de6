"""Upload forms of the signing pages (bounded sizes)."""

from django import forms
from django.utils.translation import gettext_lazy as _

MAX_PDF_BYTES = 20 * 1024 * 1024
MAX_KEY_BYTES = 64 * 1024


def _read(upload, limit: int, message) -> bytes:
    if upload.size > limit:
        raise forms.ValidationError(message)
    return upload.read()


class Pkcs12SignForm(forms.Form):
    """Sign on the server with the person's PKCS#12 file (never stored)."""

    pkcs12 = forms.FileField(label=_("Tệp chứng thư số (.p12, .pfx)"))
    password = forms.CharField(label=_("Mật khẩu"), widget=forms.PasswordInput, required=False)

    def clean_pkcs12(self):
        return _read(self.cleaned_data["pkcs12"], MAX_KEY_BYTES, _("Tệp chứng thư quá lớn."))


class PdfUploadForm(forms.Form):
    """A PDF to verify, or the PDF signed in the person's own tool."""

    file = forms.FileField(label=_("Tệp PDF"))

    def clean_file(self):
        data = _read(self.cleaned_data["file"], MAX_PDF_BYTES, _("Tệp PDF quá lớn (tối đa 20 MB)."))
        if not data.startswith(b"%PDF-"):
            raise forms.ValidationError(_("Tệp không phải là PDF."))
        return data


class SealForm(forms.Form):
    """The secretariat applies the agency's seal."""

    attachment = forms.BooleanField(
        label=_("Văn bản kèm theo (ký số không hình ảnh, thông tin góc trên bên phải)"),
        required=False,
    )


MAX_IMAGE_BYTES = 2 * 1024 * 1024


class ImageForm(forms.Form):
    """A PNG with a transparent background (checked by the action as in the admin)."""

    image = forms.FileField(label=_("Ảnh PNG nền trong suốt"))

    def clean_image(self):
        return _read(self.cleaned_data["image"], MAX_IMAGE_BYTES, _("Ảnh quá lớn (tối đa 2 MB)."))


class SealImageForm(ImageForm):
    """The agency's seal image and the seal's real diameter."""

    diameter_mm = forms.DecimalField(
        label=_("Đường kính thật của con dấu (mm)"), max_digits=4, decimal_places=1, initial=36
    )
