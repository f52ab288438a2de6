"""Named permissions in the live room."""

import rules

from doithoai.conferences.rules import is_effective_chair
from doithoai.organizations.rules import is_member, is_secretariat, is_staff_member


@rules.predicate
def is_minutes_secretary(user, conference) -> bool:
    """The user takes this conference's minutes (named by the chair at the opening)."""
    return conference is not None and conference.secretary_id == user.pk


# Every member of the agency may join the room and watch it (phone, projector).
rules.add_perm("live.join_room", is_member)
rules.add_perm("live.view_room", is_member)
# Staff speak, raise petitions and support items; the board is read-only.
rules.add_perm("live.raise_floor_petition", is_staff_member)
rules.add_perm("live.request_to_speak", is_staff_member)
# The consoles: the chair and the secretariat run the room.
rules.add_perm("live.run_room", is_effective_chair | is_secretariat)
rules.add_perm(
    "live.correct_attendance", is_minutes_secretary | is_secretariat | is_effective_chair
)
