"""The HTTP bench: the product's WSGI app behind gunicorn, loaded by wrk, beside a floor.

gunicorn runs 2 sync workers on 127.0.0.1 with `http_settings` (the product's settings
plus one bare view at /__bench__/floor/, in the bench's own URLconf). Before each page
the floor is measured with the same load, so each page's throughput is also given as a
share of the floor of that moment (the machine is shared: absolute figures drift).

The load is Debian's `wrk` (1 thread, 8 connections, `--seconds` each, with a Lua script
that counts non-2xx answers). Without wrk a bounded Python load generator with 8 threads
does the same, less precisely (it shares the CPU with the server).
"""

import json
import shutil
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from dataclasses import asdict, dataclass, field
from pathlib import Path

from pgserver import free_port

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
CONNECTIONS = 8
FLOOR = "/__bench__/floor/"

# -- Targets (issue 14), enforced by run.py on PostgreSQL at --scale default and full --------
# Each page's throughput as a share of the floor measured just before it, and for two pages
# the latency of one request alone (no load), by the start of the page's name.
SHARE_OF_FLOOR = {
    "secretariat inbox": 10.0,
    "search": 7.0,
    "petition detail": 10.0,
    "secretariat petition page": 10.0,
    "head's home": 8.0,
    "deadline board": 5.0,
    "statistics dashboard": 5.0,
    "API petition list": 10.0,
    "province roll-up": 2.0,
}
ALONE_MS = {"semi-annual report DOCX": 250.0, "province roll-up": 1000.0}
WORKER_RSS_MB = 150.0  # every page, peak of the workers
EXPORT_SECONDS = 5.0  # the Excel export of the largest agency's petitions, in the task
EXPORT_RSS_MB = 150.0
ALONE_REQUESTS = 5
# ------------------------------------------------------------------------------------------


def _report_period() -> str:
    """Return the last finished half-year as YEAR-HALF (the semi-annual report measured)."""
    import datetime

    today = datetime.date.today()
    return f"{today.year}-1" if today.month > 6 else f"{today.year - 1}-2"


REPORT_PERIOD = _report_period()


@dataclass
class Page:
    """One page measured: its name, path, and the session it is requested with."""

    name: str
    path: str
    cookie: str = ""
    status: int = 0  # of a probe request, before the load
    result: dict = field(default_factory=dict)


class Redis:
    """A throw-away redis-server on loopback (no persistence); None when not installed."""

    def __init__(self):
        self.proc = None
        self.port = free_port()

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> "Redis | None":
        binary = shutil.which("redis-server")
        if binary is None:
            return None
        self.proc = subprocess.Popen(
            [binary, "--port", str(self.port), "--bind", "127.0.0.1", "--save", ""]
            + ["--appendonly", "no", "--maxmemory", "256mb", "--maxmemory-policy", "allkeys-lru"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for _ in range(50):
            try:
                import socket

                with socket.create_connection(("127.0.0.1", self.port), timeout=0.2):
                    return self
            except OSError:
                time.sleep(0.1)
        self.stop()
        return None

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            self.proc.wait(10)
        self.proc = None


class Gunicorn:
    """gunicorn with 2 sync workers serving doithoai.wsgi with the bench's settings."""

    def __init__(self, env: dict, workers: int = 2):
        self.port = free_port()
        self.env = env
        self.workers = workers
        self.proc = None

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> "Gunicorn":
        cmd = [sys.executable, "-m", "gunicorn", "--workers", str(self.workers)]
        cmd += ["--worker-class", "sync", "--bind", f"127.0.0.1:{self.port}", "--timeout", "300"]
        cmd += ["--pythonpath", f"{HERE},{ROOT}", "--log-level", "warning"]
        cmd += ["doithoai.wsgi:application"]
        env = dict(self.env, DJANGO_SETTINGS_MODULE="http_settings")
        self.proc = subprocess.Popen(cmd, env=env, cwd=ROOT)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"gunicorn exited with {self.proc.returncode}")
            if probe(self.base + FLOOR) == 200:
                return self
            time.sleep(0.3)
        raise RuntimeError("gunicorn did not answer within 60 s")

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
        self.proc = None

    def worker_pids(self) -> list[int]:
        pids = []
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == self.proc.pid:
                pids.append(int(entry.name))
        return pids

    def rss(self) -> dict:
        """Return the largest current (VmRSS) and peak (VmHWM) RSS of the workers, in MB."""
        out = {"rss_mb": 0.0, "peak_mb": 0.0}
        for pid in self.worker_pids():
            try:
                text = Path(f"/proc/{pid}/status").read_text()
            except OSError:
                continue
            for line in text.splitlines():
                key, _, value = line.partition(":")
                if key == "VmRSS":
                    out["rss_mb"] = max(out["rss_mb"], int(value.split()[0]) / 1024)
                elif key == "VmHWM":
                    out["peak_mb"] = max(out["peak_mb"], int(value.split()[0]) / 1024)
        return out


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


_OPENER = urllib.request.build_opener(_NoRedirect)


def probe(url: str, cookie: str = "", timeout: float = 120) -> int:
    """Return the HTTP status of one GET (redirects not followed), 0 on a connection error."""
    request = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})
    try:
        with _OPENER.open(request, timeout=timeout) as response:
            response.read()
            return response.status
    except urllib.error.HTTPError as exc:
        return exc.code
    except OSError:
        return 0


