"""Benchmarks of doithoai at national scale: list, keyset, search, report queries.

    .venv/bin/python bench/run.py                   # 200,000 petitions / 200 agencies
    .venv/bin/python bench/run.py --scale full      # 1,000,000 petitions / 1,000 agencies
    .venv/bin/python bench/run.py --scale tiny --sqlite   # a < 30 s check that it works

It starts a throw-away PostgreSQL on loopback (or uses BENCH_DATABASE_URL, an EMPTY
database it may migrate and fill), loads the data in a child process, then measures each
scenario of `bench/scenarios.py` through the project's own code with bounded iterations
and a time bound, compares it with a baseline measured in the same run (the same query
with index scans disabled, or OFFSET paging for the keyset pages), tries the changes the
bench recommends (an index, or a patch of this process, undone afterwards), prints a
table and the process's peak RSS, and exits 1 when a target below is missed.
"""

import argparse
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

# -- Targets (enforced on PostgreSQL at --scale default and full) -------------------------
LIST_P99_MS = 50.0  # p99 of every petition / assignment list query
KEYSET_DEEP_RATIO = 2.0  # keyset page 100 p50 <= 2 x page 1 p50
SUMMARY_P99_MS = 500.0  # the report summary of the largest agency (one half-year / year)
QUERIES_PER_PAGE_MAX = 4  # user memberships + roles + the page: no query per row
# ------------------------------------------------------------------------------------------

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))


def parse_args():
    parser = argparse.ArgumentParser(description="doithoai benchmarks")
    parser.add_argument("--scale", default="default", choices=["tiny", "small", "default", "full"])
    parser.add_argument("--sqlite", action="store_true", help="use a temporary SQLite file")
    parser.add_argument("--max-iter", type=int, help="iterations per scenario (default 200)")
    parser.add_argument("--seconds", type=float, help="time bound per scenario (default 4)")
    parser.add_argument("--baseline-seconds", type=float, help="time bound per baseline")
    parser.add_argument("--no-experiments", action="store_true", help="skip the experiments")
    parser.add_argument("--manifest", help="reuse a data set loaded before (with --no-load)")
    parser.add_argument("--no-load", action="store_true", help="measure the loaded database")
    parser.add_argument(
        "--json", help="write the figures to this file (default var/bench-SCALE.json)"
    )
    parser.add_argument("--http-seconds", type=float, help="load per page and floor (3/10/20 s)")
    parser.add_argument("--no-http", action="store_true", help="skip the HTTP bench")
    parser.add_argument("--http-only", action="store_true", help="only the HTTP bench")
    parser.add_argument("--pages", help="only the HTTP pages whose name starts with this")
    parser.add_argument("--no-redis", action="store_true", help="keep the database cache")
    args = parser.parse_args()
    quick = args.scale in ("tiny", "small")
    args.http_seconds = args.http_seconds or {"full": 20.0, "default": 10.0}.get(args.scale, 3.0)
    args.json = args.json or str(ROOT / "var" / f"bench-{args.scale}.json")
    args.max_iter = args.max_iter or (20 if quick else 200)
    args.seconds = args.seconds or (0.4 if quick else 4.0)
    args.baseline_seconds = args.baseline_seconds or (0.2 if quick else 2.0)
    return args


def database(args, stack):
    """Return the database URL for the run; start a throw-away server if needed."""
    if args.sqlite:
        folder = tempfile.mkdtemp(prefix="doithoai-bench-sqlite-")
        stack.append(lambda: __import__("shutil").rmtree(folder, ignore_errors=True))
        return f"sqlite:///{folder}/bench.sqlite3", "SQLite (temporary file)"
    if os.environ.get("BENCH_DATABASE_URL"):
        return os.environ["BENCH_DATABASE_URL"], "BENCH_DATABASE_URL"
    from pgserver import ThrowawayPostgres

    server = ThrowawayPostgres()
    stack.append(server.stop)
    server.start()
    return server.url, f"throw-away PostgreSQL 15 on 127.0.0.1:{server.port} (fsync=off)"


