"""Benchmark: process start → first question on screen, against a bare Textual app.

Run directly::

    /work/venv/bin/python tests/benchmarks/bench_tui_startup.py [-n 7]

Each run spawns a new process under a pseudo-terminal (80×24) and reads its
output until the first question's words appear; the baseline is a bare Textual
app that shows one Markdown widget, measured in the same run and interleaved.
Prints medians and the ratio, and beside them the processor time each process had used
when its question appeared (``/proc/PID/stat``, 10 ms ticks): on a busy shared machine the
wall-clock figures vary with the neighbours, the processor time much less. It never fails on
timing (pytest does not collect it: the name does not start with ``test_``).
"""

from __future__ import annotations

import argparse
import fcntl
import os
import pty
import re
import select
import signal
import statistics
import struct
import sys
import tempfile
import termios
import textwrap
import time
from pathlib import Path

CACHE = tempfile.mkdtemp(prefix="borgerrejse-bench-cache-")
MARKER = "everyday"  # a word of the first question in English ("… your everyday life …")
ANSI = re.compile(rb"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[=>PX^_]?")

BARE_APP = textwrap.dedent(
    """
    from textual.app import App
    from textual.widgets import Markdown

    class Bare(App):
        def compose(self):
            yield Markdown("Hello. We will talk about your everyday life and your dreams.")

    Bare().run()
    """
)


def installed_env() -> dict[str, str]:
    """The environment of a program as installed: its bytecode is compiled and kept.

    ``pip install`` compiles every module; ``PYTHONDONTWRITEBYTECODE`` (set on some
    development machines) would make every start compile our modules from source, which
    no installed copy does and the bare app (Textual is installed) never pays. The
    warm-up run of each benchmark writes the bytecode (``__pycache__`` is ignored by git).
    """
    env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": "80", "LINES": "24",
           # compiled catalogs of this copy's .po files (a shared user cache may hold another copy's)
           "BORGERREJSE_CACHE": CACHE}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def cpu_seconds(pid: int) -> float:
    """Processor time (user + system, all its threads) the process ``pid`` has used so far."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as fh:
            fields = fh.read().rsplit(")", 1)[1].split()
    except OSError:
        return float("nan")
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


CPU: list[float] = []  # processor time of each measured run, in the order run


def time_to_text(argv: list[str], marker: str = MARKER, timeout: float = 30.0) -> float:
    """Seconds from spawning ``argv`` in a pty until ``marker`` is on its screen (the
    processor time it had used by then is appended to :data:`CPU`)."""
    start = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:  # the child
        os.execvpe(argv[0], argv, installed_env())
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    seen = b""
    try:
        while time.perf_counter() - start < timeout:
            ready, _, _ = select.select([fd], [], [], 0.05)
            if not ready:
                continue
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                break
            if not chunk:
                break
            seen += chunk
            if marker.encode() in ANSI.sub(b"", seen):
                elapsed = time.perf_counter() - start
                CPU.append(cpu_seconds(pid))
                return elapsed
        raise RuntimeError(f"{marker!r} did not appear; output ended with {seen[-300:]!r}")
    finally:
        os.kill(pid, signal.SIGTERM)  # the chat pauses the conversation and exits
        _drain(fd, pid)


def _drain(fd: int, pid: int) -> None:
    deadline = time.perf_counter() + 5
    while time.perf_counter() < deadline:
        try:
            if select.select([fd], [], [], 0.05)[0] and not os.read(fd, 65536):
                break
        except OSError:
            break
        done, _ = os.waitpid(pid, os.WNOHANG)
        if done:
            break
    else:
        os.kill(pid, signal.SIGKILL)
    try:
        os.waitpid(pid, 0)
    except ChildProcessError:
        pass
    os.close(fd)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=7, help="runs of each (default 7)")
    args = parser.parse_args(argv)
    python = sys.executable
    with tempfile.TemporaryDirectory() as tmp:
        bare = Path(tmp) / "bare_app.py"
        bare.write_text(BARE_APP, encoding="utf-8")
        store = Path(tmp) / "store"
        chat_cmd = [python, "-m", "assistant", "chat", "--lang", "en", "--store", str(store)]
        bare_cmd = [python, str(bare)]
        time_to_text(bare_cmd)  # warm the file cache for both
        time_to_text(chat_cmd)
        chat, baseline, chat_cpu, baseline_cpu = [], [], [], []
        for _ in range(args.n):
            baseline.append(time_to_text(bare_cmd))
            baseline_cpu.append(CPU[-1])
            chat.append(time_to_text(chat_cmd))
            chat_cpu.append(CPU[-1])
    b, c = statistics.median(baseline), statistics.median(chat)
    bc, cc = statistics.median(baseline_cpu), statistics.median(chat_cpu)
    print(f"runs: {args.n} each, interleaved, 80x24 pty")
    print(f"bare Textual app, one Markdown widget: median {b * 1000:7.1f} ms  (min {min(baseline) * 1000:.1f})")
    print(f"borgerrejse chat, first question:      median {c * 1000:7.1f} ms  (min {min(chat) * 1000:.1f})")
    print(f"ratio chat / bare: {c / b:.2f}")
    print(f"processor time used by then: bare {bc * 1000:.0f} ms, chat {cc * 1000:.0f} ms, ratio {cc / bc:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
