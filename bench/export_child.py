"""Run one Excel export of the largest agency's petitions as the worker would; print figures.

    python bench/export_child.py MANIFEST.json     (DATABASE_URL and settings from the env)

It runs in its own process so that its peak RSS (VmHWM) is the export's alone: the
request only records the job; this is the task's side (`reports.exports.export_petitions`).
Prints one line `BENCHJSON {...}`: rows, seconds, peak_mb, file_mb.
"""

import json
import os
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))


def main() -> None:
    manifest = json.loads(Path(sys.argv[1]).read_text())
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "doithoai.settings")
    import django

    django.setup()
    from django.contrib.auth import get_user_model

    from doithoai.reports import exports
    from doithoai.reports.models import ExportJob

    largest = manifest["agencies"][str(manifest["largest"])]
    user = get_user_model().objects.get(pk=largest["secretariat"])
    job = ExportJob.objects.create(
        requested_by=user, params={}, expires_at=django.utils.timezone.now() + exports.EXPORT_TTL
    )
    started = time.monotonic()
    status = exports.export_petitions.call(job_id=str(job.pk))
    seconds = time.monotonic() - started
    job.refresh_from_db()
    path = exports.path_of(job)
    size = path.stat().st_size / 2**20 if path.exists() else 0.0
    path.unlink(missing_ok=True)
    peak = 0.0
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            peak = int(line.split()[1]) / 1024
    job.delete()
    figures = {"status": str(status), "rows": job.done, "seconds": seconds}
    figures |= {"peak_mb": peak, "file_mb": size}
    print("BENCHJSON " + json.dumps(figures))


if __name__ == "__main__":
    main()
