"""The person's choice of how notifications reach them."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Delivery


class PreferenceForm(forms.Form):
    """E-mail for every event, a daily digest, or in-app only (reminders always by e-mail)."""

    delivery = forms.ChoiceField(
        label=_("Nhận thông báo qua e-mail"),
        choices=Delivery.choices,
        widget=forms.RadioSelect,
        help_text=_("Nhắc hạn và báo quá hạn luôn được gửi e-mail ngay."),
    )
