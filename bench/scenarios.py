"""The queries the pages and the API run, through the project's own code.

Each scenario is a callable that does what one request does for its data: load the user's
memberships (forgotten first, as a new request would), build the queryset with
`visible_to` and the shared `PetitionFilter`, take one page and serialise it the way the
API does (when the API's serialiser is importable), so that a per-row query shows up in
the query count.
"""

import importlib
import inspect
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils import timezone
from vocab import COMMON_QUERY, RARE_QUERY

from doithoai.organizations.access import forget
from doithoai.petitions.filters import PetitionFilter
from doithoai.petitions.models import Petition

PAGE = 20
DEEP_PAGE = 100
API_DEEP_PAGE = 1000


@dataclass
class Scenario:
    """One measured query, its target and its baseline."""

    name: str
    fn: object
    target_ms: float | None = None
    baseline: str = "noindex"  # "noindex": same query without index scans; "" none
    baseline_fn: object = None  # or a naive alternative
    baseline_name: str = ""
    note: str = ""
    group: str = "list"


def _serializers():
    """Return the API's list loader and row serialiser, or stand-ins doing the same joins."""
    try:
        from doithoai.api.serialize import petition_out, petitions_for_list

        return petitions_for_list, petition_out, "API serialiser"
    except Exception:  # noqa: BLE001 - the API may be absent or mid-change
        return (
            lambda qs: qs.select_related("topic", "submitter", "submitter_unit", "concerned_unit"),
            lambda p, user: p.pk,
            "select_related stand-in",
        )


LOAD, SERIALIZE, SERIALIZER_NOTE = _serializers()


def petitions(user, params: dict | None = None):
    """The visible, filtered, ordered queryset of the petition list."""
    forget(user)
    filterset = PetitionFilter(data=params or {}, queryset=Petition.objects.visible_to(user))
    if not filterset.is_valid():
        raise ValueError(f"invalid filter {params}: {filterset.errors}")
    return LOAD(filterset.qs.order_by("-submitted_at", "-id"))


def after(qs, cursor, *, sargable: bool = True):
    """Keyset: rows after `cursor` = (submitted_at, id) in (-submitted_at, -id) order.

    The redundant `submitted_at <= t` lets PostgreSQL start the index scan at the cursor;
    the OR alone is only a filter, so the scan would still walk every row before it.
    """
    t, pk = cursor
    condition = Q(submitted_at__lt=t) | Q(submitted_at=t, id__lt=pk)
    if sargable:
        condition &= Q(submitted_at__lte=t)
    return qs.filter(condition)


def page(user, params=None, cursor=None, sargable=True):
    """Return one serialised page (the callable measured)."""
    qs = petitions(user, params)
    if cursor is not None:
        qs = after(qs, cursor, sargable=sargable)
    return [SERIALIZE(p, user) for p in qs[:PAGE]]


def offset_page(user, number: int, params=None):
    """The naive alternative: OFFSET paging with a total count, as `api.common.paginate`."""
    qs = petitions(user, params)
    try:
        from doithoai.api.common import paginate

        rows, _meta = paginate(qs, number, PAGE)
    except Exception:  # noqa: BLE001
        qs.count()
        rows = list(qs[(number - 1) * PAGE : number * PAGE])
    return [SERIALIZE(p, user) for p in rows]


def api_page(user, number: int | None = None, cursor: str | None = None):
    """One page as the API serves it: `api.common.paginate`, by number or by signed cursor."""
    from doithoai.api.common import paginate

    rows, _meta = paginate(petitions(user), number or 1, PAGE, cursor)
    return [SERIALIZE(p, user) for p in rows]


def api_cursor_at(user, index: int) -> str | None:
    """The API's signed cursor of the `index`-th visible row (0-based), made once, untimed."""
    from doithoai.api.common import _cursor_of, _ordering

    qs = petitions(user)
    row = list(qs[index : index + 1])
    return _cursor_of(_ordering(qs), row[0]) if row else None


