"""Interactive API docs served entirely from this site (Swagger UI vendored, no CDN)."""

import json

from django.shortcuts import render
from django.urls import reverse
from ninja.openapi.docs import DocsBase


class OfflineSwagger(DocsBase):
    """Render Swagger UI from `static/api/swagger/`, so the docs work without internet."""

    template = "api/docs.html"

    def get_openapi_url(self, api, path_params) -> str:
        return reverse(f"{api.urls_namespace}:openapi-json", kwargs=path_params)

    def render_page(self, request, api, **kwargs):
        settings = {
            "url": self.get_openapi_url(api, kwargs),
            "dom_id": "#swagger-ui",
            "deepLinking": True,
            "persistAuthorization": False,
        }
        context = {"api": api, "swagger_settings": json.dumps(settings)}
        return render(request, self.template, context)
