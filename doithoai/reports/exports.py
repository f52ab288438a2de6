"""Excel exports of a filtered petition list, written by a background task.

A request only records the job (who asked, which filters) and queues the task; the page
then shows the progress and, when done, a download link. The task streams the rows with
openpyxl's write-only mode (constant memory), with the choice labels looked up once per
export, and saves the file outside MEDIA_ROOT (never served as a static file). Only the
person who asked may download it, until it expires (`EXPORT_TTL`); `doithoai
purge_exports` removes expired files.
"""

import datetime
import logging
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from doithoai.petitions.filters import PetitionFilter
from doithoai.petitions.models import Channel, Petition, Status, TopicGroup
from doithoai.petitions.visibility import submitter_label

from .excel import PETITION_HEADERS
from .models import ExportJob, ExportStatus

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


def _rows(petitions, user):
    """Yield one list of cell values per petition; labels are looked up once per export."""
    statuses = {value: str(label) for value, label in Status.choices}
    channels = {value: str(label) for value, label in Channel.choices}
    groups = {value: str(label) for value, label in TopicGroup.choices}
    tz = timezone.get_current_timezone()
    for p in petitions:
        yield [
            p.code,
            p.title,
            groups.get(p.topic.group, "") if p.topic_id else "",
            p.topic.name if p.topic_id else "",
            statuses.get(p.status, p.status),
            channels.get(p.channel, p.channel),
            submitter_label(user, p),
            p.concerned_unit.name if p.concerned_unit_id else "",
            p.conference.title if p.conference_id else "",
            p.submitted_at.astimezone(tz).date(),
        ]


def write_export(job: ExportJob) -> None:
    """Write the job's file, recording progress every PROGRESS_EVERY rows."""
    user = job.requested_by
    queryset = Petition.objects.visible_to(user).order_by("-submitted_at", "-id")
    petitions = PetitionFilter(job.params, queryset=queryset).qs
    total = petitions.count()
    ExportJob.objects.filter(pk=job.pk).update(status=ExportStatus.RUNNING, total=total)
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("kien-nghi")
    for index, width in enumerate([16, 60, 24, 30, 18, 16, 30, 30, 40, 12]):
        ws.column_dimensions[chr(ord("A") + index)].width = width
    ws.freeze_panes = "A4"
    title = WriteOnlyCell(ws, value=_("Danh sách kiến nghị"))
    title.font = Font(bold=True, size=13)
    ws.append([title])
    ws.append([])
    headers = []
    for header in PETITION_HEADERS:
        cell = WriteOnlyCell(ws, value=str(header))
        cell.font = Font(bold=True)
        headers.append(cell)
    ws.append(headers)
    rows = petitions.select_related(
        "topic", "concerned_unit", "submitter", "submitter_unit", "conference"
    ).iterator(chunk_size=2000)
    done = 0
    for values in _rows(rows, user):
        date_cell = WriteOnlyCell(ws, value=values[-1])
        date_cell.number_format = "DD/MM/YYYY"
        ws.append(values[:-1] + [date_cell])
        done += 1
        if done % PROGRESS_EVERY == 0:
            ExportJob.objects.filter(pk=job.pk).update(done=done)
    target = path_of(job)
    partial = target.with_suffix(".part")
    wb.save(partial)
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
