"""`{% document_links obj %}`: the downloads a page may offer for a plan, conference or notice."""

import rules
from django import template
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from doithoai.conferences.models import ConclusionNotice, Conference, DialoguePlan

register = template.Library()

CONFERENCE_DOCS = [
    ("giay-moi", "invitation", _("Giấy mời")),
    ("tong-hop", "compilation", _("Tổng hợp kiến nghị")),
    ("bien-ban", "minutes", _("Biên bản")),
]


def _links(slug, kind, label, pk):
    return {
        "label": label,
        "kind": kind,
        "docx": reverse("documents:download", kwargs={"kind": slug, "pk": pk, "fmt": "docx"}),
        "pdf": reverse("documents:download", kwargs={"kind": slug, "pk": pk, "fmt": "pdf"}),
    }


@register.inclusion_tag("documents/links.html", takes_context=True)
def document_links(context, obj):
    """List the documents of `obj` the current user may download (DOCX and PDF)."""
    user = context["request"].user
    items = []
    if isinstance(obj, DialoguePlan):
        if rules.has_perm("documents.download_plan", user, obj):
            items.append(_links("ke-hoach", "plan", _("Kế hoạch"), obj.pk))
    elif isinstance(obj, Conference):
        for slug, kind, label in CONFERENCE_DOCS:
            if rules.has_perm(f"documents.download_{kind}", user, obj):
                items.append(_links(slug, kind, label, obj.pk))
        notice = ConclusionNotice.objects.filter(conference=obj).first()
        if notice and rules.has_perm("documents.download_notice", user, notice):
            items.append(_links("thong-bao", "notice", _("Thông báo kết luận"), notice.pk))
    elif isinstance(obj, ConclusionNotice) and rules.has_perm(
        "documents.download_notice", user, obj
    ):
        items.append(_links("thong-bao", "notice", _("Thông báo kết luận"), obj.pk))
    return {"items": items}
