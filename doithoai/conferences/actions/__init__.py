"""Actions on plans and conferences: plan, delegate the chair, compile, open, minute, close,
draft and issue the conclusion notice.

One function per action, split by the stage of the process; every action is re-exported here.
Beside each action a `can_*` check answers "may this user do this now?" without running it."""

from ._base import (
    document_symbol,
)
from .notice import (
    draft_notice,
    issue_notice,
    publish_notice,
)
from .plans import (
    allowed_months,
    create_plan,
    issue_plan,
)
from .preparation import (
    cancel_conference,
    delegate_chair,
    plan_conference,
    revoke_chair_delegation,
    send_compilation,
)
from .session import (
    close_conference,
    open_conference,
    record_statement,
)

__all__ = [
    "allowed_months",
    "cancel_conference",
    "close_conference",
    "create_plan",
    "delegate_chair",
    "document_symbol",
    "draft_notice",
    "issue_notice",
    "issue_plan",
    "open_conference",
    "plan_conference",
    "publish_notice",
    "record_statement",
    "revoke_chair_delegation",
    "send_compilation",
]
