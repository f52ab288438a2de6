"""The conference workspace: plans, conferences, running order, conclusion notice."""

from django.urls import path

from . import views, views_session

app_name = "conferences"
urlpatterns = [
    path("", views.conference_list, name="list"),
    path("ke-hoach/", views.plans, name="plans"),
    path("ke-hoach/lap/", views.plan_create, name="plan_create"),
    path("ke-hoach/<int:pk>/ban-hanh/", views.plan_issue, name="plan_issue"),
    path("moi/", views.conference_create, name="create"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/uy-quyen/", views.delegate, name="delegate"),
    path("uy-quyen/<int:pk>/thu-hoi/", views.revoke, name="revoke"),
    path("<int:pk>/huy/", views.cancel, name="cancel"),
    path("<int:pk>/khai-mac/", views.open_view, name="open"),
    path("<int:pk>/be-mac/", views.close, name="close"),
    path("<int:pk>/thong-bao/du-thao/", views.notice_draft, name="notice_draft"),
    path("<int:pk>/thong-bao/ban-hanh/", views.notice_issue, name="notice_issue"),
    path("<int:pk>/tai-hoi-nghi/", views_session.floor, name="floor"),
    path("<int:pk>/muc/<int:item_pk>/", views_session.item, name="item"),
    path("<int:pk>/muc/<int:item_pk>/phat-bieu/", views_session.statement, name="statement"),
    path("<int:pk>/muc/<int:item_pk>/giai-dap/", views_session.answer, name="answer"),
    path("<int:pk>/muc/<int:item_pk>/cam-ket/", views_session.commit, name="commit"),
    path("<int:pk>/muc/<int:item_pk>/giao/", views_session.assign, name="assign"),
]
