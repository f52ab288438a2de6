"""Log in and out, password, second factor.

Not namespaced for Django's names (`login`, `logout`, `password_change`, `password_reset…`)
that settings.LOGIN_URL and Django's auth views expect; the second factor's pages are
under `accounts:`.
"""

from django.contrib.auth import views as auth_views
from django.urls import include, path

from . import views
from .forms import FirstLoginResetForm

second_factor = (
    [
        path("", views.verify, name="verify"),
        path("dang-ky/", views.enrol, name="enrol"),
        path("bao-mat/", views.security, name="security"),
        path("bao-mat/ma-khoi-phuc/", views.new_recovery_codes, name="recovery_codes"),
        path("bao-mat/go/<str:kind>/<int:pk>/", views.remove_device, name="remove_device"),
    ],
    "accounts",
)

urlpatterns = [
    path("dang-nhap/", views.LoginView.as_view(), name="login"),
    path("dang-xuat/", auth_views.LogoutView.as_view(), name="logout"),
    path("xac-thuc/", include(second_factor)),
    path("xac-thuc/webauthn/", include("django_otp_webauthn.urls", namespace="otp_webauthn")),
    path(
        "doi-mat-khau/",
        auth_views.PasswordChangeView.as_view(template_name="registration/password_change.html"),
        name="password_change",
    ),
    path(
        "doi-mat-khau/xong/",
        auth_views.PasswordChangeDoneView.as_view(
            template_name="registration/password_change_done.html"
        ),
        name="password_change_done",
    ),
    # Forgotten password (and first log-in of people imported by the admin): a one-time
    # link by e-mail, Django's own token views with our templates, throttled.
    path(
        "quen-mat-khau/",
        views.ThrottledPasswordResetView.as_view(
            form_class=FirstLoginResetForm,
            template_name="registration/reset_form.html",
            email_template_name="registration/reset_email.txt",
            subject_template_name="registration/reset_subject.txt",
        ),
        name="password_reset",
    ),
    path(
        "quen-mat-khau/da-gui/",
        auth_views.PasswordResetDoneView.as_view(template_name="registration/reset_done.html"),
        name="password_reset_done",
    ),
    path(
        "dat-mat-khau/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            template_name="registration/reset_confirm.html"
        ),
        name="password_reset_confirm",
    ),
    path(
        "dat-mat-khau/xong/",
        auth_views.PasswordResetCompleteView.as_view(
            template_name="registration/reset_complete.html"
        ),
        name="password_reset_complete",
    ),
]