def load(args, url: str, stack) -> dict:
    """Migrate and fill the database in a child process; return its manifest."""
    env = dict(os.environ, **server_env(url), DJANGO_SETTINGS_MODULE="doithoai.settings")
    if args.no_load:
        # The data was loaded by an earlier run: bring its schema up to the code's first.
        cmd = [sys.executable, "-m", "doithoai", "migrate", "--no-input", "-v0"]
        subprocess.run(cmd, env=env, check=True, cwd=ROOT)
        return json.loads(Path(args.manifest).read_text())
    manifest = args.manifest
    if not manifest:
        manifest = tempfile.mktemp(prefix="doithoai-bench-", suffix=".json")
        stack.append(lambda: Path(manifest).unlink(missing_ok=True))
    cmd = [sys.executable, str(HERE / "datagen.py"), "--scale", args.scale]
    subprocess.run(cmd + ["--manifest", manifest], env=env, check=True)
    return json.loads(Path(manifest).read_text())


def server_env(url: str) -> dict:
    """Return the environment of the measured process and of the gunicorn workers."""
    env = {
        "DATABASE_URL": url,
        "DEBUG": "0",  # as in production: no query log kept
        "SECRET_KEY": "bench-only",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DATABASE_CONN_MAX_AGE": "600",
        # The rate limiter runs on every API call, with a limit the load never reaches.
        "API_RATE_LIMIT": "1000000000",
        # Plain HTTP on loopback: no redirect to HTTPS (a proxy terminates TLS in production).
        "SECURE_SSL_REDIRECT": "0",
    }
    return {k: v for k, v in env.items() if k == "DATABASE_URL" or k not in os.environ}


def start_redis(args, stack) -> str:
    """Start a throw-away redis-server for the shared cache; return its URL or ''."""
    if args.no_redis or args.sqlite:
        return ""
    from httpbench import Redis

    redis = Redis().start()
    if redis is None:
        print("note: no redis-server; the cache is the database table (the embedded default)")
        return ""
    stack.append(redis.stop)
    return redis.url


def setup_django(url: str) -> None:
    os.environ.update(server_env(url))
    os.environ["DJANGO_SETTINGS_MODULE"] = "doithoai.settings"
    import django

    django.setup()


