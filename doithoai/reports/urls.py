from django.urls import path

from . import views, views_province

app_name = "reports"
urlpatterns = [
    path("", views.index, name="index"),
    path("kien-nghi.xlsx", views.petitions_xlsx, name="petitions_xlsx"),
    path("xuat/<uuid:job_id>/", views.export, name="export"),
    path("xuat/<uuid:job_id>/tai-ve/", views.export_download, name="export_download"),
    path("cap-duoi/", views_province.index, name="province_index"),
    path("bao-cao-gui/<int:pk>.docx", views_province.submission_docx, name="submission_docx"),
    path(
        "bao-cao-gui/<int:pk>/tiep-nhan/",
        views_province.review,
        {"decision": "accept"},
        name="submission_accept",
    ),
    path(
        "bao-cao-gui/<int:pk>/tra-lai/",
        views_province.review,
        {"decision": "return"},
        name="submission_return",
    ),
    path("<slug:code>/", views.dashboard, name="dashboard"),
    path("<slug:code>/tong-hop/", views.rollup, name="rollup"),
    path("<slug:code>/tinh/", views_province.province, name="province"),
    path("<slug:code>/tinh.xlsx", views_province.province_xlsx, name="province_xlsx"),
    path("<slug:code>/gui-bao-cao/", views.submit, name="submit"),
    path("<slug:code>/noi-dung-bao-cao/", views.report_text, name="report_text"),
    path("<slug:code>/so-lieu.xlsx", views.tables_xlsx, name="tables_xlsx"),
]
