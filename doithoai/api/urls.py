"""`/api/`: the versioned JSON API under `v1/` and the page for personal API tokens."""

from django.urls import include, path

from . import views
from .v1 import api as api_v1

token_patterns = [
    path("", views.tokens, name="tokens"),
    path("<int:token_id>/revoke/", views.revoke, name="token-revoke"),
]

# No app_name here: ninja names its own namespace ("api-v1"), and the token pages live in
# "api" (`api:tokens`), so that `reverse("api-v1:…")` works as ninja expects.
urlpatterns = [
    path("v1/", api_v1.urls),
    path("tokens/", include((token_patterns, "api"), namespace="api")),
]
