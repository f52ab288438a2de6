"""The inspection board's pages; recording an observation is its only write."""

from django.urls import path

from . import views

app_name = "oversight"
urlpatterns = [
    path("", views.home, name="home"),
    path("kien-nghi/", views.petitions, name="petitions"),
    path("kien-nghi/<int:pk>/", views.petition, name="petition"),
    path("hoi-nghi/", views.conferences, name="conferences"),
    path("hoi-nghi/<int:pk>/", views.conference, name="conference"),
    path("giao-xu-ly/", views.assignments, name="assignments"),
    path("y-kien/", views.observations, name="observations"),
    path("y-kien/ghi/", views.observation_create, name="observation_create"),
    path("y-kien/<int:pk>/tra-loi/", views.observation_answer, name="observation_answer"),
]
