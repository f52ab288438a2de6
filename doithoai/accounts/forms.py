"""The second-factor code form; the password-reset form for first log-ins."""

from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import PasswordResetForm
from django.utils.translation import gettext_lazy as _


class TokenForm(forms.Form):
    """A 6-digit code from the authenticator app, or a recovery code."""

    token = forms.CharField(
        label=_("Mã xác thực"),
        max_length=16,
        help_text=_("Mã 6 chữ số trong ứng dụng xác thực, hoặc một mã khôi phục."),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "text", "autofocus": True}
        ),
    )

    def clean_token(self):
        """Drop spaces people copy with the code."""
        return "".join(self.cleaned_data["token"].split()).lower()


class FirstLoginResetForm(PasswordResetForm):
    """Send the one-time link to active accounts with the e-mail, with or without a password.

    Django's form skips accounts whose password is unusable; ours are created that way on
    import, and the e-mailed link is how those people set their first password.
    """

    def get_users(self, email):
        """Return the active accounts registered with this e-mail address."""
        users = get_user_model()._default_manager.filter(email__iexact=email, is_active=True)
        return (u for u in users if u.email and u.email.lower() == email.lower())
