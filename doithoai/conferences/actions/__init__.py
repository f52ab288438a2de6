"""Actions on plans and conferences: plan, delegate the chair, compile, open, minute, close,
draft and issue the conclusion notice.

One function per action, split by the stage of the process; every action is re-exported here.
Beside each action a `can_*` check answers "may this user do this now?" without running it."""

from ._base import (
    document_symbol,
)
from .agenda import move_agenda_item
from .notice import (
    can_draft_notice,
    can_issue_notice,
    draft_notice,
    issue_notice,
    publish_notice,
    release_notice,
    sign_notice,
)
from .plans import (
    allowed_months,
    create_plan,
    issue_plan,
)
from .preparation import (
    can_cancel_conference,
    can_delegate_chair,
    can_reschedule_conference,
    can_revoke_chair_delegation,
    can_send_compilation,
    cancel_conference,
    delegate_chair,
    plan_conference,
    reschedule_conference,
    revoke_chair_delegation,
    send_compilation,
)
from .session import (
    can_close_conference,
    can_correct_minutes,
    can_open_conference,
    can_record_floor_petition,
    can_record_statement,
    can_run_conference,
    close_conference,
    correct_minutes,
    open_conference,
    record_statement,
)

__all__ = [
    "move_agenda_item",
    "can_cancel_conference",
    "can_reschedule_conference",
    "can_close_conference",
    "can_correct_minutes",
    "can_delegate_chair",
    "can_draft_notice",
    "can_issue_notice",
    "can_open_conference",
    "can_record_floor_petition",
    "can_record_statement",
    "can_revoke_chair_delegation",
    "can_run_conference",
    "can_send_compilation",
    "allowed_months",
    "cancel_conference",
    "reschedule_conference",
    "close_conference",
    "correct_minutes",
    "create_plan",
    "delegate_chair",
    "document_symbol",
    "draft_notice",
    "issue_notice",
    "release_notice",
    "sign_notice",
    "issue_plan",
    "open_conference",
    "plan_conference",
    "publish_notice",
    "record_statement",
    "revoke_chair_delegation",
    "send_compilation",
]
