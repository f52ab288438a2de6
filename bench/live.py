"""The live conference bench: 300 phones polling one conference while the chair answers.

    .venv/bin/python bench/live.py                    # 300 phones, 30 s, SQLite (embedded)
    .venv/bin/python bench/live.py --postgres         # the same on a throw-away PostgreSQL
    make bench-live

It makes a temporary database with one agency, 300 staff members and a conference in
progress with a running order, starts gunicorn (sync workers, 127.0.0.1, a port of
BENCH_PORTS), then, bounded in time:

1. the baseline: every phone polls the floor (a bare view through the same middleware) once a
   second — what the framework alone costs at that rate on this machine, measured now;
2. the room: every phone polls its live fragment once a second with `If-None-Match` (as the
   browser does), while the chair records an answer every few seconds (through the actions,
   as the console does) and the consoles poll the chair's panel and open the workspace.

It prints the time for a phone to see a recorded answer (from the start of the action to the
first poll that shows it; p50, p99, max; a phone that never saw it counts as a miss), the poll
and console latencies, the statuses, and the workers' RSS, then exits 1 when a target below
is missed. The load generator is asyncio in this process (one connection per poll, as with
sync gunicorn); it shares the CPU with the server, so the figures are conservative.
"""

import argparse
import asyncio
import os
import random
import sys
import tempfile
import time
from pathlib import Path

# -- Targets -----------------------------------------------------------------------------
SEE_P99_S = 2.0  # every phone sees a recorded answer within 2 s (p99)
RSS_MB = 150.0  # worker RSS
CONSOLE_P99_S = 1.0  # the consoles stay responsive
# ------------------------------------------------------------------------------------------

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))
# The live helper's range, leaving out a port a signing test uses.
os.environ.setdefault("BENCH_PORTS", "22500-22999")


def parse_args():
    parser = argparse.ArgumentParser(description="doithoai live conference bench")
    parser.add_argument("--phones", type=int, default=300)
    parser.add_argument("--seconds", type=float, default=30.0, help="the room's load")
    parser.add_argument("--baseline-seconds", type=float, default=10.0)
    parser.add_argument("--interval", type=float, default=1.0, help="a phone's poll period")
    parser.add_argument("--answer-every", type=float, default=3.0)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn sync workers")
    parser.add_argument("--postgres", action="store_true", help="a throw-away PostgreSQL")
    return parser.parse_args()


def database(args, stack) -> str:
    if args.postgres:
        from pgserver import ThrowawayPostgres

        server = ThrowawayPostgres()
        stack.append(server.stop)
        server.start()
        return server.url
    folder = tempfile.mkdtemp(prefix="doithoai-bench-live-")
    stack.append(lambda: __import__("shutil").rmtree(folder, ignore_errors=True))
    return f"sqlite:///{folder}/live.sqlite3"


def prepare(phones: int) -> dict:
    """Migrate, then make the agency, the phones' sessions and a conference in progress."""
    from django.core.management import call_command
    from django.utils import timezone
    from httpbench import session_cookie

    from doithoai.conferences.actions import open_conference, send_compilation
    from doithoai.testing import factories as f

    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)
    cast = f.Cast()
    conference = f.ad_hoc_conference(cast, starts_at=timezone.now(), title="Hội nghị đối thoại")
    petitions = [
        f.scheduled(cast, conference, title=f"Kiến nghị số {i} về chế độ làm việc")
        for i in range(1, 41)
    ]
    send_compilation(conference=conference, by=cast.secretariat)
    open_conference(conference=conference, by=cast.head, attendance="Toàn thể")
    users = [f.member(cast.agency, username=f"phone{i}") for i in range(phones)]
    return {
        "conference": conference.pk,
        "head": cast.head,
        "petitions": petitions,
        "head_cookie": session_cookie(cast.head),
        "cookies": [session_cookie(u) for u in users],
    }


async def get(port: int, path: str, headers: dict) -> tuple[int, dict, bytes, float]:
    """GET `path` on one new connection; return status, headers, body and the elapsed time."""
    start = time.monotonic()
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    lines = [f"GET {path} HTTP/1.1", "Host: 127.0.0.1", "Connection: close"]
    lines += [f"{k}: {v}" for k, v in headers.items()]
    writer.write(("\r\n".join(lines) + "\r\n\r\n").encode())
    await writer.drain()
    data = await reader.read()
    writer.close()
    head, _, body = data.partition(b"\r\n\r\n")
    first, *rest = head.decode("latin-1").split("\r\n")
    status = int(first.split(" ", 2)[1]) if first else 0
    fields: dict = {"set-cookie": []}
    for line in rest:
        key, _, value = line.partition(":")
        key = key.strip().lower()
        if key == "set-cookie":
            fields[key].append(value.strip())
        else:
            fields[key] = value.strip()
    return status, fields, body, time.monotonic() - start


