"""An import job: a sheet's rows kept in the uploader's session, imported a few rows per step.

The page shows a progress bar that asks for the next step (htmx, or a button without
JavaScript) until every row is done, then the per-row report. The people import of an
agency's administrator and the agency import of the installation administrator both run on
it; each names its `kind`, the `scope` it belongs to (the agency, or the whole site) and the
function that imports one row, returning None or {row, column, message}.
"""

import uuid
from collections.abc import Callable

from django.http import Http404

CHUNK = 10  # rows imported per progress step
SESSION_PREFIX = {"members": "member-import:", "agencies": "agency-import:"}


def start(request, *, kind: str, scope, rows: list[dict], filename: str) -> str:
    """Keep the rows in the session as a new job and return its id."""
    job = uuid.uuid4().hex[:12]
    request.session[SESSION_PREFIX[kind] + job] = {
        "agency": scope,
        "filename": filename[:100],
        "rows": rows,
        "done": 0,
        "created": 0,
        "errors": [],
    }
    return job


def load(request, *, kind: str, scope, job: str) -> dict:
    """Return the job's state; 404 when it is not this session's, or not of this scope."""
    state = request.session.get(SESSION_PREFIX[kind] + job)
    if state is None or state["agency"] != scope:
        raise Http404
    return state


def step(request, *, kind: str, job: str, state: dict, import_row: Callable) -> dict:
    """Import the next rows (each row its own transaction), save and return the state."""
    begin = state["done"]
    for row in state["rows"][begin : begin + CHUNK]:
        error = import_row(row)
        if error:
            state["errors"].append(error)
        else:
            state["created"] += 1
        state["done"] += 1
    request.session[SESSION_PREFIX[kind] + job] = state
    return state


def progress(state: dict) -> dict:
    """Return what the progress bar and the report show."""
    total = len(state["rows"])
    return {
        "total": total,
        "done": state["done"],
        "created": state["created"],
        "errors": state["errors"],
        "percent": int(100 * state["done"] / total) if total else 100,
        "finished": state["done"] >= total,
        "filename": state["filename"],
    }
