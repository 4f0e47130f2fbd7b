"""``borgerrejse run`` without --jsonl: the plain mode for screen readers (issue 10, §8)."""

from __future__ import annotations

import io
import os
import pty
import select
import sys

import pytest
from tests.support.helpers import converse, run_cli
from tests.support.personas import ANNA_DA

from assistant.services.conversation import Conversation
from assistant.cli.jsonl import readable_text, run
from store import Store


def to_motivation(store_path) -> Conversation:
    conv = Conversation.start(Store(store_path), "adult", "da")
    for answer in ("", "ja", "Bo", "Jeg sover", "Min kat", "Et arbejde", "Penge"):
        conv.respond(answer)
    assert conv.prompt().state == "motivation"
    return conv


@pytest.mark.parametrize(
    ("typed", "value"),
    [("syv", 7), ("ti", 10), ("Ten.", 10), ("fem", 5), ("nul", 0), ("en", 1), ("three", 3), (" 7 ", 7), ("7/10", 7)],
)
def test_number_words_are_accepted_on_the_scale(store_path, typed, value):
    conv = to_motivation(store_path)
    reply = conv.respond(typed)
    assert reply.invalid is None
    answer = [e for e in conv.events if e["type"] == "answer"][-1]
    assert (answer["state"], answer["value"]) == ("motivation", value)
    conv.close()


@pytest.mark.parametrize("typed", ["elleve", "eleven", "tolv", "syvogtyve"])
def test_other_words_on_the_scale_get_the_kind_question_again(store_path, typed):
    conv = to_motivation(store_path)
    reply = conv.respond(typed)
    assert reply.invalid and "0" in reply.invalid and "10" in reply.invalid
    conv.close()


def plain(store_path, lines: list[str], *extra: str) -> str:
    return run_cli("run", "--store", str(store_path), *extra, stdin="".join(line + "\n" for line in lines)).stdout


def test_information_steps_say_press_enter(store_path):
    out = plain(store_path, ["", "ja"])
    welcome, rest = out.split("(Tryk Enter for at gå videre.)", 1)
    assert "Hej." in welcome
    assert "Tryk Enter" not in rest  # the questions do not say it


def test_an_empty_line_asks_before_it_skips_and_skips_and_backs_are_confirmed(store_path):
    out = plain(store_path, ["", "ja", "Bo", "", "", "/tilbage", "/spring"])
    assert out.count("Vil du springe spørgsmålet over?") == 1
    assert out.count("Spørgsmålet er sprunget over.") == 2  # the second empty line, and /spring
    assert out.count("Du gik tilbage til spørgsmålet før.") == 1
    case = Store(store_path).list_cases()[0].id
    with Store(store_path).open_case(case, write=False) as handle:
        types = [e["type"] for e in handle.events()]
    assert types.count("skip") == 2 and types.count("back") == 1


def test_an_answer_after_the_question_to_skip_is_an_answer(store_path):
    plain(store_path, ["", "ja", "Bo", "", "Jeg sover længe"])
    case = Store(store_path).list_cases()[0].id
    with Store(store_path).open_case(case, write=False) as handle:
        events = handle.events()
    assert [e["type"] for e in events if e.get("state") == "everyday"] == ["answer"]


def test_the_json_channel_still_skips_an_empty_line_at_once(store_path):
    out = run_cli("run", "--jsonl", "--store", str(store_path), stdin="\nja\nBo\n\n").stdout
    assert '"state": "goodnow"' in out and "Vil du springe spørgsmålet over" not in out


def test_the_plan_is_printed_with_headings_on_their_own_lines(store_path):
    case = converse(Store(store_path), ANNA_DA)
    out = plain(store_path, [], "--case", case)
    assert "\n\nMin plan\n\n" in out
    assert "\n\nMine mål\n\nMål 1\n\nMit første skridt er: »Gå med i gå-klubben på torsdag«.\n\n- Min drøm:" in out
    assert "#" not in out and "**" not in out


def test_readable_text_keeps_blocks_apart():
    text = readable_text("# Title\n\nA paragraph\nwith a soft break.\n\n## Part\n\n- one\n- two\n\nEnd.")
    assert text == "Title\n\nA paragraph with a soft break.\n\nPart\n\n- one\n- two\n\nEnd."


def test_at_a_terminal_lines_can_be_edited_and_earlier_answers_come_back(store_path):
    pid, fd = pty.fork()
    if pid == 0:
        try:
            env = {**os.environ, "TERM": "xterm", "LANG": "C.UTF-8", "PYTHONIOENCODING": "utf-8"}
            os.execve(sys.executable, [sys.executable, "-m", "assistant", "run", "--store", str(store_path)], env)
        finally:
            os._exit(127)
    seen = b""

    def wait_for(text: str) -> None:
        nonlocal seen
        while text.encode() not in seen:
            ready, _, _ = select.select([fd], [], [], 60)
            assert ready, seen[-300:]
            seen += os.read(fd, 65536)

    try:
        wait_for("(Tryk Enter")
        os.write(fd, b"\r")
        wait_for("1) Ja")
        os.write(fd, b"1\r")
        wait_for("kalder dig?\r\n> ")  # readline has the line once it has written the prompt
        os.write(fd, b"Bx\x1b[Do\r")  # "Bx", arrow left, "o": the arrow moves in the line
        wait_for("almindelig dag ud?\r\n> ")
        os.write(fd, b"\x1b[A\r")  # arrow up: the last answer again
        wait_for("godt for dig")
        os.write(fd, b"/pause\r")
        wait_for("Din kode er")
    finally:
        _, status = os.waitpid(pid, 0)
        os.close(fd)
    assert os.waitstatus_to_exitcode(status) == 0
    case = Store(store_path).list_cases()[0].id
    with Store(store_path).open_case(case, write=False) as handle:
        answers = {e["state"]: e["text"] for e in handle.events() if e["type"] == "answer"}
    assert answers["name"] == "Box"
    assert answers["everyday"] == "Box"
    assert "^[[D" not in seen.decode("utf-8", "replace")


def test_pipes_are_read_as_plain_lines_without_readline(store_path):
    out = io.StringIO()
    store = Store(store_path)
    code = run(store, io.StringIO("\nja\n"), out, jsonl=False)
    assert code == 0
    assert "> " in out.getvalue()  # the prompt is written by the face itself, not by input()
