"""One entry point for every document: find the record, check the permission, build, convert.

Used by the download views and by `doithoai document`.
"""

from dataclasses import dataclass, field

import rules
from django.core.cache import cache
from django.utils.translation import gettext as _

from doithoai.conferences.models import ConclusionNotice, Conference, DialoguePlan
from doithoai.core.errors import PermissionRefused, ValidationFailed
from doithoai.core.lazy import lazy_module
from doithoai.organizations.models import Agency

from .pdf import docx_to_pdf

# The builders write Word documents with python-docx: loaded by the first document a worker
# builds, not by every worker at start (see core.lazy).
_meeting = lazy_module("doithoai.documents.meeting")
_notice = lazy_module("doithoai.documents.notice")
_plan = lazy_module("doithoai.documents.plan")
_report = lazy_module("doithoai.documents.report")

KINDS = ("plan", "invitation", "compilation", "minutes", "notice", "report", "consolidated")
CONTENT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}


@dataclass
class Rendered:
    """A built document ready to send: bytes, file name and content type."""

    content: bytes
    filename: str
    content_type: str
    headers: dict = field(default_factory=dict)


def load(kind: str, key, *, year=None, half=None):
    """Return the record a document is built from (for a report: the agency by code or id)."""
    if kind not in KINDS:
        raise ValidationFailed(_("Loại văn bản không hợp lệ."), field="kind")
    if kind == "plan":
        return DialoguePlan.objects.select_related("agency", "signer").get(pk=key)
    if kind == "notice":
        return ConclusionNotice.objects.select_related(
            "agency", "signer", "conference__agency", "conference__chair", "conference__plan"
        ).get(pk=key)
    if kind in ("report", "consolidated"):
        lookup = {"pk": key} if str(key).isdigit() else {"code": key}
        return Agency.objects.get(**lookup)
    return Conference.objects.select_related("agency", "chair", "plan").get(pk=key)


def check(user, kind: str, obj) -> None:
    """Refuse unless `user` may download the document (None: a trusted command-line caller)."""
    if user is None:
        return
    conference_kinds = ("invitation", "compilation", "minutes")
    if kind in conference_kinds and not Conference.objects.visible_to(user).filter(pk=obj.pk):
        raise PermissionRefused()
    if not rules.has_perm(f"documents.download_{kind}", user, obj):
        raise PermissionRefused()


def build(kind: str, obj, *, year=None, half=None):
    """Build the document of `kind` for `obj` and return the OfficialDocument."""
    if kind == "plan":
        return _plan.build_plan(obj)
    if kind == "invitation":
        return _meeting.build_invitation(obj)
    if kind == "compilation":
        return _meeting.build_compilation(obj)
    if kind == "minutes":
        return _meeting.build_minutes(obj)
    if kind == "notice":
        return _notice.build_notice(obj)
    if year is None:
        raise ValidationFailed(_("Chọn năm báo cáo."), field="year")
    if kind == "consolidated":
        from .consolidated import build_consolidated

        return build_consolidated(obj, int(year), half)
    if half not in (None, 1, 2):
        raise ValidationFailed(_("Kỳ báo cáo là 6 tháng đầu (1), cuối (2) hoặc cả năm."), "half")
    return _report.build_report(obj, int(year), half)


def filename(kind: str, obj, fmt: str, *, year=None, half=None) -> str:
    """Return an ASCII file name such as `KH-09-VPUBND-2018.docx`."""
    if kind == "plan":
        stem = f"ke-hoach-{obj.agency.code}-{obj.year}"
    elif kind == "notice":
        stem = f"thong-bao-ket-luan-{obj.agency.code}-{obj.conference_id}"
    elif kind in ("report", "consolidated"):
        prefix = "bao-cao" if kind == "report" else "bao-cao-tong-hop"
        stem = f"{prefix}-{obj.code}-{year}" + (f"-6thang{half}" if half else "")
    else:
        names = {
            "invitation": "giay-moi",
            "compilation": "tong-hop-kien-nghi",
            "minutes": "bien-ban",
        }
        stem = f"{names[kind]}-{obj.agency.code}-{obj.pk}"
    return f"{stem}.{fmt}"


def render(kind: str, obj, fmt: str = "docx", *, user=None, year=None, half=None) -> Rendered:
    """Check, build and (for `pdf`) convert a document."""
    if fmt not in CONTENT_TYPES:
        raise ValidationFailed(_("Định dạng chỉ có thể là docx hoặc pdf."), field="format")
    check(user, kind, obj)
    key = _report_cache_key(obj, fmt, year, half) if kind == "report" else None
    content = cache.get(key) if key else None
    if content is None:
        content = build(kind, obj, year=year, half=half).to_bytes()
        if fmt == "pdf":
            content = docx_to_pdf(content)
        if key:
            cache.set(key, content, REPORT_CACHE_SECONDS)
    return Rendered(content, filename(kind, obj, fmt, year=year, half=half), CONTENT_TYPES[fmt])


REPORT_CACHE_SECONDS = 3600

# Where a signed original of a document is found: the signing app, a layer above, registers a
# function (kind, obj, year=, half=) -> Rendered | None when it starts.
_signed_sources = []


def register_signed_source(find) -> None:
    """Add a function that returns the latest signed original of a document, or None."""
    if find not in _signed_sources:
        _signed_sources.append(find)


def signed_original(kind: str, obj, *, user=None, year=None, half=None) -> Rendered | None:
    """Return the latest signed PDF of the document, if one was stored (after the check)."""
    check(user, kind, obj)
    for find in _signed_sources:
        found = find(kind, obj, year=year, half=half)
        if found is not None:
            return found
    return None


def _report_cache_key(agency, fmt, year, half) -> str | None:
    """Return a cache key for a report built from a fresh stored summary, else None.

    The key holds the summary's version, which every action concerning the agency bumps
    (see `reports.summaries`), and the day: any change, or a new day, gives a new key.
    """
    from django.utils.translation import get_language

    from doithoai.reports.summaries import fresh_version

    version = fresh_version(agency, int(year), half)
    if version is None:
        return None
    return f"doithoai:report:{agency.pk}:{year}:{half or 0}:{version}:{get_language()}:{fmt}"
