"""The site's URLs: each app mounts its own."""

from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/", include("doithoai.api.urls")),
    path("lich/", include("doithoai.workdays.urls")),
    path("thoi-han/", include("doithoai.deadlines.urls")),
    path("thong-bao/", include("doithoai.notifications.urls")),
    path("kien-nghi/", include("doithoai.petitions.urls")),
    path("hoi-nghi/", include("doithoai.conferences.urls")),
    path("xu-ly/", include("doithoai.followups.urls")),
    path("to-chuc/", include("doithoai.organizations.urls")),
    path("van-ban/", include("doithoai.documents.urls")),
    path("thong-ke/", include("doithoai.reports.urls")),
    path("giam-sat/", include("doithoai.oversight.urls")),
    path("", include("doithoai.portal.urls")),
]
if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

handler400 = "doithoai.portal.error_pages.bad_request"
handler404 = "doithoai.portal.error_pages.page_not_found"
handler500 = "doithoai.portal.error_pages.server_error"
