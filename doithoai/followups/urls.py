"""Follow-up pages: unit assignments, reports, extensions, the head's decisions."""

from django.urls import path

from . import views, views_extensions, views_session
from . import views_secretariat as sec

app_name = "followups"
urlpatterns = [
    # The secretariat's follow-up and publication; the published list everyone reads
    path("don-doc/", sec.followup, name="followup"),
    path("don-doc/<int:pk>/", sec.urge, name="urge"),
    path("cong-bo/", sec.publish, name="publish"),
    path("cong-bo/tra-loi/<int:pk>/", sec.publish_answer, name="publish_answer"),
    path("cong-bo/thong-bao/<int:pk>/", sec.publish_notice, name="publish_notice"),
    path("cong-khai/", sec.published, name="published"),
    path("don-vi/", views.unit_assignments, name="unit"),
    path("cho-quyet-dinh/", views.decisions, name="decisions"),
    path("<int:pk>/", views.assignment, name="assignment"),
    path("<int:pk>/bao-cao/", views.report, name="report"),
    path("<int:pk>/gia-han/", views.extend, name="extend"),
    path("<int:pk>/chap-nhan/", views.accept, name="accept"),
    path("<int:pk>/tra-lai/", views.return_view, name="return"),
    path("tep/<int:pk>/", views.attachment, name="attachment"),
    path("gia-han/", views_extensions.pending, name="extensions"),
    path("gia-han/<int:pk>/dong-y/", views_extensions.approve, name="approve_extension"),
    path("gia-han/<int:pk>/khong-dong-y/", views_extensions.refuse, name="refuse_extension"),
]

# The running order of a conference: served under the conference's URLs and namespace
# (`conferences:item`, …), composed with `conferences.urls` in doithoai/urls.py.
session_patterns = [
    path("<int:pk>/tai-hoi-nghi/", views_session.floor, name="floor"),
    path("<int:pk>/muc/<int:item_pk>/", views_session.item, name="item"),
    path("<int:pk>/muc/<int:item_pk>/phat-bieu/", views_session.statement, name="statement"),
    path("<int:pk>/muc/<int:item_pk>/giai-dap/", views_session.answer, name="answer"),
    path("<int:pk>/muc/<int:item_pk>/cam-ket/", views_session.commit, name="commit"),
    path("<int:pk>/muc/<int:item_pk>/giao/", views_session.assign, name="assign"),
]
