"""Excel exports of a filtered petition list, written by a background task.

A request only records the job (who asked, which filters) and queues the task; the page
then shows the progress and, when done, a download link. The task streams the rows as plain
values (no model objects), with the choice labels looked up once per export, through
`xlsx.SheetWriter` (constant memory; why not openpyxl is in its docstring), and saves the
file outside MEDIA_ROOT (never served as a static file). Only the person who asked may
download it, until it expires (`EXPORT_TTL`); `doithoai purge_exports` removes expired
files.
"""

import datetime
import logging
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.db.models.functions import TruncDate
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task

from doithoai.petitions.filters import PetitionFilter
from doithoai.petitions.models import Channel, Petition, Status, TopicGroup
from doithoai.petitions.visibility import identity_rule, submitter_text

from .excel import PETITION_HEADERS
from .models import ExportJob, ExportStatus
from .xlsx import BOLD, TITLE, SheetWriter

EXPORT_TTL = datetime.timedelta(hours=24)
PROGRESS_EVERY = 1000
log = logging.getLogger(__name__)


def exports_dir() -> Path:
    """Return the folder of export files (created on first use)."""
    folder = Path(getattr(settings, "EXPORTS_DIR", Path(settings.MEDIA_ROOT).parent / "exports"))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def path_of(job: ExportJob) -> Path:
    return exports_dir() / f"{job.pk}.xlsx"


def start_export(*, params: dict, by) -> ExportJob:
    """Record an export of the petitions `by` may see, filtered by `params`; queue the task."""
    clean = {k: v for k, v in params.items() if k in PetitionFilter.base_filters}
    job = ExportJob.objects.create(
        requested_by=by, params=clean, expires_at=timezone.now() + EXPORT_TTL
    )
    job_id = str(job.pk)
    transaction.on_commit(lambda: export_petitions.enqueue(job_id=job_id))
    return job


def may_download(user, job: ExportJob) -> bool:
    """Only the person who asked for the export may follow or download it."""
    return getattr(user, "is_authenticated", False) and job.requested_by_id == user.pk


def is_expired(job: ExportJob) -> bool:
    return job.expires_at <= timezone.now()


COLUMNS = (
    "code",
    "title",
    "topic__group",
    "topic__name",
    "status",
    "channel",
    "privacy",
    "submitter_id",
    "agency_id",
    "submitter__first_name",
    "submitter__last_name",
    "submitter__username",
    "submitter_name",
    "submitter_unit__name",
    "concerned_unit__name",
    "conference__title",
    "submitted_on",
)
WIDTHS = (16, 60, 24, 30, 18, 16, 30, 30, 40, 12)


def _rows(values, user):
    """Yield one list of cell values per petition row (a tuple of COLUMNS).

    The labels are looked up once per export, and who may learn a submitter's identity is
    decided by the same rule as on the pages (`identity_rule`), without a query per row.
    """
    statuses = {value: str(label) for value, label in Status.choices}
    channels = {value: str(label) for value, label in Channel.choices}
    groups = {value: str(label) for value, label in TopicGroup.choices}
    may_see = identity_rule(user)
    for (
        code,
        title,
        group,
        topic,
        status,
        channel,
        privacy,
        submitter_id,
        agency_id,
        first_name,
        last_name,
        username,
        submitter_name,
        submitter_unit,
        concerned_unit,
        conference,
        submitted_on,
    ) in values:
        who = submitter_text(
            privacy=privacy,
            visible=may_see(privacy, submitter_id, agency_id),
            person=(f"{first_name} {last_name}".strip() or username) if submitter_id else "",
            name=submitter_name,
            unit=submitter_unit or "",
        )
        yield [
            code,
            title,
            groups.get(group, "") if group else "",
            topic or "",
            statuses.get(status, status),
            channels.get(channel, channel),
            who,
            concerned_unit or "",
            conference or "",
            submitted_on,
        ]


def write_export(job: ExportJob) -> None:
    """Write the job's file, recording progress every PROGRESS_EVERY rows."""
    user = job.requested_by
    queryset = Petition.objects.visible_to(user).order_by("-submitted_at", "-id")
    petitions = PetitionFilter(job.params, queryset=queryset).qs
    total = petitions.count()
    ExportJob.objects.filter(pk=job.pk).update(status=ExportStatus.RUNNING, total=total)
    target = path_of(job)
    partial = target.with_suffix(".part")
    done = 0
    with SheetWriter(partial, sheet_name="kien-nghi", widths=WIDTHS, frozen_rows=3) as sheet:
        sheet.append([_("Danh sách kiến nghị")], TITLE)
        sheet.append([])
        sheet.append([str(header) for header in PETITION_HEADERS], BOLD)
        # The day in the agency's time zone, computed by the database (no datetime per row).
        day = TruncDate("submitted_at", tzinfo=timezone.get_current_timezone())
        rows = petitions.annotate(submitted_on=day).values_list(*COLUMNS)
        for values in _rows(rows.iterator(chunk_size=5000), user):
            sheet.append(values)
            done += 1
            if done % PROGRESS_EVERY == 0:
                ExportJob.objects.filter(pk=job.pk).update(done=done)
    partial.replace(target)
    ExportJob.objects.filter(pk=job.pk).update(
        status=ExportStatus.DONE,
        done=done,
        filename=f"kien-nghi-{timezone.localdate():%Y%m%d}.xlsx",
        finished_at=timezone.now(),
    )


@task()
def export_petitions(*, job_id: str) -> str:
    """Run one export job; return its final status."""
    job = ExportJob.objects.select_related("requested_by").filter(pk=job_id).first()
    if job is None or job.status != ExportStatus.PENDING:
        return "skipped"
    try:
        write_export(job)
    except Exception as exc:
        log.exception("export %s failed", job_id)
        ExportJob.objects.filter(pk=job.pk).update(
            status=ExportStatus.FAILED, error=str(exc)[:300], finished_at=timezone.now()
        )
        return ExportStatus.FAILED
    return ExportStatus.DONE


def purge_expired(now=None) -> int:
    """Delete expired jobs and their files; return how many."""
    now = now or timezone.now()
    expired = list(ExportJob.objects.filter(expires_at__lte=now))
    for job in expired:
        path_of(job).unlink(missing_ok=True)
    ExportJob.objects.filter(pk__in=[j.pk for j in expired]).delete()
    return len(expired)
