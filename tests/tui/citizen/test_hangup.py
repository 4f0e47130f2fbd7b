"""Closing the terminal (SIGHUP) or SIGTERM: the unsent words are saved, the case is
freed, and the process ends within a second (issue 10, §5).

A real pseudo-terminal and a real signal: ``borgerrejse chat`` runs on the slave side
of a pty, the test types into the master side, waits until the typed words are on
the screen, then closes the master (the kernel hangs up the terminal) or sends
SIGTERM, and waits for the process's exit.
"""

from __future__ import annotations

import fcntl
import os
import pty
import re
import select
import signal
import struct
import sys
import termios
import threading
import time

import pytest

from assistant.common.errors import CaseLockedError
from store import Store

ANSI = re.compile(rb"\x1b\[[0-9;?<>=]*[ -/]*[@-~]|\x1b[()][0-9A-Za-z]|\x1b[=>78]|\x1b\][^\x07]*\x07")
pytestmark = pytest.mark.skipif(not hasattr(pty, "fork"), reason="needs a pty")


class Terminal:
    """``borgerrejse chat`` in a pseudo-terminal of 80×24."""

    def __init__(self, store_path) -> None:
        env = {**os.environ, "TERM": "xterm-256color", "LANG": "C.UTF-8", "PYTHONIOENCODING": "utf-8"}
        env.pop("TEXTUAL", None)
        pid, fd = pty.fork()
        if pid == 0:  # the child: its own session, the pty its controlling terminal
            try:
                fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
                os.execve(sys.executable, [sys.executable, "-m", "assistant", "chat", "--store", str(store_path)], env)
            finally:
                os._exit(127)
        self.pid, self.fd = pid, fd
        self.seen = b""
        self.status: int | None = None
        self._exited = threading.Event()
        self._waiter = threading.Thread(target=self._wait, daemon=True)
        self._waiter.start()

    def _wait(self) -> None:
        _, self.status = os.waitpid(self.pid, 0)
        self._exited.set()

    def screen_text(self) -> str:
        return ANSI.sub(b"", self.seen).decode("utf-8", "replace")

    def wait_for(self, text: str, limit: float = 60) -> None:
        """Read the screen until ``text`` shows (select blocks until there is output)."""
        while text not in self.screen_text():
            ready, _, _ = select.select([self.fd], [], [], limit)
            assert ready, f"{text!r} never showed; the screen said: {self.screen_text()[-500:]!r}"
            try:
                self.seen += os.read(self.fd, 65536)
            except OSError as exc:
                raise AssertionError(f"the program ended before {text!r} showed") from exc

    def type(self, keys: str) -> None:
        os.write(self.fd, keys.encode("utf-8"))

    def drain_until_closed(self) -> None:
        """Read until the program has closed the terminal (its exit)."""
        while True:
            ready, _, _ = select.select([self.fd], [], [], 60)
            assert ready, "the program did not end"
            try:
                chunk = os.read(self.fd, 65536)
            except OSError:
                return
            if not chunk:
                return
            self.seen += chunk

    def exited_within(self, seconds: float) -> bool:
        return self._exited.wait(seconds)

    def kill(self) -> None:
        if not self._exited.is_set():
            os.kill(self.pid, signal.SIGKILL)
            self._exited.wait(30)
        try:
            os.close(self.fd)
        except OSError:
            pass


def started_with_half_a_sentence(store_path) -> Terminal:
    term = Terminal(store_path)
    term.wait_for("Fortsæt")  # the welcome's Continue button
    term.type("\r")
    term.wait_for("Nej")  # the yes/no buttons
    term.type("1")
    term.wait_for("Ny linje")  # the answer box for the name has the focus
    term.type("Halvt ord")
    term.wait_for("Halvt ord")
    return term


def check_saved_and_free(store_path) -> None:
    store = Store(store_path)
    (case,) = store.list_cases()
    handle = store.open_case(case.id, write=True)  # the lock is free: no CaseLockedError
    try:
        assert (handle.get_doc("draft") or {}).get("texts") == {"name:": "Halvt ord"}
        assert handle.events()[-1]["type"] == "pause"
        assert case.status == "paused"
    finally:
        handle.close()


def test_closing_the_terminal_saves_the_words_frees_the_case_and_ends(store_path):
    term = started_with_half_a_sentence(store_path)
    try:
        hung_up = time.monotonic()
        os.close(term.fd)  # the terminal window is closed: the kernel sends SIGHUP
        assert term.exited_within(30)
        took = time.monotonic() - hung_up
    finally:
        term.kill()
    assert took < 1.0, f"ended {took:.2f} s after the hang-up"
    check_saved_and_free(store_path)


def test_sigterm_saves_the_words_frees_the_case_and_ends(store_path):
    term = started_with_half_a_sentence(store_path)
    try:
        asked = time.monotonic()
        os.kill(term.pid, signal.SIGTERM)
        term.drain_until_closed()
        assert term.exited_within(30)
        took = time.monotonic() - asked
    finally:
        term.kill()
    assert took < 1.0, f"ended {took:.2f} s after SIGTERM"
    check_saved_and_free(store_path)
    try:
        Store(store_path).open_case(Store(store_path).list_cases()[0].id).close()
    except CaseLockedError:  # pragma: no cover - the assertion above already opened it
        pytest.fail("the case is still locked")


def test_quitting_with_ctrl_q_keeps_the_words_and_says_how_to_come_back(store_path):
    from store.codes import shown_code

    term = started_with_half_a_sentence(store_path)
    try:
        term.type("\x11")  # Ctrl+Q
        term.drain_until_closed()
        assert term.exited_within(30)
    finally:
        term.kill()
    assert os.waitstatus_to_exitcode(term.status) == 0
    check_saved_and_free(store_path)
    code = shown_code(Store(store_path).list_cases()[0].id)
    said = " ".join(term.screen_text().split())
    assert f"Dine ord er gemt. Du kan komme tilbage ved at skrive: borgerrejse chat --case {code}" in said
