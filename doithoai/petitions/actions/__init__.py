"""Actions on petitions: submit, record, receive, merge, withdraw, reject, transfer, schedule.

Each one checks the actor's permission and the petition's state, writes the change and its
audit event in one transaction, and raises a clear error otherwise.
"""

from .handling import (
    MERGEABLE,
    OPEN_LEAD,
    give_feedback,
    merge_petitions,
    receive_petition,
    reject_petition,
    return_to_received,
    schedule_petitions,
    support_petition,
    transfer_petition,
    unschedule_petition,
    withdraw_petition,
)
from .intake import (
    CONTENT_MAX,
    MAX_ATTACHMENTS,
    TITLE_MAX,
    hash_receipt,
    record_petition,
    submit_petition,
)
from .progress import FOLLOW_UP_TARGETS, advance_petition

__all__ = [
    "FOLLOW_UP_TARGETS",
    "advance_petition",
    "CONTENT_MAX",
    "MAX_ATTACHMENTS",
    "MERGEABLE",
    "OPEN_LEAD",
    "TITLE_MAX",
    "give_feedback",
    "hash_receipt",
    "merge_petitions",
    "receive_petition",
    "record_petition",
    "reject_petition",
    "return_to_received",
    "schedule_petitions",
    "submit_petition",
    "support_petition",
    "transfer_petition",
    "unschedule_petition",
    "withdraw_petition",
]