def keep_cookies(jar: dict, fields: dict) -> None:
    """Keep what the server set (the room pass), as a browser's cookie jar does."""
    for line in fields.get("set-cookie", []):
        pair, _, attributes = line.partition(";")
        name, _, value = pair.partition("=")
        if "max-age=0" in attributes.lower().replace(" ", ""):
            jar.pop(name.strip(), None)
        else:
            jar[name.strip()] = value.strip()


class Run:
    """What one load phase records."""

    def __init__(self):
        self.latency: list[float] = []
        self.statuses: dict[int, int] = {}
        self.errors = 0

    def count(self, status, elapsed):
        self.latency.append(elapsed)
        self.statuses[status] = self.statuses.get(status, 0) + 1


async def phone_loop(port, path, cookie, interval, stop_at, run, published=None, seen=None):
    """Poll like a phone: once per `interval`, with the last ETag; note answers first seen."""
    await asyncio.sleep(random.random() * interval)
    etag = None
    jar: dict[str, str] = {}
    tick = time.monotonic()
    while time.monotonic() < stop_at:
        headers = {"Cookie": "; ".join([cookie, *(f"{k}={v}" for k, v in jar.items())])}
        if etag:
            headers["If-None-Match"] = etag
        try:
            status, fields, body, elapsed = await get(port, path, headers)
        except OSError:
            run.errors += 1
            status, fields, body, elapsed = 0, {}, b"", 0.0
        run.count(status, elapsed)
        keep_cookies(jar, fields)
        if status == 200 and published is not None:
            etag = fields.get("etag", etag)
            now = time.monotonic()
            for marker, started in list(published.items()):
                if marker not in seen and marker.encode() in body:
                    seen[marker] = max(0.0, now - started)
        tick += interval
        await asyncio.sleep(max(0.0, tick - time.monotonic()))


async def console_loop(port, paths, cookie, period, stop_at, run):
    """Open the chair's panel and workspace as a console does, timing each answer."""
    i = 0
    while time.monotonic() < stop_at:
        path = paths[i % len(paths)]
        i += 1
        try:
            status, _f, _b, elapsed = await get(port, path, {"Cookie": cookie})
        except OSError:
            run.errors += 1
            continue
        run.count(status, elapsed)
        await asyncio.sleep(period)


def answer_in_thread(petition, text, head):
    """Record an answer through the action, as the chair's console does (a DB thread)."""
    from django.db import connection

    from doithoai.followups.actions import answer_petition

    try:
        answer_petition(petition=petition, text=text, by=head)
    finally:
        connection.close()


async def chair_loop(data, every, stop_at, published):
    """Answer one item every `every` seconds; note when each answer's action started."""
    loop = asyncio.get_running_loop()
    await asyncio.sleep(every)
    for i, petition in enumerate(data["petitions"]):
        if time.monotonic() > stop_at - 2 * every:
            break
        marker = f"Trả lời số {i + 1:03d} của chủ trì"
        published[marker] = time.monotonic()
        await loop.run_in_executor(None, answer_in_thread, petition, marker, data["head"])
        await asyncio.sleep(every)


async def rss_loop(server, stop_at, out):
    while time.monotonic() < stop_at:
        out.append(server.rss()["rss_mb"])
        await asyncio.sleep(1.0)


def pct(values, q):
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q / 100 * (len(ordered) - 1))))]


async def baseline(port, cookies, args) -> Run:
    from httpbench import FLOOR

    run = Run()
    stop_at = time.monotonic() + args.baseline_seconds
    await asyncio.gather(
        *(phone_loop(port, FLOOR, c, args.interval, stop_at, run) for c in cookies)
    )
    return run


async def room(port, data, args, server):
    conference = data["conference"]
    path = f"/hn/{conference}/dien-thoai/trang-thai/"
    phones, consoles = Run(), Run()
    published: dict[str, float] = {}
    seen = [dict() for _ in data["cookies"]]
    rss: list[float] = []
    stop_at = time.monotonic() + args.seconds
    tasks = [
        phone_loop(port, path, c, args.interval, stop_at, phones, published, seen[i])
        for i, c in enumerate(data["cookies"])
    ]
    console_paths = [f"/hn/{conference}/dieu-hanh/", f"/hoi-nghi/{conference}/"]
    tasks.append(console_loop(port, console_paths, data["head_cookie"], 0.5, stop_at, consoles))
    tasks.append(chair_loop(data, args.answer_every, stop_at, published))
    tasks.append(rss_loop(server, stop_at, rss))
    await asyncio.gather(*tasks)
    see, misses = [], 0
    for phone_seen in seen:
        for marker in published:
            if marker in phone_seen:
                see.append(phone_seen[marker])
            else:
                misses += 1
                see.append(float("inf"))
    return phones, consoles, see, misses, len(published), rss


