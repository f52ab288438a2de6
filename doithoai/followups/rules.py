"""Named permissions on answers, commitments and assignments."""

import rules

from doithoai.conferences.rules import is_effective_chair
from doithoai.organizations.access import membership
from doithoai.organizations.models import Role
from doithoai.organizations.rules import is_deputy, is_head, is_secretariat


@rules.predicate
def leads_assigned_unit(user, assignment) -> bool:
    """The user leads the unit the assignment was given to."""
    if assignment is None:
        return False
    m = membership(user, assignment.agency_id)
    return bool(m and Role.UNIT_LEADER in m.role_set and m.unit_id == assignment.unit_id)


@rules.predicate
def chaired_its_conference_by_delegation(user, extension) -> bool:
    """The user is the deputy who chairs the assignment's conference under the head's
    delegation (no agency setting lets the secretariat decide for the head)."""
    conference = extension.assignment.conference if extension is not None else None
    return bool(
        conference is not None
        and is_deputy(user, conference)
        and is_effective_chair(user, conference)
    )


rules.add_perm("followups.answer_petition", is_head)
rules.add_perm("followups.assign_petition", is_head)
rules.add_perm("followups.report_assignment", leads_assigned_unit)
rules.add_perm("followups.extend_assignment", leads_assigned_unit)
rules.add_perm("followups.decide_assignment", is_head)
rules.add_perm("followups.decide_extension", is_head | chaired_its_conference_by_delegation)
rules.add_perm("followups.publish_answer", is_secretariat | is_head)
rules.add_perm("followups.urge_assignment", is_secretariat)
