"""Who may download which document (named permissions `documents.download_<kind>`)."""

import rules

from doithoai.conferences.models import NoticeStatus
from doithoai.conferences.rules import is_effective_chair
from doithoai.organizations.rules import (
    is_head,
    is_inspector,
    is_leadership,
    is_member,
    is_secretariat,
)


@rules.predicate
def is_issued(user, notice) -> bool:
    """The notice has been issued (drafts stay with those who draft and sign them)."""
    return notice is not None and notice.status == NoticeStatus.ISSUED


@rules.predicate
def chairs_notice_conference(user, notice) -> bool:
    """The user chairs the notice's conference."""
    return notice is not None and is_effective_chair(user, notice.conference)


insiders = is_leadership | is_secretariat | is_inspector

# The plan and the invitation concern every member of the agency.
rules.add_perm("documents.download_plan", is_member)
rules.add_perm("documents.download_invitation", is_member)
# The compiled list goes to the chair; the secretariat makes it; the board supervises.
rules.add_perm(
    "documents.download_compilation",
    is_head | is_effective_chair | is_secretariat | is_inspector,
)
rules.add_perm("documents.download_minutes", insiders | is_effective_chair)
# Everyone reads the issued notice; a draft only the secretariat, the leaders, the board.
rules.add_perm(
    "documents.download_notice",
    (is_member & is_issued) | insiders | chairs_notice_conference,
)
# The periodic report (object: the agency).
rules.add_perm("documents.download_report", insiders)
