"""The product's URLs plus the floor: a bare Django view through the same middleware."""

from django.http import HttpResponse
from django.urls import include, path


def floor(request):
    """Return a few bytes: what the framework costs with no query and no template."""
    return HttpResponse(b"ok", content_type="text/plain")


urlpatterns = [
    path("__bench__/floor/", floor),
    path("", include("doithoai.urls")),
]
