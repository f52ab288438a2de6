"""Everyone's pages: log in and out, password, home, public receipt lookup.

Not namespaced: `login`, `logout`, `home`, `password_change` are the names that
settings.LOGIN_URL / LOGIN_REDIRECT_URL and Django's auth views expect.
"""

from django.contrib.auth import views as auth_views
from django.urls import path

from . import views

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
    path("tra-cuu/", views.receipt_lookup, name="receipt_lookup"),
]
