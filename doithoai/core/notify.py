"""Send in-app notifications when the notifications app offers them; do nothing otherwise.

The notifications app is being written alongside the pages; this adapter keeps callers
independent of its progress. It expects `doithoai.notifications.actions.notify(...)`.
"""

import logging

log = logging.getLogger(__name__)


def notify_users(users, *, agency, title: str, body: str = "", url: str = "", by=None) -> int:
    """Notify each user; return how many notifications were sent (0 without the app)."""
    try:
        from doithoai.notifications.actions import notify  # noqa: PLC0415 - optional app
    except ImportError:
        return 0
    sent = 0
    for user in users:
        try:
            notify(user=user, agency=agency, title=title, body=body, url=url, by=by)
        except TypeError:  # a different signature: report rather than break the action
            log.warning("notifications.actions.notify has an unexpected signature")
            return sent
        sent += 1
    return sent
