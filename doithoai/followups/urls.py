"""Follow-up pages: unit assignments, reports, extensions, the head's decisions."""

from django.urls import path

from . import views

app_name = "followups"
urlpatterns = [
    path("don-vi/", views.unit_assignments, name="unit"),
    path("cho-quyet-dinh/", views.decisions, name="decisions"),
    path("<int:pk>/", views.assignment, name="assignment"),
    path("<int:pk>/bao-cao/", views.report, name="report"),
    path("<int:pk>/gia-han/", views.extend, name="extend"),
    path("<int:pk>/chap-nhan/", views.accept, name="accept"),
    path("<int:pk>/tra-lai/", views.return_view, name="return"),
    path("tep/<int:pk>/", views.attachment, name="attachment"),
]
