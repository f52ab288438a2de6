"""Named permissions on plans, conferences and notices."""

import rules

from doithoai.organizations.access import has_role
from doithoai.organizations.models import Delegation, DelegationKind, Role
from doithoai.organizations.rules import is_head, is_secretariat


@rules.predicate
def is_effective_chair(user, conference) -> bool:
    """The user chairs this conference: the head, or the one deputy holding a valid delegation."""
    if conference is None or conference.chair_id != user.pk:
        return False
    if has_role(user, conference.agency_id, Role.HEAD):
        return True
    return (
        Delegation.objects.valid_on(conference.date)
        .filter(kind=DelegationKind.CHAIR, conference=conference, grantee=user)
        .exists()
    )


rules.add_perm("conferences.add_plan", is_head | is_secretariat)
rules.add_perm("conferences.issue_plan", is_head | is_secretariat)
rules.add_perm("conferences.add_conference", is_head | is_secretariat)
rules.add_perm("conferences.cancel_conference", is_head)
rules.add_perm("conferences.reschedule_conference", is_head | is_secretariat)
rules.add_perm("conferences.delegate_chair", is_head)
rules.add_perm("conferences.send_compilation", is_secretariat)
rules.add_perm("conferences.open_conference", is_effective_chair)
rules.add_perm("conferences.close_conference", is_effective_chair)
rules.add_perm("conferences.record_statement", is_effective_chair | is_secretariat)
# Asked by petitions.record_petition for a petition raised from the floor of this conference.
rules.add_perm("conferences.record_floor_petition", is_effective_chair | is_secretariat)
rules.add_perm("conferences.draft_notice", is_secretariat)
rules.add_perm("conferences.correct_minutes", is_effective_chair | is_secretariat)
rules.add_perm("conferences.issue_notice", is_effective_chair | is_head)
rules.add_perm("conferences.publish_notice", is_head | is_secretariat)
