"""Stateful run of the API: sequences of calls that feed one response into the next.

Schemathesis infers the links between operations from the schema (an id a POST returns is
the `{petition_id}` of the next operation), so a workflow creates a petition, receives,
schedules, answers it, as a client would. It runs as the secretariat, the head and a staff
member, each over a small world; no step may answer 5xx or break the schema.
"""

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from hypothesis import HealthCheck, Phase
from hypothesis import settings as hypothesis_settings

from .conftest import ApiCaller
from .test_schemathesis import CHECKS, world  # noqa: F401  (the shared world fixture)

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())


class Workflow(schema.as_state_machine()):
    token = ""
    calls: list[tuple[str, int]] = []

    def after_call(self, response, case):
        self.calls.append((f"{case.method} {case.path}", response.status_code))

    def get_call_kwargs(self, case):
        return {"headers": {"Authorization": f"Bearer {self.token}", "Accept-Encoding": "identity"}}

    def validate_response(self, response, case, additional_checks=None, **kwargs):
        case.validate_response(response, checks=CHECKS, transport_kwargs=kwargs)


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["secretariat", "head", "staff"])
def test_workflows_never_fail(world, cast, client, role, settings):  # noqa: F811
    settings.API_RATE_LIMIT = 0
    Workflow.token = ApiCaller(client, cast).token(getattr(cast, role))
    Workflow.calls = []
    Workflow.run(
        settings=hypothesis_settings(
            max_examples=6,
            stateful_step_count=6,
            deadline=None,
            derandomize=True,
            database=None,
            phases=[Phase.generate],
            suppress_health_check=list(HealthCheck),
        )
    )
    # The workflows really chained calls: some step on an object's path reached an object
    # an earlier step returned (anything but "not found").
    reached = [call for call, status in Workflow.calls if "{" in call and status != 404]
    assert len(Workflow.calls) > 12 and reached, Workflow.calls
