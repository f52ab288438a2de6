"""What the petitions app does when the apps below it announce an event (core.events)."""

from .models import DEFAULT_TOPICS, Topic


def on_agency_created(*, agency, **_):
    """Give a new agency the seed's topics, in the seed's order."""
    Topic.objects.bulk_create(
        Topic(
            agency=agency,
            group=group,
            code=slug,
            name=label,
            confidential_by_default=confidential,
            position=i,
        )
        for i, (group, slug, label, confidential) in enumerate(DEFAULT_TOPICS)
    )
