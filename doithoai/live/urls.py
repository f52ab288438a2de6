"""The room's URLs: the short link `/hn/<id>/` printed under the QR code, and what hangs off it."""

from django.urls import path

from . import console, views

app_name = "live"

urlpatterns = [
    path("hn/<int:pk>/", views.join, name="join"),
    path("hn/<int:pk>/qr.svg", views.qr, name="qr"),
    path("hn/<int:pk>/dien-thoai/", views.phone, name="phone"),
    path("hn/<int:pk>/dien-thoai/trang-thai/", views.phone_state, name="phone_state"),
    path("hn/<int:pk>/kien-nghi/", views.raise_petition, name="raise"),
    path("hn/<int:pk>/phat-bieu/", views.speak, name="speak"),
    path("hn/<int:pk>/ung-ho/<int:item_pk>/", views.support, name="support"),
    path("hn/<int:pk>/may-chieu/", views.projector, name="projector"),
    path("hn/<int:pk>/may-chieu/trang-thai/", views.projector_state, name="projector_state"),
    path("hn/<int:pk>/dieu-hanh/", console.console_state, name="console"),
    path("hn/<int:pk>/dieu-hanh/nhan/<int:floor_pk>/", console.accept, name="accept"),
    path("hn/<int:pk>/dieu-hanh/khong-nhan/<int:floor_pk>/", console.decline, name="decline"),
    path("hn/<int:pk>/dieu-hanh/xong/<int:speaking_pk>/", console.clear, name="clear"),
    path("hn/<int:pk>/dieu-hanh/hien-tai/", console.move, name="move"),
    path("hn/<int:pk>/dieu-hanh/diem-danh/", console.correct, name="correct"),
]
