"""Everyone's pages: home, public receipt lookup (log-in pages: doithoai.accounts)."""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.home, name="home"),
    path("tra-cuu/", views.receipt_lookup, name="receipt_lookup"),
]
