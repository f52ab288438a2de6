"""Page helpers: running an action from a view, pagination and htmx partials (who may open a page: `organizations.pages`)."""

from functools import cached_property

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


COUNT_CAP = 1000


MAX_PAGE = 1_000_000  # no list has this many pages; a larger number means the last page


class CappedPaginator(Paginator):
    """Count at most COUNT_CAP rows (or a page past the one asked for), not every match.

    A search over a national agency may match tens of thousands of rows; counting them all
    costs more than the page itself. Past the cap, `capped` is true and the page shows
    "more than 1,000"; the next page stays reachable.
    """

    def __init__(self, object_list, per_page, *, wanted_page: int = 1, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.limit = max(COUNT_CAP, wanted_page * per_page)
        self.capped = False

    @cached_property
    def count(self):
        """Return the number of rows up to the limit (one bounded COUNT query)."""
        n = self.object_list.order_by()[: self.limit + 1].count()
        self.capped = n > self.limit
        return min(n, self.limit + 1) if self.capped else n

    @property
    def cap(self) -> int:
        """Return how many rows were counted: the page says "more than" that."""
        return self.limit


def paginate(request, queryset, per_page: int = PAGE_SIZE, *, capped: bool = False):
    """Return one page of `queryset` (bounded size; a bad page number gives the last page).

    With `capped`, the total is counted only up to COUNT_CAP (see CappedPaginator).
    """
    number = request.GET.get("page")
    if not capped:
        return Paginator(queryset, per_page).get_page(number)
    # A typed page number past any real list must not become a LIMIT the database refuses.
    wanted = min(int(number), MAX_PAGE) if str(number or "").isdigit() else 1
    return CappedPaginator(queryset, per_page, wanted_page=wanted).get_page(number)


def render_htmx(request, template: str, partial: str, context: dict, **kwargs):
    """Render the whole page, or only its named partial when htmx asks for it."""
    name = partial if getattr(request, "htmx", False) else template
    return render(request, name, context, **kwargs)
