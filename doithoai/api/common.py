"""Helpers the endpoints share: paging, lookups the caller may see, stale-edit checks."""

import hashlib
import math

from django.utils.translation import gettext as _
from ninja import Field

from doithoai.core.errors import Conflict, ValidationFailed

from .errors import not_found
from .schemas import CleanText

MAX_PAGE_SIZE = 100


class PageQuery(CleanText):
    page: int = Field(1, ge=1, le=100000)
    page_size: int = Field(25, ge=1, le=MAX_PAGE_SIZE)


def paginate(queryset, page: int, page_size: int) -> tuple[list, dict]:
    """Return one page of rows and the paging figures (two queries: count, rows)."""
    count = queryset.count()
    start = (page - 1) * page_size
    rows = list(queryset[start : start + page_size]) if start < count else []
    meta = {
        "count": count,
        "page": page,
        "page_size": page_size,
        "pages": math.ceil(count / page_size) if count else 0,
    }
    return rows, meta


def visible_or_404(queryset, pk: int):
    """Return the row `pk` of a visible-to-user queryset, or refuse with 404."""
    obj = queryset.filter(pk=pk).first()
    if obj is None:
        raise not_found()
    return obj


def in_agency(model, pk, agency, field: str, *, queryset=None):
    """Return the row `pk` of `model` belonging to `agency`, or None when `pk` is None."""
    if pk is None:
        return None
    rows = queryset if queryset is not None else model.objects.all()
    obj = rows.filter(pk=pk, agency=agency).first()
    if obj is None:
        raise ValidationFailed(_("Không tìm thấy dữ liệu được chọn."), field=field)
    return obj


def member_user(pk, agency, field: str):
    """Return the user `pk` when they work in `agency`, or None when `pk` is None."""
    if pk is None:
        return None
    from django.contrib.auth import get_user_model

    user = (
        get_user_model()
        .objects.filter(pk=pk, memberships__agency=agency, memberships__is_active=True)
        .first()
    )
    if user is None:
        raise ValidationFailed(_("Người được chọn không thuộc cơ quan."), field=field)
    return user


def etag_of(obj) -> str:
    """A weak validator of a row's current version, from its last change."""
    stamp = getattr(obj, "updated_at", None) or getattr(obj, "status", "")
    raw = f"{obj._meta.label_lower}:{obj.pk}:{stamp}:{getattr(obj, 'status', '')}"
    return '"' + hashlib.sha256(raw.encode()).hexdigest()[:20] + '"'


def check_if_match(request, obj) -> None:
    """Refuse with 409 `stale_edit` when `If-Match` names a version that is no longer current."""
    expected = (request.headers.get("If-Match") or "").strip()
    if expected and expected != "*" and expected != etag_of(obj):
        raise Conflict(
            _("Dữ liệu đã được người khác thay đổi; vui lòng tải lại rồi thử lại."),
            field="If-Match",
            code="stale_edit",
        )
