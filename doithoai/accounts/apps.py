from django.apps import AppConfig


class AccountsConfig(AppConfig):
    """Log-in, second factor, lockout, session limits and their audit events."""

    name = "doithoai.accounts"
    verbose_name = "Tài khoản và đăng nhập"

    def ready(self):
        from . import signals  # noqa: F401 - connects the audit receivers