def wrk(url: str, cookie: str, seconds: float) -> dict:
    """Load `url` with wrk; return req/s, p50, p99 (ms), non-2xx and errors."""
    cmd = ["wrk", "-t1", f"-c{CONNECTIONS}", f"-d{max(1, round(seconds))}s", "--timeout", "60s"]
    cmd += ["-s", str(HERE / "wrk_report.lua")]
    if cookie:
        cmd += ["-H", f"Cookie: {cookie}"]
    out = subprocess.run(cmd + [url], capture_output=True, text=True, timeout=seconds + 120)
    line = next((x for x in out.stdout.splitlines() if x.startswith("BENCHJSON ")), None)
    if line is None:
        raise RuntimeError(f"wrk gave no figures: {out.stdout[-300:]} {out.stderr[-300:]}")
    data = json.loads(line.split(" ", 1)[1])
    duration = data["duration_us"] / 1e6 or 1.0
    return {
        "requests": data["requests"],
        "req_s": data["requests"] / duration,
        "p50_ms": data["p50_us"] / 1000,
        "p99_ms": data["p99_us"] / 1000,
        "non2xx": data["non2xx"],
        "errors": data["errors"],
    }


def python_load(url: str, cookie: str, seconds: float) -> dict:
    """A bounded load generator: CONNECTIONS threads for `seconds`, one request at a time."""
    latencies: list[float] = []
    bad = [0, 0]  # non-2xx, errors
    lock = threading.Lock()
    stop = time.monotonic() + seconds

    def worker():
        while time.monotonic() < stop:
            t0 = time.perf_counter()
            status = probe(url, cookie, timeout=60)
            elapsed = time.perf_counter() - t0
            with lock:
                latencies.append(elapsed)
                if status == 0:
                    bad[1] += 1
                elif not 200 <= status < 300:
                    bad[0] += 1

    threads = [threading.Thread(target=worker) for _ in range(CONNECTIONS)]
    started = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join(seconds + 120)
    duration = time.monotonic() - started
    latencies.sort()
    pick = (
        (lambda q: latencies[min(len(latencies) - 1, int(q * len(latencies)))] * 1000)
        if (latencies)
        else (lambda q: float("nan"))
    )
    return {
        "requests": len(latencies),
        "req_s": len(latencies) / duration,
        "p50_ms": statistics.median(latencies) * 1000 if latencies else float("nan"),
        "p99_ms": pick(0.99),
        "non2xx": bad[0],
        "errors": bad[1],
    }


def session_cookie(user) -> str:
    """Create a logged-in session for `user` (as the login view and the second factor would)
    and return the cookies a browser then sends: the session's and the CSRF one."""
    from importlib import import_module

    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from doithoai.accounts.policy import needs_second_factor

    store = import_module(settings.SESSION_ENGINE).SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    if needs_second_factor(user):
        # A privileged role passed its second factor at log-in, as in production.
        device, _ = TOTPDevice.objects.get_or_create(
            user=user, name="bench", defaults={"confirmed": True}
        )
        store[DEVICE_ID_SESSION_KEY] = device.persistent_id
    store.save()
    # A browser holds the CSRF cookie from its first page on (pages are cached per it).
    from django.middleware.csrf import CSRF_ALLOWED_CHARS, CSRF_SECRET_LENGTH
    from django.utils.crypto import get_random_string

    csrf = get_random_string(CSRF_SECRET_LENGTH, CSRF_ALLOWED_CHARS)
    return f"{settings.SESSION_COOKIE_NAME}={store.session_key}; {settings.CSRF_COOKIE_NAME}={csrf}"


def province() -> tuple[str, object]:
    """Put every agency under one province agency; return its code and a superuser."""
    from django.contrib.auth import get_user_model

    from doithoai.organizations.models import Agency

    parent, _ = Agency.objects.get_or_create(
        code="bench-tinh", defaults={"name": "UBND tỉnh (bench)", "locality": "Bench"}
    )
    Agency.objects.exclude(pk=parent.pk).update(parent=parent)
    root, _ = get_user_model().objects.get_or_create(
        username="bench-root", defaults={"is_superuser": True, "is_staff": True}
    )
    return parent.code, root


