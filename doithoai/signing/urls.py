from django.urls import path

from . import views, views_images

app_name = "signing"
urlpatterns = [
    path("kiem-tra/", views.verify, name="verify"),
    path("chu-ky-cua-toi/", views_images.my_signature, name="my_signature"),
    path("con-dau/<slug:code>/", views_images.agency_seal, name="agency_seal"),
    path("ban-ky/<int:pk>.pdf", views.download, name="download"),
    path("chuan-bi/<int:pk>.pdf", views.prepared_file, name="prepared"),
    path("chuan-bi/<int:pk>/tai-len/", views.upload, name="upload"),
    path("<slug:slug>/<int:pk>/", views.document, name="document"),
    path("<slug:slug>/<int:pk>/ky/", views.sign, name="sign"),
    path("<slug:slug>/<int:pk>/chuan-bi/", views.prepare, name="prepare"),
    path("<slug:slug>/<int:pk>/dong-dau/", views.seal, name="seal"),
]
