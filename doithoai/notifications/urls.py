from django.urls import path

from . import views, views_webhooks

app_name = "notifications"
urlpatterns = [
    path("", views.list_view, name="list"),
    path("<int:pk>/da-doc/", views.read_view, name="read"),
    path("da-doc-tat-ca/", views.read_all_view, name="read_all"),
    path("ca-nhan/", views.profile_view, name="profile"),
    path("webhook/", views_webhooks.webhook_list, name="webhooks"),
    path("webhook/dang-ky/", views_webhooks.webhook_create, name="webhook_create"),
    path("webhook/<int:pk>/gui-lai/", views_webhooks.webhook_resend, name="webhook_resend"),
    path("hoi-nghi/<int:pk>.ics", views.conference_ics_view, name="conference_ics"),
]