def measure(scenario, args, postgres: bool):
    """Time one scenario and its baseline, count its SQL and read its plan."""
    from measure import Planner, bounded, capture, explain, plan_summary, timed

    statements = capture(scenario.fn)
    result = timed(scenario.name, scenario.fn, max_iter=args.max_iter, max_seconds=args.seconds)
    result.queries = len(statements)
    result.target_ms = scenario.target_ms
    result.note = scenario.note
    nodes = explain(statements)
    result.nodes = plan_summary(nodes)
    result.seq_scan_petitions = any(
        node == "Seq Scan" and rel == "petitions_petition" for node, rel in nodes
    )
    bounds = {
        "max_iter": max(5, args.max_iter // 4),
        "max_seconds": args.baseline_seconds,
        "timeout_s": args.baseline_seconds * 2.5,
        "warmup": 1,
    }
    if scenario.baseline == "alt":
        result.baseline_name = scenario.baseline_name
        result.baseline = bounded(scenario.baseline_name, scenario.baseline_fn, **bounds)
    elif scenario.baseline == "noindex" and postgres:
        result.baseline_name = "same, index scans off"
        with Planner():
            result.baseline = bounded(result.baseline_name, scenario.fn, **bounds)
    return result


def fmt(value: float) -> str:
    return "-" if value != value else (f"{value:.1f}" if value < 100 else f"{value:.0f}")


def table(results) -> str:
    head = (
        f"{'scenario':38} {'rows':>5} {'sql':>3} {'n':>4} {'q/s':>7} {'p50 ms':>7} {'p99 ms':>7}"
        f" {'db p50':>6} {'target':>6} {'base p50':>8} {'x':>6}  plan"
    )
    lines = [head, "-" * len(head)]
    for r in results:
        base = r.baseline.p50 if r.baseline else float("nan")
        ratio = f"{base / r.p50:.1f}" if r.baseline and r.p50 > 0 else "-"
        if r.baseline and r.baseline.note:  # cancelled: a lower bound
            base_text, ratio = f">{base / 1000:.0f}s", f">{ratio}"
        else:
            base_text = fmt(base)
        target = f"<{r.target_ms:.0f}" if r.target_ms else ""
        flag = "  SEQ SCAN ON PETITIONS" if r.seq_scan_petitions else ""
        lines.append(
            f"{r.name[:38]:38} {r.rows:>5} {r.queries:>3} {r.n:>4} {r.qps:>7.0f} {fmt(r.p50):>7}"
            f" {fmt(r.p99):>7} {fmt(r.db_p50):>6} {target:>6} {base_text:>8} {ratio:>6}  {r.nodes}{flag}"
        )
    return "\n".join(lines)


def check(results) -> list[str]:
    """Return the targets missed."""
    missed = []
    by_name = {r.name: r for r in results}
    for r in results:
        if r.target_ms and r.p99 > r.target_ms:
            missed.append(f"{r.name}: p99 {r.p99:.1f} ms > {r.target_ms:.0f} ms")
        if r.target_ms == LIST_P99_MS and r.queries > QUERIES_PER_PAGE_MAX:
            missed.append(f"{r.name}: {r.queries} queries > {QUERIES_PER_PAGE_MAX} (per row?)")
    from scenarios import DEEP_PAGE

    api_first = by_name.get("secretariat API page 1")
    api_deep = next((r for r in results if r.name.startswith("secretariat API cursor page")), None)
    if api_first and api_deep and api_deep.p50 > KEYSET_DEEP_RATIO * max(api_first.p50, 1.0):
        missed.append(
            f"{api_deep.name}: p50 {api_deep.p50:.1f} ms > {KEYSET_DEEP_RATIO:g} x "
            f"API page 1 ({api_first.p50:.1f} ms)"
        )
    for who in ("secretariat", "staff"):
        first = by_name.get(f"{who} page 1")
        deep = by_name.get(f"{who} keyset page {DEEP_PAGE}")
        if first and deep and deep.p50 > KEYSET_DEEP_RATIO * max(first.p50, 1.0):
            missed.append(
                f"{who} keyset page {DEEP_PAGE}: p50 {deep.p50:.1f} ms > "
                f"{KEYSET_DEEP_RATIO:g} x page 1 ({first.p50:.1f} ms)"
            )
    return missed


def rss() -> dict:
    """Peak and current resident memory of this process, from /proc (MB)."""
    out = {}
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            key, _, value = line.partition(":")
            if key in ("VmHWM", "VmRSS"):
                out[key] = int(value.split()[0]) / 1024
    except OSError:
        import resource

        out["VmHWM"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return out


START_LOAD = os.getloadavg()


def warm_summaries(manifest: dict, report_period: str) -> None:
    """Store the report summaries the measured pages read, as the refresh task would.

    The loader writes rows directly (no action runs, so no refresh task is queued): this
    year for every agency (dashboard, roll-up), and the report's half-year for the largest.
    """
    from django.core.management import call_command
    from django.utils import timezone

    t0 = time.monotonic()
    year = str(timezone.localdate().year)
    call_command("refresh_summaries", period=[(int(year), None)], verbosity=0)
    year, _, half = report_period.partition("-")
    call_command(
        "refresh_summaries",
        period=[(int(year), int(half))],
        agency=[int(manifest["largest"])],
        verbosity=0,
    )
    print(f"  stored report summaries filled in {time.monotonic() - t0:.1f} s", flush=True)


def main() -> int:
    args = parse_args()
    if args.sqlite and args.scale in ("default", "full"):
        print("note: SQLite at this scale is slow to load; --scale tiny or small is advised")
    stack: list = []
    import atexit

    def cleanup():
        while stack:
            try:
                stack.pop()()
            except Exception as exc:  # noqa: BLE001
                print(f"cleanup: {exc!r}", file=sys.stderr)

    atexit.register(cleanup)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # run the finally below
    try:
        t0 = time.monotonic()
        url, where = database(args, stack)
        print(f"doithoai bench — scale {args.scale} — {where}", flush=True)
        manifest = load(args, url, stack)
        cache_url = start_redis(args, stack)
        if cache_url:
            os.environ["CACHE_URL"] = cache_url
            where += f"; cache: redis-server on {cache_url}"
        setup_django(url)
        if not cache_url:
            from django.core.management import call_command

            call_command("createcachetable", verbosity=0)
        return report(args, manifest, where, time.monotonic() - t0)
    finally:
        cleanup()


def report(args, manifest: dict, where: str, load_seconds: float) -> int:
    from django.db import connection
    from experiments import run_experiments
    from scenarios import build

    postgres = connection.vendor == "postgresql"
    counts = manifest["counts"]
    largest = manifest["agencies"][str(manifest["largest"])]
    print(
        f"data: {counts['petition']:,} petitions in {manifest['agencies_total']:,} agencies "
        f"(largest {largest['petitions']:,}), {counts['user']:,} users, "
        f"{counts['assignment']:,} assignments, {counts['audit']:,} audit events, "
        f"{counts.get('deadline', 0):,} deadlines; loaded in {manifest['load_seconds']} s "
        f"(set-up total {load_seconds:.0f} s, loader peak RSS {manifest['loader_max_rss_mb']} MB)"
    )
    scenarios, notes = build(manifest, LIST_P99_MS, SUMMARY_P99_MS)
    results = []
    for scenario in [] if args.http_only else scenarios:
        print(f"  measuring {scenario.name} …", flush=True)
        try:
            results.append(measure(scenario, args, postgres))
        except Exception as exc:  # noqa: BLE001 - the code under test may be mid-change
            notes.append(f"{scenario.name} skipped: {type(exc).__name__}: {exc}".strip())
    skip = args.no_experiments or args.http_only or not postgres
    experiments = [] if skip else run_experiments(scenarios, results, args)
    http = None
    if not args.no_http:
        from httpbench import run as run_http
        from httpbench import table as http_table

        try:
            http = run_http(
                manifest, dict(os.environ), args.http_seconds, warm=warm_summaries, only=args.pages
            )
        except Exception as exc:  # noqa: BLE001 - report the SQL figures anyway
            notes.append(f"HTTP bench failed: {type(exc).__name__}: {exc}")
    print()
    print(table(results))
    print()
    for note in notes:
        print(f"note: {note}")
    for r in results:
        if r.note:
            print(f"note: {r.name}: {r.note}")
    if experiments:
        print("\nexperiments (an index in the bench database, or a patch of this process; undone):")
        for line in experiments:
            print(f"  {line['text']}")
    if http:
        print()
        print(http_table(http))
    load_avg = os.getloadavg()
    print(
        f"\nload average now {load_avg[0]:.1f} / {load_avg[1]:.1f} / {load_avg[2]:.1f} on "
        f"{os.cpu_count()} cores (at start: {START_LOAD[0]:.1f}); latencies include waiting "
        "for a CPU, so they are inflated when the load exceeds the cores"
    )
    memory = rss()
    print(
        f"\nRSS of the measuring process: peak {memory.get('VmHWM', 0):.0f} MB, "
        f"now {memory.get('VmRSS', 0):.0f} MB; loader child peak "
        f"{manifest['loader_max_rss_mb']} MB"
    )
    missed = check(results)
    if http:
        from httpbench import missed as http_missed

        missed += http_missed(http)
    enforced = postgres and args.scale in ("default", "full")
    print(
        f"\ntargets: list p99 < {LIST_P99_MS:g} ms, keyset page 100 <= {KEYSET_DEEP_RATIO:g} x "
        f"page 1, report summary p99 < {SUMMARY_P99_MS:g} ms, <= {QUERIES_PER_PAGE_MAX} SQL "
        "per page"
    )
    for line in missed:
        print(f"MISSED {line}")
    print("all targets met" if not missed else f"{len(missed)} target(s) missed")
    if not enforced:
        print("(targets are checked on PostgreSQL at --scale default or full; not enforced here)")
    if args.json:
        Path(args.json).parent.mkdir(parents=True, exist_ok=True)
        Path(args.json).write_text(
            json.dumps(
                {
                    "scale": args.scale,
                    "database": where,
                    "counts": counts,
                    "results": [
                        {
                            "name": r.name,
                            "rows": r.rows,
                            "queries": r.queries,
                            "n": r.n,
                            "qps": round(r.qps, 1),
                            "p50_ms": round(r.p50, 2),
                            "p99_ms": round(r.p99, 2),
                            "db_p50_ms": round(r.db_p50, 2),
                            "target_ms": r.target_ms,
                            "baseline": r.baseline_name,
                            "baseline_p50_ms": round(r.baseline.p50, 2) if r.baseline else None,
                            "plan": r.nodes,
                            "seq_scan_petitions": r.seq_scan_petitions,
                        }
                        for r in results
                    ],
                    "index_experiments": experiments,
                    "http": http,
                    "rss_mb": memory,
                    "missed": missed,
                },
                indent=1,
            )
        )
    return 1 if missed and enforced else 0


if __name__ == "__main__":
    sys.exit(main())
