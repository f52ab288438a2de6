"""Named permissions on petitions."""

import rules

from doithoai.organizations.rules import is_secretariat, is_staff_member


@rules.predicate
def is_submitter(user, petition) -> bool:
    """The user submitted the petition (under their own name)."""
    return petition is not None and petition.submitter_id == user.pk


rules.add_perm("petitions.submit_petition", is_staff_member)
rules.add_perm("petitions.record_petition", is_secretariat)
rules.add_perm("petitions.receive_petition", is_secretariat)
rules.add_perm("petitions.merge_petition", is_secretariat)
rules.add_perm("petitions.reject_petition", is_secretariat)
rules.add_perm("petitions.schedule_petition", is_secretariat)
rules.add_perm("petitions.withdraw_petition", is_submitter)
rules.add_perm("petitions.support_petition", is_staff_member)
rules.add_perm("petitions.feedback_petition", is_submitter)
