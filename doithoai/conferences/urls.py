"""The conference workspace: plans, conferences, running order, conclusion notice."""

from django.urls import path

from . import views, views_compilation, views_minutes

app_name = "conferences"
urlpatterns = [
    # The secretariat's preparation: petitions onto a conference, the compiled list (rule 4)
    path("dua-vao/", views_compilation.schedule, name="schedule"),
    path("rut/<int:pk>/", views_compilation.unschedule, name="unschedule"),
    path("tong-hop/", views_compilation.compilations, name="compilations"),
    path("tong-hop/<int:pk>/", views_compilation.compilation, name="compilation"),
    path("tong-hop/<int:pk>/gui/", views_compilation.send_compilation, name="send_compilation"),
    path("", views.conference_list, name="list"),
    path("ke-hoach/", views.plans, name="plans"),
    path("ke-hoach/lap/", views.plan_create, name="plan_create"),
    path("ke-hoach/<int:pk>/ban-hanh/", views.plan_issue, name="plan_issue"),
    path("moi/", views.conference_create, name="create"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/uy-quyen/", views.delegate, name="delegate"),
    path("uy-quyen/<int:pk>/thu-hoi/", views.revoke, name="revoke"),
    path("<int:pk>/huy/", views.cancel, name="cancel"),
    path("<int:pk>/doi-lich/", views.reschedule, name="reschedule"),
    path("<int:pk>/khai-mac/", views.open_view, name="open"),
    path("<int:pk>/be-mac/", views.close, name="close"),
    path("<int:pk>/bien-ban/", views_minutes.minutes, name="minutes"),
    path("<int:pk>/bien-ban/dinh-chinh/", views_minutes.correct, name="correct_minutes"),
    path("<int:pk>/thong-bao/du-thao/", views.notice_draft, name="notice_draft"),
    path("<int:pk>/thong-bao/ban-hanh/", views.notice_issue, name="notice_issue"),
]
