from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "doithoai.documents"
    label = "documents"
    verbose_name = _("Văn bản")

    def ready(self):
        from doithoai.reports.actions import DOCUMENT_RENDERERS

        def render_report(agency, year, half, summary) -> tuple[bytes, dict]:
            """Build the report DOCX as it is sent up (frozen in the submission), with the
            signature block and the number line it prints (who signs this very version)."""
            from .report import build_report

            doc = build_report(agency, year, half, summary=summary)
            block = doc.signatures[-1] if doc.signatures else None
            signature = {"number_symbol": doc.header.number_symbol}
            if block is not None:
                signature |= {
                    "lines": list(block.lines),
                    "name": block.name,
                    "user": getattr(block.user, "pk", None),
                }
            return doc.to_bytes(), signature

        if not DOCUMENT_RENDERERS:
            DOCUMENT_RENDERERS.append(render_report)
