"""Petition pages: staff (submit, follow, feedback, representatives) and the secretariat."""

from django.urls import path

from . import views
from . import views_secretariat as sec

app_name = "petitions"
urlpatterns = [
    # Staff
    path("gui/", views.submit, name="submit"),
    path("gui/ma-tiep-nhan/", views.receipt, name="receipt"),
    path("cua-toi/", views.mine, name="mine"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/ung-ho/", views.support, name="support"),
    path("<int:pk>/phan-hoi/", views.feedback, name="feedback"),
    path("<int:pk>/rut/", views.withdraw, name="withdraw"),
    path("tep/<int:pk>/", views.attachment, name="attachment"),
    path("uy-quyen/", views.authorize, name="authorize"),
    path("dai-dien/", views.represented, name="represented"),
    path("dai-dien/<int:pk>/da-thong-bao/", views.confirm_informed, name="confirm_informed"),
    # Secretariat
    path("tiep-nhan/", sec.inbox, name="inbox"),
    path("tiep-nhan/ghi-nhan/", sec.record, name="record"),
    path("<int:pk>/xu-ly/", sec.manage, name="manage"),
    path("<int:pk>/phan-loai/", sec.receive, name="receive"),
    path("<int:pk>/gop/", sec.merge, name="merge"),
    path("<int:pk>/tu-choi/", sec.reject, name="reject"),
    path("<int:pk>/chuyen/", sec.transfer, name="transfer"),
]
