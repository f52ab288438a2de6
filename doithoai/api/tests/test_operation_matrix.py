"""Every operation of the schema, called by who may not: no answer but a refusal.

The per-operation tests show the allowed role, a refused role and bad input one by one;
this walks the whole schema, so an operation added later cannot skip its refusals.
"""

import json
import re

import pytest

from doithoai.api.openapi import current_schema_text

# Operations anyone may call: the anonymous petitioner's receipt lookup and feedback.
PUBLIC = {"/api/v1/receipts/lookup", "/api/v1/receipts/feedback"}
# Operations on the caller's own things, which anyone with an account has.
OWN = {"/api/v1/notifications/read-all"}


def _operations():
    schema = json.loads(current_schema_text())
    for path, operations in schema["paths"].items():
        for method in operations:
            yield method, re.sub(r"\{[^}]+\}", "1", path)


OPERATIONS = sorted(set(_operations()))


def test_the_walk_covers_the_schema():
    assert len(OPERATIONS) > 60
    assert ("post", "/api/v1/petitions/1/answer") in OPERATIONS


def _call(client, method, path, headers=None):
    if method == "get":
        return client.get(path, headers=headers or {})
    return client.generic(
        method.upper(), path, data="{}", content_type="application/json", headers=headers or {}
    )


@pytest.mark.parametrize(("method", "path"), [op for op in OPERATIONS if op[1] not in PUBLIC])
def test_every_operation_refuses_the_anonymous(client, method, path):
    response = _call(client, method, path)
    assert response.status_code == 401, (method, path, response.content[:200])
    assert response.json()["code"] == "unauthorized"


def _rows(body) -> int:
    """How many rows a list answer holds (0 for anything else)."""
    if isinstance(body, list):
        return len(body)
    if isinstance(body, dict) and isinstance(body.get("results"), list):
        return len(body["results"])
    return 0


def test_every_operation_gives_nothing_to_a_person_of_no_agency(client, cast):
    """A valid token of someone in no agency reads nothing and changes nothing."""
    from doithoai.api.tests.conftest import ApiCaller

    headers = {"Authorization": f"Bearer {ApiCaller(client, cast).token(cast.outsider)}"}
    leaks = []
    for method, path in OPERATIONS:
        response = _call(client, method, path, headers)
        body = (
            response.json()
            if response.headers["Content-Type"].startswith("application/json")
            else {}
        )
        changed = response.status_code < 300 and method != "get" and path not in OWN
        if response.status_code >= 500 or changed:
            leaks.append((method, path, response.status_code))
        elif response.status_code < 300 and _rows(body):
            leaks.append((method, path, _rows(body)))
    assert leaks == []
