"""Everyone's pages: log in and out, password, home, public receipt lookup.

Not namespaced: `login`, `logout`, `home`, `password_change` are the names that
settings.LOGIN_URL / LOGIN_REDIRECT_URL and Django's auth views expect.
"""

from django.contrib.auth import views as auth_views
from django.urls import path

from . import views
from .auth import FirstLoginResetForm

urlpatterns = [
    path("", views.home, name="home"),
    path("dang-nhap/", views.LoginView.as_view(), name="login"),
    path("dang-xuat/", auth_views.LogoutView.as_view(), name="logout"),
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
    # link by e-mail, Django's own token views with our templates.
    path(
        "quen-mat-khau/",
        auth_views.PasswordResetView.as_view(
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
    path("tra-cuu/", views.receipt_lookup, name="receipt_lookup"),
]
