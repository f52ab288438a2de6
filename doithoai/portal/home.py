"""What the home page lists for each role: open items and the nearest deadlines."""

from doithoai.conferences.models import Conference, ConferenceStatus
from doithoai.deadlines.models import Deadline
from doithoai.deadlines.models import Status as DeadlineStatus
from doithoai.followups.models import Assignment, AssignmentStatus
from doithoai.organizations.models import AGENCY_WIDE_ROLES, Delegation, DelegationKind, Role
from doithoai.petitions.models import OPEN_STATUSES, Petition, Status

LIMIT = 8


def sections(user, membership) -> dict:
    """Return the home page's lists for the user's roles in their agency."""
    roles = membership.role_set
    agency = membership.agency
    out: dict = {"roles": roles}
    if roles & {Role.STAFF, Role.UNIT_LEADER}:
        mine = Petition.objects.filter(agency=agency, submitter=user).select_related("topic")
        out["my_open"] = list(mine.filter(status__in=OPEN_STATUSES)[:LIMIT])
        out["my_answered"] = list(mine.filter(status=Status.ANSWERED)[:LIMIT])
        out["representing"] = list(
            Delegation.objects.filter(
                agency=agency,
                kind=DelegationKind.REPRESENTATIVE,
                grantee=user,
                revoked_at__isnull=True,
                informed_at__isnull=True,
            ).select_related("grantor")[:LIMIT]
        )
    if Role.SECRETARIAT in roles:
        out["inbox_count"] = Petition.objects.filter(agency=agency, status=Status.SUBMITTED).count()
        out["to_schedule_count"] = Petition.objects.filter(
            agency=agency, status=Status.RECEIVED
        ).count()
    if roles & AGENCY_WIDE_ROLES:
        out["conferences"] = list(
            Conference.objects.filter(
                agency=agency,
                status__in=[
                    ConferenceStatus.PLANNED,
                    ConferenceStatus.COMPILED,
                    ConferenceStatus.IN_PROGRESS,
                    ConferenceStatus.CLOSED,
                ],
            ).order_by("starts_at")[:LIMIT]
        )
    if roles & {Role.HEAD, Role.DEPUTY}:
        out["to_decide"] = list(
            Assignment.objects.filter(agency=agency, status=AssignmentStatus.REPORTED)
            .select_related("petition", "unit")
            .order_by("reported_at")[:LIMIT]
        )
    if Role.HEAD in roles:
        out["recommendations"] = list(unanswered_recommendations(agency)[:LIMIT])
    if Role.UNIT_LEADER in roles and membership.unit_id:
        out["unit_assignments"] = list(
            Assignment.objects.filter(
                agency=agency,
                unit_id=membership.unit_id,
                status__in=[AssignmentStatus.ASSIGNED, AssignmentStatus.RETURNED],
            )
            .select_related("petition")
            .order_by("due_date", "id")[:LIMIT]
        )
    out["deadlines"] = nearest_deadlines(user, membership)
    return out


def unanswered_recommendations(agency):
    """Return the board's recommendations the head has not answered, oldest first."""
    from doithoai.oversight.models import Observation, ObservationKind

    return Observation.objects.filter(
        agency=agency, kind=ObservationKind.RECOMMENDATION, answered_at__isnull=True
    ).order_by("created_at", "id")


def nearest_deadlines(user, membership) -> list:
    """Return the nearest open deadlines the user may see in their agency."""
    return list(
        Deadline.objects.visible_to(user)
        .filter(agency=membership.agency, status=DeadlineStatus.OPEN)
        .select_related("petition", "conference")
        .order_by("due_date", "id")[:LIMIT]
    )
