from django.urls import path

from . import views

app_name = "deadlines"
urlpatterns = [
    path("", views.board_view, name="board"),
    path("tinh-lai/", views.recompute_view, name="recompute"),
    path("<int:pk>/cach-tinh/", views.computation_view, name="computation"),
    path("quy-dinh/", views.rules_view, name="rules"),
]
