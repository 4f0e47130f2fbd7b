"""Benchmark: process start → first question on screen, against a bare Textual app.

Run directly::

    .venv/bin/python tests/benchmarks/bench_tui_startup.py [-n 25]

Each run spawns a new process under a pseudo-terminal (80×24) and reads its
output until the first question's words appear; the baseline is a bare Textual
app that shows one Markdown widget, measured in the same run and interleaved. The chat is
measured twice: as it usually starts (its first question kept from an earlier start, see
``assistant/tui/citizen/first_question.py``), and with nothing kept (the first chat after installing
or after a new version: the conversation is opened before the question is shown); the
compiled catalogs are there in both.
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


def installed_env(cache: str = CACHE) -> dict[str, str]:
    """The environment of a program as installed: its bytecode is compiled and kept.

    ``pip install`` compiles every module; ``PYTHONDONTWRITEBYTECODE`` (set on some
    development machines) would make every start compile our modules from source, which
    no installed copy does and the bare app (Textual is installed) never pays. The
    warm-up run of each benchmark writes the bytecode (``__pycache__`` is ignored by git).
    """
    env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": "80", "LINES": "24",
           # compiled catalogs of this copy's .po files (a shared user cache may hold another copy's)
           "BORGERREJSE_CACHE": cache}
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


def time_to_text(argv: list[str], marker: str = MARKER, timeout: float = 30.0, cache: str = CACHE) -> float:
    """Seconds from spawning ``argv`` in a pty until ``marker`` is on its screen (the
    processor time it had used by then is appended to :data:`CPU`)."""
    env = installed_env(cache)
    start = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:  # the child
        os.execvpe(argv[0], argv, env)
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


def nothing_kept() -> str:
    """A cache with the compiled catalogs of :data:`CACHE` but no first question kept."""
    import shutil

    cache = tempfile.mkdtemp(prefix="borgerrejse-bench-cache-")
    for mo in Path(CACHE).glob("*.mo"):
        shutil.copy(mo, cache)
    return cache


def main(argv: list[str] | None = None) -> dict[str, float]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=25, help="runs of each (default 25)")
    args = parser.parse_args(argv)
    python = sys.executable
    with tempfile.TemporaryDirectory() as tmp:
        bare = Path(tmp) / "bare_app.py"
        bare.write_text(BARE_APP, encoding="utf-8")

        def chat_cmd(i: int) -> list[str]:
            return [python, "-m", "assistant", "chat", "--lang", "en", "--store", str(Path(tmp) / f"store{i}")]

        bare_cmd = [python, str(bare)]
        time_to_text(bare_cmd)  # warm the file cache (and write the bytecode, the catalogs, the kept question)
        time_to_text(chat_cmd(0))
        runs: dict[str, list[float]] = {"bare": [], "kept": [], "nothing kept": []}
        cpu: dict[str, list[float]] = {key: [] for key in runs}
        for i in range(args.n):
            for key in runs:
                if key == "bare":
                    runs[key].append(time_to_text(bare_cmd))
                else:
                    cache = CACHE if key == "kept" else nothing_kept()
                    runs[key].append(time_to_text(chat_cmd(i + 1), cache=cache))
                cpu[key].append(CPU[-1])
    wall = {key: statistics.median(v) for key, v in runs.items()}
    proc = {key: statistics.median(v) for key, v in cpu.items()}
    print(f"runs: {args.n} of each, interleaved, 80x24 pty")
    print(f"{'bare Textual app, one Markdown widget:':48s} median {wall['bare'] * 1000:7.1f} ms  "
          f"(min {min(runs['bare']) * 1000:.1f})")
    for key, label in (("kept", "chat, first question kept (the usual start):"),
                       ("nothing kept", "chat, nothing kept (first chat after install):")):
        print(f"{label:48s} median {wall[key] * 1000:7.1f} ms  (min {min(runs[key]) * 1000:.1f})"
              f"  ratio {wall[key] / wall['bare']:.2f}")
    paired = statistics.median(c / b for c, b in zip(runs["kept"], runs["bare"]))
    print(f"ratio chat / bare: {wall['kept'] / wall['bare']:.2f} (the usual start; median of the "
          f"{args.n} rounds' own ratios {paired:.2f})")
    print(f"processor time used by then: bare {proc['bare'] * 1000:.0f} ms, chat {proc['kept'] * 1000:.0f} ms "
          f"(nothing kept {proc['nothing kept'] * 1000:.0f} ms), ratio {proc['kept'] / proc['bare']:.2f}")
    return {"bare": wall["bare"], "kept": wall["kept"], "nothing kept": wall["nothing kept"], "paired ratio": paired}


if __name__ == "__main__":
    main()
