"""The agency administrator's pages."""

from django.urls import path

from . import views

app_name = "organizations"
urlpatterns = [
    path("", views.home, name="home"),
    path("don-vi/", views.units, name="units"),
    path("don-vi/them/", views.unit_add, name="unit_add"),
    path("nguoi-dung/", views.members, name="members"),
    path("nguoi-dung/them/", views.member_add, name="member_add"),
    path("nguoi-dung/<int:pk>/", views.member_edit, name="member_edit"),
    path("nhap-danh-sach/", views.import_start, name="import"),
    path("nhap-danh-sach/<slug:job>/", views.import_job, name="import_job"),
    path("nhap-danh-sach/<slug:job>/tiep/", views.import_step, name="import_step"),
    path("nhat-ky-dang-nhap/", views.access_log, name="access_log"),
]
