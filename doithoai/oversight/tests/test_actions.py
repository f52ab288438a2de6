"""Observations: only the board records, only the head answers, each once, all audited."""

import pytest

from doithoai.audit.models import AuditEvent, Verb
from doithoai.core.errors import InvalidTransition, PermissionRefused, ValidationFailed
from doithoai.oversight.actions import answer_observation, record_observation
from doithoai.testing import factories as f

pytestmark = pytest.mark.django_db


def _record(cast, **kwargs):
    data = {"agency": cast.agency, "kind": "recommendation", "text": "Cần công khai đúng hạn."}
    data.update(kwargs)
    return record_observation(by=kwargs.pop("by", cast.inspector), **data)


def test_inspector_records_a_recommendation_and_head_answers(cast):
    obs = _record(cast)
    assert AuditEvent.objects.filter(verb=Verb.OBSERVATION_RECORDED).count() == 1
    answer_observation(observation=obs, text="Đã chỉ đạo công khai.", by=cast.head)
    obs.refresh_from_db()
    assert obs.is_answered and obs.answered_by == cast.head
    assert AuditEvent.objects.filter(verb=Verb.OBSERVATION_ANSWERED).count() == 1


@pytest.mark.parametrize("role", ["head", "deputy", "secretariat", "leader", "staff", "admin"])
def test_only_inspectors_record(cast, role):
    with f.refused(PermissionRefused):
        record_observation(
            agency=cast.agency, kind="observation", text="Ý kiến.", by=getattr(cast, role)
        )


@pytest.mark.parametrize("role", ["deputy", "secretariat", "inspector", "leader", "admin"])
def test_only_the_head_answers(cast, role):
    obs = _record(cast)
    with f.refused(PermissionRefused):
        answer_observation(observation=obs, text="Trả lời.", by=getattr(cast, role))


def test_answer_once_and_text_required(cast):
    obs = _record(cast)
    with f.refused(ValidationFailed, field="text"):
        answer_observation(observation=obs, text="  ", by=cast.head)
    answer_observation(observation=obs, text="Trả lời.", by=cast.head)
    with f.refused(InvalidTransition):
        answer_observation(observation=obs, text="Lần hai.", by=cast.head)


def test_bad_kind_and_other_agency_refused(cast):
    with f.refused(ValidationFailed, field="kind"):
        _record(cast, kind="gossip")
    other = f.Elsewhere()
    petition = f.submitted(other, by=other.staff)
    with f.refused(ValidationFailed, field="petition"):
        _record(cast, petition=petition)
