"""A throw-away PostgreSQL server on loopback for one benchmark run."""

import atexit
import contextlib
import os
import random
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

PG_BIN = Path(os.environ.get("BENCH_PG_BIN", "/usr/lib/postgresql/15/bin"))
PG_USER = "postgres"


def free_port() -> int:
    """Pick a free loopback port in BENCH_PORTS ("low-high"; default 20000-32000)."""
    low, _, high = os.environ.get("BENCH_PORTS", "20000-32000").partition("-")
    for _ in range(50):
        port = random.randint(int(low), int(high))
        with socket.socket() as s:
            try:
                s.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError(f"no free port in {low}-{high}")


def _as_postgres(args: list[str], **kwargs) -> subprocess.CompletedProcess:
    """Run a PostgreSQL binary as the postgres user (initdb refuses root)."""
    if os.geteuid() == 0:
        args = ["runuser", "-u", PG_USER, "--", *args]
    return subprocess.run(args, check=True, capture_output=True, text=True, **kwargs)


class ThrowawayPostgres:
    """Start `initdb` + `pg_ctl` in a temporary folder; `stop()` removes everything."""

    def __init__(self, memory_mb: int = 512):
        self.memory_mb = memory_mb
        self.datadir: Path | None = None
        self.port = free_port()
        self.started = False

    @property
    def url(self) -> str:
        return f"postgres://{PG_USER}@127.0.0.1:{self.port}/bench"

    def start(self) -> "ThrowawayPostgres":
        """Create the cluster and the `bench` database, then return self."""
        if not (PG_BIN / "initdb").exists():
            raise RuntimeError(f"PostgreSQL binaries not found in {PG_BIN} (use --sqlite)")
        self.datadir = Path(tempfile.mkdtemp(prefix="doithoai-bench-pg-"))
        atexit.register(self.stop)
        if os.geteuid() == 0:
            shutil.chown(self.datadir, PG_USER, PG_USER)
        data = str(self.datadir / "data")
        _as_postgres(
            [str(PG_BIN / "initdb"), "-D", data, "-U", PG_USER, "-A", "trust", "-E", "UTF8"]
            + ["--locale=C.UTF-8", "--no-sync"]
        )
        options = " ".join(
            [
                f"-p {self.port}",
                "-c listen_addresses=127.0.0.1",
                f"-k {self.datadir}",
                "-c fsync=off",
                "-c synchronous_commit=off",
                "-c full_page_writes=off",
                f"-c shared_buffers={self.memory_mb}MB",
                "-c work_mem=16MB",
                "-c maintenance_work_mem=256MB",
                "-c max_wal_size=4GB",
                "-c jit=off",
            ]
        )
        _as_postgres(
            [str(PG_BIN / "pg_ctl"), "-D", data, "-o", options, "-w", "-t", "60"]
            + ["-l", str(self.datadir / "server.log"), "start"]
        )
        self.started = True
        deadline = time.monotonic() + 30
        while True:
            try:
                _as_postgres(
                    [str(PG_BIN / "createdb"), "-h", "127.0.0.1", "-p", str(self.port)]
                    + ["-U", PG_USER, "bench"]
                )
                break
            except subprocess.CalledProcessError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.5)
        return self

    def stop(self) -> None:
        """Stop the server (fast shutdown) and remove its folder; safe to call twice."""
        if self.datadir is None:
            return
        datadir, self.datadir = self.datadir, None
        if self.started:
            with contextlib.suppress(subprocess.CalledProcessError):
                _as_postgres(
                    [str(PG_BIN / "pg_ctl"), "-D", str(datadir / "data"), "-m", "fast"]
                    + ["-w", "-t", "30", "stop"]
                )
            self.started = False
        shutil.rmtree(datadir, ignore_errors=True)