def cursor_at(user, params, index: int):
    """The (submitted_at, id) of the `index`-th visible row (0-based), read once, untimed."""
    row = petitions(user, params).values_list("submitted_at", "id")[index : index + 1]
    row = list(row)
    return row[0] if row else None


def _deadline_board():
    """Find `board` in doithoai.deadlines (module function or manager method)."""
    for module in ("queries", "board", "selectors", "services", "models", "views"):
        try:
            mod = importlib.import_module(f"doithoai.deadlines.{module}")
        except Exception:  # noqa: BLE001 - absent or mid-change
            continue
        fn = getattr(mod, "board", None)
        if callable(fn) and not inspect.isclass(fn):
            return fn, f"doithoai.deadlines.{module}.board"
        model = getattr(mod, "Deadline", None)
        manager_board = getattr(getattr(model, "objects", None), "board", None)
        if callable(manager_board):
            return manager_board, "Deadline.objects.board"
    return None, ""


def _call_board(fn, user, agency):
    """Call `board` with what its signature asks for, and evaluate the result."""
    kwargs = {}
    for name, param in inspect.signature(fn).parameters.items():
        if param.kind in (param.VAR_KEYWORD, param.VAR_POSITIONAL):
            continue
        if name in ("user", "by", "viewer"):
            kwargs[name] = user
        elif name in ("agency", "agencies"):
            kwargs[name] = agency if name == "agency" else [agency]
        elif name in ("today", "as_of", "on"):
            kwargs[name] = timezone.localdate()
        elif param.default is param.empty:
            raise TypeError(f"board() wants {name!r}, which the bench does not know")
    value = fn(**kwargs)
    if isinstance(value, dict):
        return list(value.get("rows", value))
    return list(value)


