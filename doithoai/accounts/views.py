"""Log in, the second factor (verify, enrol, manage), password change and reset, lockout."""

import base64
import io
import time
from binascii import unhexlify

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpResponseRedirect
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from django_otp import devices_for_user, match_token
from django_otp import login as otp_login
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice, default_key

from doithoai.audit.models import Verb
from doithoai.core.net import client_address
from doithoai.core.throttle import cache_key, within

from .events import record_access
from .forms import TokenForm
from .policy import is_enrolled, needs_second_factor

RECOVERY_CODES = 10
SETUP_KEY = "doithoai_totp_setup_key"


class LoginView(auth_views.LoginView):
    """Log in with the Vietnamese template; a logged-in user goes straight home."""

    template_name = "registration/login.html"
    redirect_authenticated_user = True


def locked_out(request, original_response=None, credentials=None, *args, **kwargs):
    """Answer a log-in attempt on a locked account or from a locked address (django-axes)."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return render(request, "accounts/locked_out.html", {"minutes": minutes}, status=429)


def _next_url(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return settings.LOGIN_REDIRECT_URL


@never_cache
@login_required
def verify(request):
    """Ask for the second factor: a code from the app, a recovery code, or a passkey."""
    user = request.user
    if user.is_verified():
        return redirect(_next_url(request))
    if not is_enrolled(user):
        return redirect("accounts:enrol")
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = match_token(user, form.cleaned_data["token"])
        if device is not None:
            otp_login(request, device)
            record_access(Verb.SECOND_FACTOR_PASSED, user, by=user, device=device._meta.label_lower)
            return redirect(_next_url(request))
        record_access(Verb.SECOND_FACTOR_FAILED, user, by=user)
        form.add_error("token", _("Mã không đúng hoặc đã hết hạn (hoặc bạn thử quá nhanh)."))
    has_passkey = any(
        d._meta.label_lower.startswith("django_otp_webauthn") for d in devices_for_user(user)
    )
    return render(
        request,
        "accounts/verify.html",
        {"form": form, "next": _next_url(request), "has_passkey": has_passkey},
    )


def _qr_svg(url: str) -> str:
    import qrcode  # noqa: PLC0415 (about 5 MB: loaded by the first enrolment, not every worker)
    import qrcode.image.svg  # noqa: PLC0415

    image = qrcode.make(url, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    buffer = io.BytesIO()
    image.save(buffer)
    return buffer.getvalue().decode()


def issue_recovery_codes(request, user) -> list[str]:
    """Replace the user's recovery codes with new ones; return them (shown once)."""
    device, _created = StaticDevice.objects.get_or_create(
        user=user, name="recovery", defaults={"confirmed": True}
    )
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _i in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=c) for c in codes])
    record_access(Verb.RECOVERY_CODES_ISSUED, user, request=request, by=user, count=len(codes))
    return codes


@never_cache
@login_required
def enrol(request):
    """Set up an authenticator app (TOTP) or a passkey; the first one also gives codes."""
    user = request.user
    enrolled = is_enrolled(user)
    if enrolled and not user.is_verified():
        return redirect("accounts:verify")
    key = request.session.get(SETUP_KEY) or default_key()
    request.session[SETUP_KEY] = key
    device = TOTPDevice(user=user, key=key, name=_("Ứng dụng xác thực"))
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        totp = TOTP(unhexlify(key.encode()), device.step, device.t0, device.digits, device.drift)
        totp.time = time.time()
        token = form.cleaned_data["token"]
        if token.isdigit() and totp.verify(int(token), device.tolerance):
            device.last_t = totp.t()  # this code cannot be used again
            device.save()
            del request.session[SETUP_KEY]
            if not user.is_verified():
                otp_login(request, device)
            codes = None
            if not StaticDevice.objects.filter(user=user).exists():
                codes = issue_recovery_codes(request, user)
            return render(
                request,
                "accounts/recovery_codes.html",
                {"codes": codes, "next": _next_url(request)},
            )
        form.add_error("token", _("Mã không đúng; hãy nhập mã 6 chữ số đang hiện trong ứng dụng."))
    secret = base64.b32encode(unhexlify(key.encode())).decode()
    return render(
        request,
        "accounts/enrol.html",
        {
            "form": form,
            "qr": _qr_svg(device.config_url),
            "secret": " ".join(secret[i : i + 4] for i in range(0, len(secret), 4)),
            "required": needs_second_factor(user),
            "enrolled": enrolled,
            "next": _next_url(request),
        },
    )


@never_cache
@login_required
def security(request):
    """List the user's second-factor devices, with recovery codes and passkeys."""
    user = request.user
    devices = [d for d in devices_for_user(user, confirmed=True) if not isinstance(d, StaticDevice)]
    static = StaticDevice.objects.filter(user=user).first()
    context = {
        "devices": [
            {"name": d.name, "kind": d._meta.model_name, "pk": d.pk, "type": d._meta.verbose_name}
            for d in devices
        ],
        "codes_left": static.token_set.count() if static else 0,
        "required": needs_second_factor(user),
        "can_manage": user.is_verified() or not is_enrolled(user),
    }
    return render(request, "accounts/security.html", context)


@require_POST
@login_required
def new_recovery_codes(request):
    """Issue new recovery codes to a verified user; the old ones stop working."""
    if not request.user.is_verified():
        return redirect("accounts:verify")
    codes = issue_recovery_codes(request, request.user)
    return render(request, "accounts/recovery_codes.html", {"codes": codes, "next": "/"})


@require_POST
@login_required
def remove_device(request, kind: str, pk: int):
    """Remove one of a verified user's devices, never the last one when one is required."""
    user = request.user
    if not user.is_verified():
        return redirect("accounts:verify")
    devices = [d for d in devices_for_user(user, confirmed=True) if not isinstance(d, StaticDevice)]
    target = next((d for d in devices if d.pk == pk and d._meta.model_name == kind), None)
    if target is None:
        messages.error(request, _("Không tìm thấy phương thức này."))
    elif len(devices) == 1 and needs_second_factor(user):
        messages.error(
            request,
            _("Vai trò của anh/chị bắt buộc xác thực hai lớp: hãy thêm phương thức khác trước."),
        )
    else:
        target.delete()
        messages.success(request, _("Đã gỡ phương thức xác thực."))
    return redirect("accounts:security")


class ThrottledPasswordResetView(auth_views.PasswordResetView):
    """Send at most PASSWORD_RESET_LIMIT e-mails per address and per client each window.

    Past the limit the page answers exactly as before (so it tells nothing about which
    addresses exist) but sends nothing.
    """

    def form_valid(self, form):
        limit, window = settings.PASSWORD_RESET_LIMIT, settings.PASSWORD_RESET_WINDOW
        email = form.cleaned_data["email"].strip().lower()
        per_address = within(cache_key("pwreset:email", email), limit, window)
        per_client = within(
            cache_key("pwreset:client", client_address(self.request)), limit * 3, window
        )
        if per_address and per_client:
            return super().form_valid(form)
        return HttpResponseRedirect(self.get_success_url())