def pages(manifest: dict) -> list[Page]:
    """Return the pages to measure, each with a session of a user of the right role."""
    from django.contrib.auth import get_user_model
    from vocab import COMMON_QUERY

    from doithoai.organizations.models import Agency
    from doithoai.petitions.models import Petition, Status

    users = get_user_model().objects
    largest = manifest["agencies"][str(manifest["largest"])]
    agency = Agency.objects.get(pk=manifest["largest"])
    sec = session_cookie(users.get(pk=largest["secretariat"]))
    head = session_cookie(users.get(pk=largest["head"]))
    staff_user = users.get(pk=largest["staff"])
    staff = session_cookie(staff_user)
    own = Petition.objects.filter(submitter=staff_user).order_by("-submitted_at").first()
    received = (
        Petition.objects.filter(agency=agency, status=Status.RECEIVED)
        .order_by("-submitted_at")
        .first()
    )
    half_year, _, report_half = REPORT_PERIOD.partition("-")
    code, root = province()
    inbox = "/kien-nghi/tiep-nhan/"
    out = [
        Page("secretariat inbox, default", inbox, sec),
        Page("secretariat inbox, by topic", f"{inbox}?topic={largest['topic']}", sec),
        Page("secretariat inbox, by status", f"{inbox}?status=assigned", sec),
        Page("search 'can bo'", f"{inbox}?q=can+bo", sec),
        Page("search 'luong'", f"{inbox}?q=luong", sec),
        Page(f"search '{COMMON_QUERY}'", f"{inbox}?q={COMMON_QUERY.replace(' ', '+')}", sec),
    ]
    if own is not None:
        out.append(Page("petition detail (its submitter)", f"/kien-nghi/{own.pk}/", staff))
    if received is not None:
        out.append(Page("secretariat petition page", f"/kien-nghi/{received.pk}/xu-ly/", sec))
    out += [
        Page("head's home", "/", head),
        Page("deadline board", "/thoi-han/", sec),
        Page("statistics dashboard", f"/thong-ke/{agency.code}/", head),
        Page(
            "semi-annual report DOCX",
            f"/van-ban/bao-cao/{agency.code}/{half_year}-6thang{report_half}.docx",
            head,
        ),
        Page("API petition list (rate limit on)", "/api/v1/petitions/", sec),
        Page(
            f"province roll-up ({Agency.objects.count() - 1} agencies)",
            f"/thong-ke/{code}/tong-hop/",
            session_cookie(root),
        ),
    ]
    return out


def run(manifest: dict, env: dict, seconds: float, warm=None, only=None) -> dict:
    """Measure every page (or those named `only…`) and the floor before each; return the
    figures (with the Excel export's, when every page is measured)."""
    load = wrk if shutil.which("wrk") else python_load
    tool = "wrk -t1 -c8" if load is wrk else "Python load generator, 8 threads"
    todo = [p for p in pages(manifest) if not only or p.name.startswith(only)]
    if warm is not None:
        warm(manifest, REPORT_PERIOD)
    server = Gunicorn(env).start()
    rows = []
    try:
        for page in todo:
            url = server.base + page.path
            page.status, alone_ms = _alone(url, page.cookie)
            print(f"  http: {page.name} (probe {page.status}) …", flush=True)
            floor = load(server.base + FLOOR, "", seconds)
            page.result = load(url, page.cookie, seconds)
            page.result.update(server.rss())
            page.result["alone_ms"] = alone_ms
            page.result["floor_req_s"] = floor["req_s"]
            page.result["pct_of_floor"] = (
                100 * page.result["req_s"] / floor["req_s"] if floor["req_s"] else 0.0
            )
            rows.append(page)
    finally:
        server.stop()
    rendered(rows, env)
    return {
        "tool": tool,
        "seconds": seconds,
        "workers": 2,
        "pages": [
            {"name": p.name, "path": p.path, "probe_status": p.status, **p.result} for p in rows
        ],
        "export": {} if only else export(manifest, env),
    }


def export(manifest: dict, env: dict) -> dict:
    """Run the Excel export of the largest agency in a child process; return its figures."""
    import os
    import tempfile

    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as out:
        json.dump(manifest, out)
    try:
        child = dict(env, DJANGO_SETTINGS_MODULE="doithoai.settings")
        done = subprocess.run(
            [sys.executable, str(HERE / "export_child.py"), out.name],
            env=child,
            capture_output=True,
            text=True,
            timeout=600,
        )
    finally:
        os.unlink(out.name)
    line = next((x for x in done.stdout.splitlines() if x.startswith("BENCHJSON ")), None)
    if line is None:
        return {"error": (done.stderr or done.stdout)[-500:]}
    return json.loads(line.split(" ", 1)[1])


