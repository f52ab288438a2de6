"""Django's password validators, with their messages in Vietnamese.

The site's source language is Vietnamese, so these messages are the msgids; Django's own
English texts are not shown to our users.
"""

from django.contrib.auth import password_validation as pv
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext


def _vietnamese(error: ValidationError, message: str, params=None) -> ValidationError:
    return ValidationError(message, code=error.code, params=params or error.params)


class MinimumLengthValidator(pv.MinimumLengthValidator):
    """Refuse a password shorter than `min_length`."""

    def validate(self, password, user=None):
        try:
            super().validate(password, user)
        except ValidationError as exc:
            raise _vietnamese(
                exc,
                ngettext(
                    "Mật khẩu quá ngắn: cần ít nhất %(min_length)d ký tự.",
                    "Mật khẩu quá ngắn: cần ít nhất %(min_length)d ký tự.",
                    self.min_length,
                ),
                {"min_length": self.min_length},
            ) from None

    def get_help_text(self):
        return _("Mật khẩu cần ít nhất %(min_length)d ký tự.") % {"min_length": self.min_length}


class UserAttributeSimilarityValidator(pv.UserAttributeSimilarityValidator):
    """Refuse a password too close to the user's name, username or e-mail."""

    def validate(self, password, user=None):
        try:
            super().validate(password, user)
        except ValidationError as exc:
            raise _vietnamese(
                exc, _("Mật khẩu quá giống thông tin cá nhân (%(verbose_name)s).")
            ) from None

    def get_help_text(self):
        return _("Mật khẩu không được giống tên, tên đăng nhập hoặc thư điện tử của anh/chị.")


class CommonPasswordValidator(pv.CommonPasswordValidator):
    """Refuse one of the 20,000 most common passwords."""

    def validate(self, password, user=None):
        try:
            super().validate(password, user)
        except ValidationError as exc:
            raise _vietnamese(exc, _("Mật khẩu này quá phổ biến, dễ bị đoán.")) from None

    def get_help_text(self):
        return _("Mật khẩu không được là mật khẩu phổ biến.")


class NumericPasswordValidator(pv.NumericPasswordValidator):
    """Refuse a password made only of digits."""

    def validate(self, password, user=None):
        try:
            super().validate(password, user)
        except ValidationError as exc:
            raise _vietnamese(exc, _("Mật khẩu không được chỉ gồm chữ số.")) from None

    def get_help_text(self):
        return _("Mật khẩu không được chỉ gồm chữ số.")