def main() -> int:
    args = parse_args()
    stack = []
    try:
        url = database(args, stack)
        from run import server_env

        # Plain HTTP on loopback: no redirect to HTTPS (a proxy terminates TLS in production).
        env = {**server_env(url), "SECURE_SSL_REDIRECT": "0"}
        os.environ.update(env)
        os.environ["DJANGO_SETTINGS_MODULE"] = "doithoai.settings"
        import django

        django.setup()
        from django.db import connections

        print(f"preparing {args.phones} phones and a conference in progress …", flush=True)
        data = prepare(args.phones)
        connections.close_all()
        from httpbench import Gunicorn

        server = Gunicorn(dict(os.environ, **env), workers=args.workers)
        stack.append(server.stop)
        server.start()
        port = server.port
        print(f"gunicorn {args.workers} sync workers on 127.0.0.1:{port}", flush=True)
        # The floor once per worker first: the product's own footprint (every app's URLs and
        # views imported), before any page of the room is served.
        from httpbench import FLOOR

        for _ in range(4):
            asyncio.run(get(port, FLOOR, {"Cookie": data["cookies"][0]}))
        idle = server.rss()["rss_mb"]
        asyncio.run(
            get(port, f"/hn/{data['conference']}/dien-thoai/", {"Cookie": data["cookies"][0]})
        )
        floor = asyncio.run(baseline(port, data["cookies"], args))
        after_floor = server.rss()["rss_mb"]
        phones, consoles, see, misses, answers, rss = asyncio.run(room(port, data, args, server))
        peak = server.rss()["peak_mb"]
        finite = [s for s in see if s != float("inf")]
        see_p99 = pct(see, 99)
        lines = [
            f"live conference: {args.phones} phones polling every {args.interval:g} s, "
            f"{args.workers} gunicorn sync workers, {os.cpu_count()} CPUs (shared), "
            f"{'PostgreSQL' if args.postgres else 'SQLite'}",
            f"  baseline floor poll   p50 {pct(floor.latency, 50) * 1000:7.1f} ms  "
            f"p99 {pct(floor.latency, 99) * 1000:7.1f} ms  "
            f"({len(floor.latency) / args.baseline_seconds:.0f} req/s, statuses {floor.statuses})",
            f"  phone poll (ETag)     p50 {pct(phones.latency, 50) * 1000:7.1f} ms  "
            f"p99 {pct(phones.latency, 99) * 1000:7.1f} ms  "
            f"({len(phones.latency) / args.seconds:.0f} req/s, statuses {phones.statuses}, "
            f"errors {phones.errors})",
            f"  console (panel+page)  p50 {pct(consoles.latency, 50) * 1000:7.1f} ms  "
            f"p99 {pct(consoles.latency, 99) * 1000:7.1f} ms  ({len(consoles.latency)} requests)",
            f"  time to see an answer p50 {pct(finite, 50):7.2f} s   p99 {see_p99:7.2f} s   "
            f"max {max(finite) if finite else float('nan'):.2f} s  "
            f"({answers} answers x {args.phones} phones, {misses} missed)",
            f"  worker RSS            after the floor alone {idle:.0f} MB, after the baseline "
            f"{after_floor:.0f} MB, "
            f"in the room max {max(rss) if rss else 0:.0f} MB, peak {peak:.0f} MB",
            f"  machine load average  {os.getloadavg()[0]:.1f} (other processes share the CPUs)",
        ]
        print("\n".join(lines))
        failed = []
        if not see_p99 <= SEE_P99_S:
            failed.append(f"time to see p99 {see_p99:.2f} s > {SEE_P99_S} s")
        if peak >= RSS_MB:
            failed.append(f"worker RSS {peak:.0f} MB >= {RSS_MB} MB")
        if not pct(consoles.latency, 99) <= CONSOLE_P99_S:
            failed.append(f"console p99 > {CONSOLE_P99_S} s")
        if answers == 0:
            failed.append("no answer was recorded (run longer)")
        for line in failed:
            print("TARGET MISSED:", line)
        return 1 if failed else 0
    finally:
        for undo in reversed(stack):
            undo()


if __name__ == "__main__":
    sys.exit(main())
