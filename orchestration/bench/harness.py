"""Wall time and peak memory of a callable or a subprocess, medians of N repetitions.

Peak memory is the largest resident set of the whole process tree (the process and all its
descendants, summed) seen by a sampler thread every ``interval`` seconds, and at least the
largest single-process high-water mark (VmHWM) seen, so short peaks of one process between
two samples still count. psutil is used when importable; otherwise /proc is walked.
"""

import contextlib
import os
import statistics
import subprocess
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

try:
    import psutil
except ImportError:  # pragma: no cover - psutil is in the environment here
    psutil = None


@dataclass
class Sample:
    """One repetition."""

    seconds: float
    peak_rss_bytes: int


@dataclass
class Measurement:
    """N repetitions of one contender and their medians."""

    name: str
    samples: list[Sample] = field(default_factory=list)
    note: str = ""

    @property
    def median_seconds(self) -> float:
        return statistics.median(s.seconds for s in self.samples)

    @property
    def median_peak_rss_bytes(self) -> int:
        return int(statistics.median(s.peak_rss_bytes for s in self.samples))

    @property
    def median_peak_rss_mib(self) -> float:
        return self.median_peak_rss_bytes / 2**20


def _proc_status(pid: int) -> dict[str, int]:
    """VmRSS and VmHWM in bytes from /proc/<pid>/status (empty if the process is gone)."""
    out = {}
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith(("VmRSS:", "VmHWM:")):
                    key, value = line.split(":", 1)
                    out[key] = int(value.split()[0]) * 1024
    except (FileNotFoundError, ProcessLookupError, PermissionError):
        pass
    return out


def _children_proc(pid: int) -> list[int]:
    """All descendants of pid, by walking /proc/*/stat parent ids."""
    parents: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                stat = f.read()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        parents.setdefault(ppid, []).append(int(entry))
    found, todo = [], [pid]
    while todo:
        kids = parents.get(todo.pop(), [])
        found += kids
        todo += kids
    return found


def tree_memory(pid: int) -> tuple[int, int]:
    """(sum of RSS, largest VmHWM) over pid and its descendants, in bytes."""
    pids = [pid] + (
        [c.pid for c in _psutil_children(pid)] if psutil is not None else _children_proc(pid)
    )
    rss, hwm = 0, 0
    for p in pids:
        status = _proc_status(p)
        if not status and psutil is not None:
            with contextlib.suppress(psutil.Error):
                rss += psutil.Process(p).memory_info().rss
            continue
        rss += status.get("VmRSS", 0)
        hwm = max(hwm, status.get("VmHWM", 0))
    return rss, hwm


def _psutil_children(pid: int) -> list:
    try:
        return psutil.Process(pid).children(recursive=True)
    except psutil.Error:
        return []


class _Sampler(threading.Thread):
    """Samples a process tree's memory until stopped; keeps the peak."""

    def __init__(self, pid: int, interval: float):
        super().__init__(daemon=True)
        self.pid, self.interval = pid, interval
        self.peak = 0
        self._stop_event = threading.Event()

    def run(self) -> None:
        while not self._stop_event.is_set():
            self.take()
            self._stop_event.wait(self.interval)

    def take(self) -> None:
        rss, hwm = tree_memory(self.pid)
        self.peak = max(self.peak, rss, hwm if self.pid != os.getpid() else 0)

    def stop(self) -> int:
        self._stop_event.set()
        self.join()
        return self.peak


def measure_command(
    name: str,
    argv: Sequence[str] | Callable[[int], Sequence[str]],
    reps: int = 3,
    env: dict[str, str] | None = None,
    cwd: str | None = None,
    interval: float = 0.05,
    before: Callable[[int], None] | None = None,
) -> Measurement:
    """Run ``argv`` ``reps`` times (``before(rep)`` first each time, untimed); a failure raises.
    ``argv`` may be a function of the repetition (1, 2, ...), e.g. to give each its own
    warehouse file. Each repetition prints a line when it starts and when it ends: a national
    benchmark runs for tens of minutes, and its runs' own output is kept for the error
    message."""
    result = Measurement(name)
    for rep in range(1, reps + 1):
        if before is not None:
            before(rep)
        command = list(argv(rep) if callable(argv) else argv)
        print(f"  [{rep}/{reps}] {name} ...", flush=True)
        start = time.perf_counter()
        proc = subprocess.Popen(
            command,
            env={**os.environ, **(env or {})},
            cwd=cwd,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        sampler = _Sampler(proc.pid, interval)
        sampler.start()
        output, _ = proc.communicate()
        seconds = time.perf_counter() - start
        peak = sampler.stop()
        if proc.returncode != 0:
            raise RuntimeError(f"{name}: {' '.join(command)} failed ({proc.returncode}):\n{output}")
        result.samples.append(Sample(seconds, peak))
        print(f"  [{rep}/{reps}] {name}: {seconds:.1f} s, peak {peak / 2**20:,.0f} MiB", flush=True)
    return result


def measure_callable(
    name: str,
    fn: Callable[[], object],
    reps: int = 3,
    interval: float = 0.05,
    before: Callable[[int], None] | None = None,
) -> Measurement:
    """Call ``fn()`` ``reps`` times in this process (``before(rep)`` first each time, untimed);
    peak = RSS of this process tree.

    In-process, the peak includes what the interpreter already held before the call (imports,
    earlier repetitions' caches); use ``measure_command`` for a clean per-run figure.
    """
    result = Measurement(name, note="in-process")
    for rep in range(1, reps + 1):
        if before is not None:
            before(rep)
        sampler = _Sampler(os.getpid(), interval)
        sampler.take()
        sampler.start()
        start = time.perf_counter()
        try:
            fn()
        finally:
            seconds = time.perf_counter() - start
            sampler.take()
            peak = sampler.stop()
        result.samples.append(Sample(seconds, peak))
    return result
