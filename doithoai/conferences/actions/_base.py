"""What the conference actions share: the lock and the Decree 30 number."""

from doithoai.organizations.models import Agency

from ..models import (
    Conference,
)


def document_symbol(number: int, type_code: str, agency: Agency) -> str:
    """Return a Decree 30 number and symbol such as `09/KH-VPUBND`."""
    return f"{number:02d}/{type_code}-{agency.code}"


def _lock(conference: Conference) -> Conference:
    return Conference.objects.select_for_update().get(pk=conference.pk)
