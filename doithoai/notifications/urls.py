from django.urls import path

from . import views

app_name = "notifications"
urlpatterns = [
    path("", views.list_view, name="list"),
    path("<int:pk>/da-doc/", views.read_view, name="read"),
    path("da-doc-tat-ca/", views.read_all_view, name="read_all"),
    path("ca-nhan/", views.profile_view, name="profile"),
    path("hoi-nghi/<int:pk>.ics", views.conference_ics_view, name="conference_ics"),
]
