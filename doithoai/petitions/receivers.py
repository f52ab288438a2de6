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


def on_agency_merged(*, agency, successor, **_):
    """Carry the merged agency's open petitions to its successor.

    Each is registered anew in the successor's book (a new number and code: the old book's
    numbers would collide with the successor's own); the old codes are returned for the
    merge's audit record. Topics map by code (a missing one is copied); units moved already.
    """
    from doithoai.organizations.access import next_number

    from .models import OPEN_STATUSES, Attachment, Petition, Support

    topics = {t.code: t for t in Topic.objects.filter(agency=successor)}
    codes = {}
    for petition in (
        Petition.objects.filter(agency=agency, status__in=OPEN_STATUSES)
        # A petition of a conference already held stays with it (finished by the successor's
        # people under the old agency: see `conferences.receivers.on_agency_merged`).
        .exclude(conference__opened_at__isnull=False)
        .select_related("topic")
        .order_by("year", "number")
    ):
        topic = petition.topic
        if topic is not None and topic.code not in topics:
            topics[topic.code] = Topic.objects.create(
                agency=successor,
                group=topic.group,
                code=topic.code,
                name=topic.name,
                confidential_by_default=topic.confidential_by_default,
                position=topic.position,
            )
        number = next_number(successor, "KN", petition.year)
        codes[petition.code] = f"KN-{petition.year}-{number:04d}"
        petition.agency = successor
        petition.number = number
        petition.code = codes[petition.code]
        petition.topic = topics[topic.code] if topic is not None else None
        petition.save(update_fields=["agency", "number", "code", "topic", "updated_at"])
        Attachment.objects.filter(petition=petition).update(agency=successor)
        Support.objects.filter(petition=petition).update(agency=successor)
    return {"petitions": len(codes), "petition_codes": codes}
