"""The site's URLs: each app mounts its own."""

from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path

from doithoai.conferences import urls as conference_urls
from doithoai.followups import urls as followup_urls

urlpatterns = [
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/", include("doithoai.api.urls")),
    path("thoi-han/", include("doithoai.deadlines.urls")),
    path("thong-bao/", include("doithoai.notifications.urls")),
    path("kien-nghi/", include("doithoai.petitions.urls")),
    # The conference pages: the workspace (conferences) and its running order (followups).
    path(
        "hoi-nghi/",
        include((conference_urls.urlpatterns + followup_urls.session_patterns, "conferences")),
    ),
    path("xu-ly/", include("doithoai.followups.urls")),
    path("to-chuc/", include("doithoai.organizations.urls")),
    path("van-ban/", include("doithoai.documents.urls")),
    path("ky-so/", include("doithoai.signing.urls")),
    path("thong-ke/", include("doithoai.reports.urls")),
    path("", include("doithoai.live.urls")),
    path("giam-sat/", include("doithoai.oversight.urls")),
    path("", include("doithoai.accounts.urls")),
    path("", include("doithoai.portal.urls")),
]
if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

handler400 = "doithoai.portal.error_pages.bad_request"
handler404 = "doithoai.portal.error_pages.page_not_found"
handler500 = "doithoai.portal.error_pages.server_error"
