"""The agency administrator's pages, and the installation administrator's (he-thong/)."""

from django.urls import path

from . import views, views_site

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
    # The installation administrator's (a superuser's) pages.
    path("he-thong/co-quan/", views_site.agencies, name="site_agencies"),
    path("he-thong/co-quan/them/", views_site.onboard, name="site_onboard"),
    path("he-thong/to-chuc-lai/", views_site.reorganise_page, name="site_reorganise"),
    path("he-thong/nhap-co-quan/", views_site.import_start, name="site_import"),
    path("he-thong/nhap-co-quan/mau.xlsx", views_site.import_template, name="site_import_template"),
    path("he-thong/nhap-co-quan/<slug:job>/", views_site.import_job, name="site_import_job"),
    path("he-thong/nhap-co-quan/<slug:job>/tiep/", views_site.import_step, name="site_import_step"),
]
