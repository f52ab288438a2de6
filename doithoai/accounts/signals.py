"""Connect Django's, django-axes' and django-otp's signals to access audit events."""

from axes.signals import user_locked_out
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver
from django.utils import timezone
from django_otp.models import Device

from doithoai.audit.models import Verb

from .events import current_request, record_access

LOGIN_AT = "doithoai_login_at"
SEEN_AT = "doithoai_seen_at"


@receiver(user_logged_in)
def _logged_in(sender, request, user, **kwargs):
    now = timezone.now().timestamp()
    if request is not None and hasattr(request, "session"):
        request.session[LOGIN_AT] = now
        request.session[SEEN_AT] = now
    record_access(Verb.LOGIN, user, request=request, by=user)


@receiver(user_logged_out)
def _logged_out(sender, request, user, **kwargs):
    if user is not None:
        reason = getattr(request, "doithoai_logout_reason", "")
        extra = {"reason": reason} if reason else {}
        record_access(Verb.LOGOUT, user, request=request, by=user, **extra)


def _account(username: str):
    if not username:
        return None
    User = get_user_model()
    return User._default_manager.filter(**{User.USERNAME_FIELD: username}).first()


@receiver(user_login_failed)
def _login_failed(sender, credentials, request=None, **kwargs):
    username = str(credentials.get("username", ""))
    record_access(Verb.LOGIN_FAILED, _account(username), request=request, username=username)


@receiver(user_locked_out)
def _locked_out(sender, request, username, ip_address, **kwargs):
    username = str(username or "")
    record_access(Verb.LOCKED_OUT, _account(username), request=request, username=username)


@receiver(pre_save, sender=get_user_model())
def _password_changed(sender, instance, update_fields=None, raw=False, **kwargs):
    if (
        raw
        or instance.pk is None
        or (update_fields is not None and "password" not in update_fields)
    ):
        return
    stored = sender._default_manager.filter(pk=instance.pk).values_list("password", flat=True)
    old = stored.first()
    if old is not None and old != instance.password:
        request = current_request.get()
        actor = getattr(request, "user", None) if request is not None else None
        by = actor if getattr(actor, "is_authenticated", False) else instance
        record_access(Verb.PASSWORD_CHANGED, instance, by=by)


def _device_actor(device):
    request = current_request.get()
    actor = getattr(request, "user", None) if request is not None else None
    return actor if getattr(actor, "is_authenticated", False) else device.user


def _kind(device) -> str:
    return device._meta.label_lower


@receiver(post_save)
def _device_added(sender, instance, created, raw=False, **kwargs):
    if raw or not created or not isinstance(instance, Device):
        return
    if instance._meta.label_lower == "otp_static.staticdevice":
        return  # recovery codes are recorded when issued (views.issue_recovery_codes)
    record_access(
        Verb.SECOND_FACTOR_ADDED,
        instance.user,
        by=_device_actor(instance),
        device=_kind(instance),
        name=instance.name,
    )


@receiver(post_delete)
def _device_removed(sender, instance, **kwargs):
    if not isinstance(instance, Device):
        return
    record_access(
        Verb.SECOND_FACTOR_REMOVED,
        instance.user,
        by=_device_actor(instance),
        device=_kind(instance),
        name=instance.name,
    )
