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
    path("cong-khai/", views.published, name="published"),
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
    path("<int:pk>/rut-khoi-hoi-nghi/", sec.unschedule, name="unschedule"),
    path("dua-vao-hoi-nghi/", sec.schedule, name="schedule"),
    path("tong-hop/", sec.compilations, name="compilations"),
    path("tong-hop/<int:pk>/", sec.compilation, name="compilation"),
    path("tong-hop/<int:pk>/gui/", sec.send_compilation, name="send_compilation"),
    path("don-doc/", sec.followup, name="followup"),
    path("don-doc/<int:pk>/", sec.urge, name="urge"),
    path("cong-bo/", sec.publish, name="publish"),
    path("cong-bo/tra-loi/<int:pk>/", sec.publish_answer, name="publish_answer"),
    path("cong-bo/thong-bao/<int:pk>/", sec.publish_notice, name="publish_notice"),
]
