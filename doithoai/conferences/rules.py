"""Named permissions on plans, conferences and notices."""

import rules

from doithoai.organizations.access import has_role
from doithoai.organizations.models import Delegation, DelegationKind, Role
from doithoai.organizations.rules import (
    is_head,
    is_inspector,
    is_leadership,
    is_member,
    is_secretariat,
)


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
# A notice the chair signed digitally is issued by the secretariat (văn thư) with the seal.
rules.add_perm("conferences.release_notice", is_secretariat)
rules.add_perm("conferences.publish_notice", is_head | is_secretariat)


# --- Reading the record: what each state of a conference lets whom read ---------------


@rules.predicate
def is_held(user, conference) -> bool:
    """The conference has been held (closed): only then do its minutes exist."""
    from .models import ConferenceStatus

    return conference is not None and conference.status in (
        ConferenceStatus.CLOSED,
        ConferenceStatus.CONCLUDED,
    )


@rules.predicate
def notice_is_issued(user, notice) -> bool:
    """The conclusion notice has been issued."""
    from .models import NoticeStatus

    return notice is not None and notice.status == NoticeStatus.ISSUED


@rules.predicate
def drafts_or_issues_notice(user, notice) -> bool:
    """The user drafts the notice (secretariat) or may issue it (the chair, the head)."""
    if notice is None:
        return False
    return bool(
        is_secretariat(user, notice)
        or is_head(user, notice)
        or is_effective_chair(user, notice.conference)
    )


# The minutes, once the conference is held: leaders, secretariat, board, the chair.
may_view_minutes = is_held & (is_leadership | is_secretariat | is_inspector | is_effective_chair)
# An issued notice concerns every member; a draft stays with who drafts and who issues it.
may_view_notice = (is_member & notice_is_issued) | drafts_or_issues_notice
# The compiled list goes to the chair; the secretariat makes it; the board supervises.
may_view_compilation = is_head | is_effective_chair | is_secretariat | is_inspector
rules.add_perm("conferences.view_compilation", may_view_compilation)
rules.add_perm("conferences.view_minutes", may_view_minutes)
rules.add_perm("conferences.view_notice", may_view_notice)