def build(manifest: dict, list_ms: float, summary_ms: float) -> tuple[list[Scenario], list[str]]:
    """Return the scenarios for the loaded data set, and notes on what was skipped."""
    from doithoai.followups.models import Assignment, AssignmentStatus
    from doithoai.organizations.models import Agency

    users = get_user_model().objects
    notes = [f"petition rows serialised with the {SERIALIZER_NOTE}"]
    largest = manifest["agencies"][str(manifest["largest"])]
    median = manifest["agencies"][str(manifest["median"])]
    sec = users.get(pk=largest["secretariat"])
    staff = users.get(pk=largest["staff"])
    leader = users.get(pk=largest["unit_leader"])
    sec_median = users.get(pk=median["secretariat"])
    agency = Agency.objects.get(pk=manifest["largest"])
    deep = cursor_at(sec, {}, DEEP_PAGE * PAGE - PAGE - 1)
    second = cursor_at(sec, {}, PAGE - 1)
    staff_deep = cursor_at(staff, {}, DEEP_PAGE * PAGE - PAGE - 1)
    # The API's own cursor as deep as the largest agency goes (page 1,000 at 20 rows needs
    # 20,000 petitions: the full scale's largest agency has them, the default nearly).
    api_deep_page = min(API_DEEP_PAGE, max(2, largest["petitions"] // PAGE - 1))
    api_deep = api_cursor_at(sec, api_deep_page * PAGE - PAGE - 1)
    T = list_ms
    out = [
        Scenario("secretariat page 1", lambda: page(sec), T),
        Scenario(
            "secretariat page 1, not serialised",
            lambda: list(petitions(sec)[:PAGE]),
            None,
            baseline="",
            note="informational: the same page without the API serialiser (Python cost)",
        ),
        Scenario("secretariat keyset page 2", lambda: page(sec, cursor=second), T),
        Scenario(
            f"secretariat keyset page {DEEP_PAGE}",
            lambda: page(sec, cursor=deep),
            T,
            baseline="alt",
            baseline_fn=lambda: offset_page(sec, DEEP_PAGE),
            baseline_name=f"OFFSET page {DEEP_PAGE} + count",
        ),
        Scenario(
            f"secretariat keyset p{DEEP_PAGE}, OR only",
            lambda: page(sec, cursor=deep, sargable=False),
            None,
            baseline="",
            note="informational: the keyset condition without the redundant <=",
        ),
        Scenario("secretariat API page 1", lambda: api_page(sec), T),
        Scenario(
            f"secretariat API cursor page {api_deep_page}",
            lambda: api_page(sec, cursor=api_deep),
            T,
            baseline="alt",
            baseline_fn=lambda: api_page(sec, number=api_deep_page),
            baseline_name=f"API page number {api_deep_page} (OFFSET + count)",
        ),
        Scenario("secretariat status=assigned", lambda: page(sec, {"status": ["assigned"]}), T),
        Scenario("secretariat topic", lambda: page(sec, {"topic": largest["topic"]}), T),
        Scenario(
            "secretariat status+topic",
            lambda: page(sec, {"status": ["received"], "topic": largest["topic"]}),
            T,
        ),
        Scenario("secretariat q common", lambda: page(sec, {"q": COMMON_QUERY}), T),
        Scenario("secretariat q rare", lambda: page(sec, {"q": RARE_QUERY}), T),
        Scenario("secretariat q code", lambda: page(sec, {"q": "KN-2025-0007"}), T),
        Scenario("staff page 1", lambda: page(staff), T),
        Scenario(
            f"staff keyset page {DEEP_PAGE}",
            lambda: page(staff, cursor=staff_deep),
            T,
            baseline="alt",
            baseline_fn=lambda: offset_page(staff, DEEP_PAGE),
            baseline_name=f"OFFSET page {DEEP_PAGE} + count",
        ),
        Scenario("staff q common", lambda: page(staff, {"q": COMMON_QUERY}), T),
        Scenario("unit leader petitions page 1", lambda: page(leader), T),
        Scenario("median agency secretariat p1", lambda: page(sec_median), T),
    ]
    if manifest.get("deadlines"):
        out.append(Scenario("secretariat overdue", lambda: page(sec, {"overdue": True}), T))
    else:
        notes.append("overdue filter skipped: no deadlines_deadline table yet")

    active = [AssignmentStatus.ASSIGNED, AssignmentStatus.RETURNED, AssignmentStatus.REPORTED]

    def assignments():
        forget(leader)
        qs = Assignment.objects.visible_to(leader).filter(status__in=active)
        return list(qs.select_related("petition", "unit").order_by("due_date", "id")[:PAGE])

    out.append(Scenario("unit leader assignments", assignments, T))

    board, where = _deadline_board()
    if board is None or not manifest.get("deadlines"):
        notes.append("deadline board skipped: no board() in doithoai.deadlines yet")
    else:
        try:
            _call_board(board, sec, agency)
            out.append(
                Scenario(
                    "deadline board (secretariat)",
                    lambda: _call_board(board, sec, agency),
                    T,
                    note=where,
                )
            )
        except Exception as exc:  # noqa: BLE001
            notes.append(f"deadline board skipped: {where} raised {exc!r}")

    try:
        from doithoai.reports import stats
    except Exception as exc:  # noqa: BLE001
        notes.append(f"report summary skipped: {exc!r}")
    else:
        year = timezone.localdate().year
        every = list(Agency.objects.all())
        out.append(
            Scenario(
                "report summary, largest agency",
                lambda: stats.summary(agency, year)["figures"],
                summary_ms,
                group="report",
            )
        )
        out.append(
            Scenario(
                f"report summary, {len(every)} agencies",
                lambda: stats.summary(every, year)["figures"],
                None,
                group="report",
                note="informational: a national roll-up",
            )
        )
        from doithoai.reports import summaries

        out.append(
            Scenario(
                "report summary, largest agency (stored)",
                lambda: summaries.summary(agency, year)["figures"],
                summary_ms,
                baseline="",
                group="report",
                note="reports.summaries: the stored summary, as the pages read it",
            )
        )
        out.append(
            Scenario(
                "report summary, every agency (stored)",
                lambda: summaries.summary(every, year)["figures"],
                None,
                baseline="",
                group="report",
                note="informational: the roll-up summed from stored summaries",
            )
        )
    return out, notes
