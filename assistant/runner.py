"""The headless runner: the journey over stdin/stdout, as JSON lines or plain text.

JSON lines is a channel of its own (another program drives the conversation)
and the test harness. Each answer is on disk before the next prompt is written.
"""

from __future__ import annotations

import json
from typing import IO, Any

from assistant.conversation import Conversation, Reply
from assistant.i18n import translator
from assistant.prompts import Prompt
from store import Store


class JsonLines:
    def __init__(self, out: IO[str]) -> None:
        self.out = out

    def emit(self, event: dict[str, Any]) -> None:
        self.out.write(json.dumps(event, ensure_ascii=False) + "\n")
        self.out.flush()

    def prompt(self, prompt: Prompt) -> None:
        self.emit(prompt.to_event())

    def invalid(self, message: str) -> None:
        self.emit({"event": "invalid", "message": message})

    def plan(self, plan: dict[str, Any], *, ended: bool = False) -> None:
        self.emit({"event": "plan", "plan": plan})

    def paused(self, case: str | None, lang: str, command: str | None) -> None:
        self.emit({"event": "paused", "case": case, "command": command})

    def end(self, case: str, lang: str) -> None:
        self.emit({"event": "end", "case": case})


class PlainText(JsonLines):
    """The same conversation as readable lines, for a terminal or a screen reader."""

    def __init__(self, out: IO[str], lang: str) -> None:
        super().__init__(out)
        help_line = translator(lang).gettext(
            "Write /skip to skip a question, /back to go back, /pause to take a break."
        )
        self.out.write(help_line + "\n")

    def prompt(self, prompt: Prompt) -> None:
        lines = ["", prompt.text]
        if prompt.choices:
            lines.append("   ".join(f"{i}) {c.label}" for i, c in enumerate(prompt.choices, start=1)))
        self.out.write("\n".join(lines) + "\n")
        if not prompt.final:
            self.out.write("> ")
        self.out.flush()

    def invalid(self, message: str) -> None:
        self.out.write(message + "\n")

    def plan(self, plan: dict[str, Any], *, ended: bool = False) -> None:
        """At the end, the plan as the citizen's own text (the goals were read one by one before)."""
        if ended:
            from assistant.views import citizen_markdown, plain_text

            self.out.write("\n" + plain_text(citizen_markdown(plan)) + "\n")

    def paused(self, case: str | None, lang: str, command: str | None) -> None:
        _ = translator(lang).gettext
        if case is None:
            message = _("You had not answered anything yet, so nothing was saved.")
        else:
            message = _("Your answers are saved. To continue another day, run: {command}").format(command=command)
        self.out.write("\n" + message + "\n")
        self.out.flush()

    def end(self, case: str, lang: str) -> None:
        self.out.flush()


def run(
    store: Store,
    stdin: IO[str],
    stdout: IO[str],
    *,
    journey: str = "adult",
    lang: str | None = None,
    case: str | None = None,
    jsonl: bool = True,
) -> int:
    conversation = (
        Conversation.resume(store, case, lang=lang) if case else Conversation.start(store, journey, lang)
    )
    face = JsonLines(stdout) if jsonl else PlainText(stdout, conversation.lang)
    try:
        if conversation.finished and not conversation.declined:  # a no can be taken back
            plan = conversation.agreed_plan() or conversation.plan().to_dict()
            face.plan(plan, ended=True)
            face.end(conversation.case_id, conversation.lang)
            return 0
        if getattr(conversation, "round", None) and not any(e["type"] in ("answer", "skip") for e in conversation.events):
            face.plan(conversation.agreed_plan(), ended=True)  # a follow-up starts from the agreed plan
        face.prompt(conversation.prompt())
        while True:
            line = stdin.readline()
            if not line:  # end of input means pause
                _paused(face, conversation, conversation.pause(), store)
                return 0
            reply = conversation.respond(line.rstrip("\n"))
            if _show(face, conversation, reply, store):
                return 0
    finally:
        conversation.close()


def _show(face: JsonLines, conversation: Conversation, reply: Reply, store: Store) -> bool:
    """Write what ``reply`` says; True when the conversation is over for now."""
    if reply.invalid:
        face.invalid(reply.invalid)
    if reply.paused:
        _paused(face, conversation, reply, store)
        return True
    if reply.plan is not None:
        face.plan(reply.plan.to_dict(), ended=reply.ended)
    if reply.prompt is not None:
        face.prompt(reply.prompt)
    if reply.ended:
        face.end(conversation.case_id, conversation.lang)
        return True
    return False


def _paused(face: JsonLines, conversation: Conversation, reply: Reply, store: Store) -> None:
    if reply.discarded:
        face.paused(None, conversation.lang, None)
    else:
        face.paused(conversation.case_id, conversation.lang, store.resume_command("run", conversation.case_id))
