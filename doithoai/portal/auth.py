"""Password reset that also lets people imported by the admin (no password yet) set one."""

from django.contrib.auth import get_user_model
from django.contrib.auth.forms import PasswordResetForm


class FirstLoginResetForm(PasswordResetForm):
    """Send the one-time link to active accounts with the e-mail, with or without a password.

    Django's form skips accounts whose password is unusable; ours are created that way on
    import, and the e-mailed link is how those people set their first password.
    """

    def get_users(self, email):
        """Return the active accounts registered with this e-mail address."""
        users = get_user_model()._default_manager.filter(email__iexact=email, is_active=True)
        return (u for u in users if u.email and u.email.lower() == email.lower())
