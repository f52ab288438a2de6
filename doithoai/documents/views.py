"""Download views: `van-ban/<kind>/<id>.<docx|pdf>` and the periodic report of an agency."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.http import Http404, HttpResponse
from django.views.decorators.http import require_GET

from doithoai.core.errors import PermissionRefused, ValidationFailed

from . import service
from .pdf import ConversionFailed

URL_KINDS = {
    "ke-hoach": "plan",
    "giay-moi": "invitation",
    "tong-hop": "compilation",
    "bien-ban": "minutes",
    "thong-bao": "notice",
}


def _send(request, kind, key, fmt, **extra):
    try:
        obj = service.load(kind, key)
        rendered = service.render(kind, obj, fmt, user=request.user, **extra)
    except ObjectDoesNotExist as exc:
        raise Http404 from exc
    except PermissionRefused as exc:
        raise PermissionDenied(str(exc.message)) from exc
    except ValidationFailed as exc:
        return HttpResponse(str(exc.message), status=400, content_type="text/plain; charset=utf-8")
    except ConversionFailed as exc:
        return HttpResponse(str(exc.message), status=503, content_type="text/plain; charset=utf-8")
    response = HttpResponse(rendered.content, content_type=rendered.content_type)
    response["Content-Disposition"] = f'attachment; filename="{rendered.filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


@require_GET
@login_required
def download(request, kind, pk, fmt):
    """Send a plan, invitation, compiled list, minutes or notice as DOCX or PDF."""
    if kind not in URL_KINDS:
        raise Http404
    return _send(request, URL_KINDS[kind], pk, fmt)


@require_GET
@login_required
def report(request, code, year, fmt, half=None):
    """Send the semi-annual (half 1 or 2) or annual report of the agency `code`."""
    return _send(request, "report", code, fmt, year=year, half=half)


@require_GET
@login_required
def consolidated(request, code, year, fmt, half=None):
    """Send the province office's consolidated report from the reports it accepted."""
    return _send(request, "consolidated", code, fmt, year=year, half=half)
