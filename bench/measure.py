"""Run one command and report its wall time and peak memory.

Peak memory is the larger of (a) the biggest single process (``ru_maxrss`` from
``wait4``, which covers every waited-for descendant) and (b) the sampled sum of the
proportional set size (PSS) of every process in the command's session, so ``-j``
workers that share pages by fork are counted once, not once per worker.
"""

from __future__ import annotations

import os
import subprocess
import threading
import time
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Run:
    """What one command cost."""

    seconds: float
    peak_mib: float
    returncode: int
    output: str


def _session_pids(session: int) -> list[int]:
    pids = []
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            stat = Path(entry.path, "stat").read_text()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2:].split()
        if int(fields[3]) == session:  # field 6 of stat, after pid, comm, state, ppid, pgrp
            pids.append(int(entry.name))
    return pids


def _pss_kib(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


class _Sampler(threading.Thread):
    """Sum PSS over the session every ``interval`` seconds; keep the maximum."""

    def __init__(self, session: int, interval: float = 0.2) -> None:
        super().__init__(daemon=True)
        self.session, self.interval, self.peak_kib = session, interval, 0
        self.done = threading.Event()

    def run(self) -> None:
        while not self.done.is_set():
            total = sum(_pss_kib(pid) for pid in _session_pids(self.session))
            self.peak_kib = max(self.peak_kib, total)
            self.done.wait(self.interval)


def measure(command: list[str], *, cwd: Path | None = None,
            env: dict[str, str] | None = None) -> Run:
    """Run ``command`` in its own session; return its wall time, peak memory and output."""
    log = subprocess.PIPE
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, env={**os.environ, **(env or {})},
                               stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    sampler = _Sampler(process.pid)
    sampler.start()
    chunks = []
    reader = threading.Thread(target=lambda: chunks.append(process.stdout.read()), daemon=True)
    reader.start()
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    reader.join()
    sampler.done.set()
    sampler.join()
    process.returncode = os.waitstatus_to_exitcode(status)
    peak_kib = max(usage.ru_maxrss, sampler.peak_kib)
    output = b"".join(chunks).decode("utf-8", "replace")
    return Run(seconds, peak_kib / 1024, process.returncode, output)
