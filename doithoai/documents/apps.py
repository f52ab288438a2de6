from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "doithoai.documents"
    label = "documents"
    verbose_name = _("Văn bản")

    def ready(self):
        from doithoai.reports.actions import DOCUMENT_RENDERERS

        def render_report(agency, year, half, summary) -> bytes:
            """Build the report DOCX as it is sent up (frozen in the submission)."""
            from .report import build_report

            return build_report(agency, year, half, summary=summary).to_bytes()

        if not DOCUMENT_RENDERERS:
            DOCUMENT_RENDERERS.append(render_report)
