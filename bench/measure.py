"""Time a callable with bounded iterations, count its SQL, and read its query plans."""

import json
import math
import time
from dataclasses import dataclass, field

from django.db import connection
from django.test.utils import CaptureQueriesContext


@dataclass
class Result:
    """What one scenario measured."""

    name: str
    rows: int = 0
    queries: int = 0
    n: int = 0
    seconds: float = 0.0
    samples: list = field(default_factory=list, repr=False)
    db_samples: list = field(default_factory=list, repr=False)
    nodes: list = field(default_factory=list)
    seq_scan_petitions: bool = False
    target_ms: float | None = None
    baseline_name: str = ""
    baseline: "Result | None" = None
    note: str = ""
    skipped: str = ""

    @property
    def qps(self) -> float:
        return self.n / self.seconds if self.seconds else 0.0

    def pct(self, q: float) -> float:
        if not self.samples:
            return float("nan")
        ordered = sorted(self.samples)
        return ordered[max(0, math.ceil(q * len(ordered)) - 1)] * 1000

    @property
    def db_p50(self) -> float:
        """Median time spent waiting for the database (execute + fetch) per iteration."""
        if not self.db_samples:
            return float("nan")
        return sorted(self.db_samples)[(len(self.db_samples) - 1) // 2] * 1000

    @property
    def p50(self) -> float:
        return self.pct(0.50)

    @property
    def p99(self) -> float:
        return self.pct(0.99)


def count_rows(value) -> int:
    """Count what a scenario returned (a list, a queryset, a dict of figures)."""
    if value is None:
        return 0
    if isinstance(value, int):
        return value
    if isinstance(value, dict):
        return len(value)
    try:
        return len(value)
    except TypeError:
        return sum(1 for _ in value)


def timed(name: str, fn, *, max_iter: int, max_seconds: float, warmup: int = 2) -> Result:
    """Run `fn` (which must evaluate its queries) until either bound, after a warm-up."""
    result = Result(name)
    for _ in range(warmup):
        fn()
    waited = [0.0]

    def clock(execute, sql, params, many, context):
        t = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            waited[0] += time.perf_counter() - t

    started = time.perf_counter()
    with connection.execute_wrapper(clock):
        while result.n < max_iter and (time.perf_counter() - started) < max_seconds:
            waited[0] = 0.0
            t0 = time.perf_counter()
            value = fn()
            result.samples.append(time.perf_counter() - t0)
            result.db_samples.append(waited[0])
            result.n += 1
    result.seconds = sum(result.samples)
    result.rows = count_rows(value)
    return result


def capture(fn) -> list[str]:
    """Run `fn` once and return the SQL it sent."""
    with CaptureQueriesContext(connection) as ctx:
        fn()
    return [q["sql"] for q in ctx.captured_queries]


def _walk(plan: dict, out: list) -> None:
    node = plan.get("Node Type", "?")
    relation = plan.get("Relation Name") or plan.get("Index Name")
    out.append((node, relation))
    for child in plan.get("Plans", []):
        _walk(child, out)


def explain(statements: list[str]) -> list[tuple[str, str | None]]:
    """Return (node type, relation or index) of every plan node of the SELECTs given."""
    nodes: list = []
    if connection.vendor != "postgresql":
        return nodes
    with connection.cursor() as cursor:
        for sql in statements:
            if not sql.lstrip().upper().startswith("SELECT"):
                continue
            cursor.execute("EXPLAIN (FORMAT JSON) " + sql)
            plan = cursor.fetchone()[0]
            if isinstance(plan, str):
                plan = json.loads(plan)
            _walk(plan[0]["Plan"], nodes)
    return nodes


def plan_summary(nodes) -> str:
    """Shorten a plan to its scan nodes, e.g. 'IdxScan(petition_agency_...) > Limit'."""
    short = {
        "Index Scan": "Idx",
        "Index Only Scan": "IdxOnly",
        "Bitmap Index Scan": "BmpIdx",
        "Bitmap Heap Scan": "BmpHeap",
        "Seq Scan": "SEQ",
    }
    parts = []
    for node, relation in nodes:
        if node in short:
            label = f"{short[node]}({relation})" if relation else short[node]
            if label not in parts:
                parts.append(label)
    return " ".join(parts)


class Planner:
    """Disable index and bitmap scans for the baseline (PostgreSQL only)."""

    SETTINGS = ("enable_indexscan", "enable_bitmapscan", "enable_indexonlyscan")

    def __enter__(self):
        with connection.cursor() as cursor:
            for name in self.SETTINGS:
                cursor.execute(f"SET {name} = off")
        return self

    def __exit__(self, *exc):
        with connection.cursor() as cursor:
            for name in self.SETTINGS:
                cursor.execute(f"RESET {name}")


def bounded(name: str, fn, *, timeout_s: float, **bounds) -> Result:
    """Time a baseline whose single statements may take minutes: cancel at `timeout_s`.

    A cancelled baseline is returned with one sample equal to the timeout and `note` set,
    so the ratio printed is a lower bound.
    """
    from django.db import DatabaseError

    postgres = connection.vendor == "postgresql"
    if postgres:
        with connection.cursor() as cursor:
            cursor.execute(f"SET statement_timeout = {int(timeout_s * 1000)}")
    try:
        return timed(name, fn, **bounds)
    except DatabaseError:
        result = Result(name, n=1, seconds=timeout_s, samples=[timeout_s])
        result.note = f"cancelled after {timeout_s:g} s"
        return result
    finally:
        if postgres:
            with connection.cursor() as cursor:
                cursor.execute("RESET statement_timeout")