def missed(figures: dict) -> list[str]:
    """Return the issue's targets the HTTP figures miss."""
    out = []
    for p in figures["pages"]:
        name = p["name"]
        share = _by_prefix(SHARE_OF_FLOOR, name)
        if share is not None and p["pct_of_floor"] < share:
            out.append(f"{name}: {p['pct_of_floor']:.1f}% of the floor < {share:g}%")
        alone = _by_prefix(ALONE_MS, name)
        if alone is not None and p["alone_ms"] > alone:
            out.append(f"{name}: {p['alone_ms']:.0f} ms alone > {alone:g} ms")
        if p["peak_mb"] > WORKER_RSS_MB:
            out.append(f"{name}: worker peak RSS {p['peak_mb']:.0f} MB > {WORKER_RSS_MB:g} MB")
        if p["non2xx"] + p["errors"] or not 200 <= p["probe_status"] < 300:
            out.append(f"{name}: {p['non2xx'] + p['errors']} non-2xx (probe {p['probe_status']})")
    job = figures.get("export") or {}
    if "error" in job:
        out.append(f"export failed: {job['error']}")
    elif job:
        if job["seconds"] > EXPORT_SECONDS:
            out.append(f"export: {job['seconds']:.1f} s > {EXPORT_SECONDS:g} s")
        if job["peak_mb"] > EXPORT_RSS_MB:
            out.append(f"export: peak RSS {job['peak_mb']:.0f} MB > {EXPORT_RSS_MB:g} MB")
    return out


def _alone(url: str, cookie: str) -> tuple[int, float]:
    """Warm both workers, then time ALONE_REQUESTS requests one at a time with nothing else
    running; return the status and the median in ms."""
    for _ in range(2):  # warm both workers (imports, caches)
        status = probe(url, cookie)
    times = []
    for _ in range(ALONE_REQUESTS):
        t0 = time.perf_counter()
        probe(url, cookie)
        times.append((time.perf_counter() - t0) * 1000)
    return status, statistics.median(times)


def rendered(rows: list, env: dict) -> None:
    """Time each page alone with the page cache off (`PAGE_CACHE_SECONDS=0`): what the first
    request after a write costs, since the load above is mostly served from the cache."""
    server = Gunicorn(dict(env, PAGE_CACHE_SECONDS="0")).start()
    try:
        for page in rows:
            page.result["rendered_ms"] = _alone(server.base + page.path, page.cookie)[1]
    finally:
        server.stop()


def table(figures: dict) -> str:
    """Return the one-line-per-page table."""
    head = (
        f"{'page':40} {'probe':>5} {'req/s':>7} {'p50 ms':>8} {'p99 ms':>8} {'non2xx':>6}"
        f" {'RSS MB':>6} {'peak':>5} {'floor/s':>7} {'% floor':>7} {'target':>6} {'alone':>7}"
        f" {'render':>7}"
    )
    lines = [f"HTTP ({figures['tool']}, {figures['seconds']:g} s each, gunicorn 2 sync workers)"]
    lines.append(
        "alone: one request at a time, as served (from the page cache when unchanged);"
        " render: the same with the page cache off (the first request after a write)"
    )
    lines += [head, "-" * len(head)]
    for p in figures["pages"]:
        lines.append(
            f"{p['name'][:40]:40} {p['probe_status']:>5} {p['req_s']:>7.1f} {p['p50_ms']:>8.1f}"
            f" {p['p99_ms']:>8.1f} {p['non2xx'] + p['errors']:>6} {p['rss_mb']:>6.0f}"
            f" {p['peak_mb']:>5.0f} {p['floor_req_s']:>7.0f} {p['pct_of_floor']:>6.1f}%"
            f" {_target(p['name']):>6} {p['alone_ms']:>5.0f}ms"
            f" {p.get('rendered_ms', 0):>5.0f}ms"
        )
    job = figures.get("export") or {}
    if "error" in job:
        lines.append(f"Excel export (task, largest agency): FAILED {job['error']}")
    elif job:
        lines.append(
            f"Excel export (task, largest agency): {job['rows']:,} rows in {job['seconds']:.1f} s,"
            f" peak RSS {job['peak_mb']:.0f} MB, file {job['file_mb']:.1f} MB"
            f" (targets <= {EXPORT_SECONDS:g} s, <= {EXPORT_RSS_MB:g} MB)"
        )
    return "\n".join(lines)


def _by_prefix(targets: dict, name: str):
    """Return the target of the page `name` (keyed by the start of page names), or None."""
    return next((v for k, v in targets.items() if name.startswith(k)), None)


def _target(name: str) -> str:
    share = _by_prefix(SHARE_OF_FLOOR, name)
    return f">={share:g}%" if share is not None else ""


__all__ = ["Gunicorn", "Page", "Redis", "asdict", "missed", "run", "table"]
