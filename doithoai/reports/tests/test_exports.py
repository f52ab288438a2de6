"""Excel exports run as a task: progress, the file, who may download it, expiry."""

import datetime
import io

import pytest
from openpyxl import load_workbook

from doithoai.petitions import actions as pet
from doithoai.reports import exports
from doithoai.reports.models import ExportJob, ExportStatus
from doithoai.testing.factories import aware, freeze


@pytest.fixture
def petitions(cast, time_machine):
    freeze(time_machine, aware(2018, 5, 14, 9))
    made = [
        pet.submit_petition(
            agency=cast.agency, title=f"Kiến nghị {n}", content="Nội dung.", by=cast.staff
        )
        for n in range(5)
    ]
    pet.receive_petition(petition=made[0], topic=cast.topic(), by=cast.secretariat)
    return made


def _start(client, user, data=None, capture=None):
    client.force_login(user)
    with capture(execute=True):
        response = client.post("/thong-ke/kien-nghi.xlsx", data or {})
    assert response.status_code == 302
    return ExportJob.objects.get(requested_by=user), response["Location"]


def test_export_runs_as_a_task_and_the_owner_downloads_it(
    client, cast, petitions, django_capture_on_commit_callbacks
):
    job, location = _start(client, cast.secretariat, capture=django_capture_on_commit_callbacks)
    assert location == f"/thong-ke/xuat/{job.pk}/"
    job.refresh_from_db()
    assert job.status == ExportStatus.DONE and (job.total, job.done) == (5, 5)
    page = client.get(location)
    assert page.status_code == 200 and f"/thong-ke/xuat/{job.pk}/tai-ve/" in page.content.decode()
    response = client.get(f"/thong-ke/xuat/{job.pk}/tai-ve/")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[2][0] == "Mã" and len(rows) == 3 + 5
    codes = {r[0] for r in rows[3:]}
    assert codes == {p.code for p in petitions}
    statuses = {r[0]: r[4] for r in rows[3:]}
    assert statuses[petitions[0].code] == "Đã tiếp nhận"


def test_export_keeps_the_filter(client, cast, petitions, django_capture_on_commit_callbacks):
    job, _ = _start(
        client,
        cast.secretariat,
        {"status": ["received"]},
        capture=django_capture_on_commit_callbacks,
    )
    job.refresh_from_db()
    assert job.params == {"status": ["received"]} and job.total == 1


def test_progress_is_shown_while_running(client, cast, petitions):
    client.force_login(cast.secretariat)
    job = exports.start_export(params={}, by=cast.secretariat)  # task not run yet
    ExportJob.objects.filter(pk=job.pk).update(status=ExportStatus.RUNNING, total=4, done=1)
    response = client.get(f"/thong-ke/xuat/{job.pk}/", HTTP_HX_REQUEST="true")
    text = response.content.decode()
    assert "25%" in text and 'hx-trigger="every 1s"' in text
    assert client.get(f"/thong-ke/xuat/{job.pk}/tai-ve/").status_code == 302


def test_another_user_may_not_follow_or_download(
    client, cast, petitions, django_capture_on_commit_callbacks
):
    job, _ = _start(client, cast.secretariat, capture=django_capture_on_commit_callbacks)
    client.force_login(cast.head)
    assert client.get(f"/thong-ke/xuat/{job.pk}/").status_code == 404
    assert client.get(f"/thong-ke/xuat/{job.pk}/tai-ve/").status_code == 404
    client.logout()
    assert client.get(f"/thong-ke/xuat/{job.pk}/tai-ve/").status_code == 302  # to log in


def test_outsider_may_not_start_an_export(client, cast):
    client.force_login(cast.outsider)
    assert client.post("/thong-ke/kien-nghi.xlsx").status_code == 403
    assert not ExportJob.objects.exists()


def test_expired_export_is_gone(
    client, cast, petitions, time_machine, django_capture_on_commit_callbacks
):
    job, _ = _start(client, cast.secretariat, capture=django_capture_on_commit_callbacks)
    assert exports.path_of(job).exists()
    time_machine.move_to(aware(2018, 5, 15, 9, 1), tick=False)  # 24 h later
    client.force_login(cast.secretariat)  # the session itself ends after 12 h
    response = client.get(f"/thong-ke/xuat/{job.pk}/tai-ve/")
    assert response.status_code == 410
    assert not exports.path_of(job).exists()
    assert exports.purge_expired() == 1 and not ExportJob.objects.exists()


def test_export_writes_progress_in_steps(cast, petitions, monkeypatch):
    monkeypatch.setattr(exports, "PROGRESS_EVERY", 2)
    seen = []
    real_update = ExportJob.objects.filter(pk=None).update.__func__

    def spy(qs, **kwargs):
        if "done" in kwargs:
            seen.append(kwargs["done"])
        return real_update(qs, **kwargs)

    monkeypatch.setattr(type(ExportJob.objects.all()), "update", spy)
    job = ExportJob.objects.create(
        requested_by=cast.secretariat,
        expires_at=aware(2018, 5, 15, 9) + datetime.timedelta(hours=1),
    )
    exports.export_petitions.call(job_id=str(job.pk))
    assert seen == [2, 4, 5]


def _export_rows(user) -> list[tuple]:
    job = ExportJob.objects.create(
        requested_by=user, expires_at=aware(2018, 5, 15, 9) + datetime.timedelta(hours=1)
    )
    assert exports.export_petitions.call(job_id=str(job.pk)) == ExportStatus.DONE
    sheet = load_workbook(exports.path_of(job), read_only=True).active
    return list(sheet.iter_rows(min_row=4, values_only=True))


def test_export_shows_the_submitter_as_the_pages_do(cast, time_machine):
    """The secretariat learns a confidential writer's name; the head does not; nobody an
    anonymous one's. The export decides it per row from plain values, by the same rule."""
    freeze(time_machine, aware(2018, 5, 14, 9))
    cast.staff.first_name, cast.staff.last_name = "Lan", "Nguyễn Thị"
    cast.staff.save()
    made = {
        privacy: pet.submit_petition(
            agency=cast.agency,
            title=f"Kiến nghị {privacy}",
            content="Nội dung.",
            by=cast.staff,
            privacy=privacy,
        )
        for privacy in ("public", "confidential", "anonymous")
    }
    for petition in made.values():
        pet.receive_petition(petition=petition, topic=cast.topic(), by=cast.secretariat)
    name = "Lan Nguyễn Thị"
    by_code = {row[0]: row[6] for row in _export_rows(cast.secretariat)}
    assert by_code[made["public"].code].startswith(name)
    assert by_code[made["confidential"].code].startswith(name)
    assert by_code[made["anonymous"].code] == "Ẩn danh"
    by_code = {row[0]: row[6] for row in _export_rows(cast.head)}
    assert by_code[made["public"].code].startswith(name)
    assert by_code[made["confidential"].code] == "Được bảo mật danh tính"
    assert by_code[made["anonymous"].code] == "Ẩn danh"
    dates = {row[9] for row in _export_rows(cast.head)}
    assert dates == {datetime.datetime(2018, 5, 14)}


def test_export_reads_the_rows_in_a_fixed_number_of_queries(
    cast, petitions, django_assert_max_num_queries
):
    job = ExportJob.objects.create(
        requested_by=cast.secretariat,
        expires_at=aware(2018, 5, 15, 9) + datetime.timedelta(hours=1),
    )
    with django_assert_max_num_queries(12):
        exports.export_petitions.call(job_id=str(job.pk))
