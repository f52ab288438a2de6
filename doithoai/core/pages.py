"""Page helpers: running an action from a view, pagination and htmx partials (who may open a page: `organizations.pages`)."""

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import render

from .errors import ActionError, PermissionRefused

PAGE_SIZE = 25


def run(call):
    """Run an action; a permission refusal becomes a 403, other refusals are returned.

    Return `(result, None)` on success and `(None, error)` when the action refused.
    """
    try:
        return call(), None
    except PermissionRefused as exc:
        raise PermissionDenied(str(exc.message)) from exc
    except ActionError as exc:
        return None, exc


def paginate(request, queryset, per_page: int = PAGE_SIZE):
    """Return one page of `queryset` (bounded size; a bad page number gives the last page)."""
    return Paginator(queryset, per_page).get_page(request.GET.get("page"))


def render_htmx(request, template: str, partial: str, context: dict, **kwargs):
    """Render the whole page, or only its named partial when htmx asks for it."""
    name = partial if getattr(request, "htmx", False) else template
    return render(request, name, context, **kwargs)
