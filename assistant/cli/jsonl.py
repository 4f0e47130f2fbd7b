"""The headless runner: the journey over stdin/stdout, as JSON lines or plain text.

JSON lines is a channel of its own (another program drives the conversation)
and the test harness. Each answer is on disk before the next prompt is written.
"""

from __future__ import annotations

import json
from typing import IO, Any, Callable

from assistant.services.conversation import Conversation, Reply, warm_up
from assistant.services.damage import check_case, reading
from assistant.common.i18n import N_, translator
from assistant.render.views import citizen_markdown
from assistant.domain.prompts import Prompt
from assistant.common.text import clean, clean_all
from store import Store
from assistant.services.resume import resume_case

PRESS_ENTER = N_("(Press Enter to go on.)")
HELP_NOW = N_("If you need help now:")  # before the help lines, when the citizen pauses at the safety step
SKIP_ASK = N_("Do you want to skip this question? Press Enter again to skip it, or write your answer.")
SKIPPED = N_("The question was skipped.")
WENT_BACK = N_("You went back to the question before.")


class JsonLines:
    shows_codes = False  # a program reads the case id as it is stored

    def __init__(self, out: IO[str]) -> None:
        self.out = out

    def reader(self, stdin: IO[str]) -> Callable[[], str]:
        """How the next answer line is read ("" at the end of input)."""
        return stdin.readline

    def moved(self, events: list[dict[str, Any]], lang: str) -> None:
        """The events one answer line added (a skip, a step back …); the JSON channel's prompts say enough."""

    def confirm_skip(self, prompt: Prompt, lang: str) -> bool:
        """Whether an empty line may skip ``prompt`` now (plain text asks first, at a keyboard)."""
        return True

    def emit(self, event: dict[str, Any]) -> None:
        # A case file may hold what no input lets through: never pass a control code on.
        self.out.write(json.dumps(clean_all(event), ensure_ascii=False) + "\n")
        self.out.flush()

    def prompt(self, prompt: Prompt) -> None:
        self.emit(prompt.to_event())

    def invalid(self, message: str) -> None:
        self.emit({"event": "invalid", "message": message})

    def plan(self, plan: dict[str, Any], *, ended: bool = False) -> None:
        self.emit({"event": "plan", "plan": plan})

    def paused(self, case: str | None, lang: str, command: str | None, *, stopped: bool = False,
               help_lines: list[str] | None = None) -> None:
        event = {"event": "paused", "case": case, "command": command}
        if stopped:  # after a sign of distress the citizen chose to stop for today
            from assistant.domain.safety import stopped_message

            event.update(stopped=True, message=stopped_message(translator(lang)))
        if help_lines:  # a break or a stop at the safety step: where help is, said again
            event["help"] = list(help_lines)
        self.emit(event)

    def end(self, case: str, lang: str) -> None:
        self.emit({"event": "end", "case": case})


class PlainText(JsonLines):
    """The same conversation as readable lines, for a terminal or a screen reader.

    At a terminal (``interactive``) lines are read with readline: the arrow keys move
    in the line and up/down bring back earlier answers. Information steps say to
    press Enter, an empty line asks before it skips, a skip or a step back is
    confirmed in words, and the plan is printed with its headings on lines of their own.
    """

    shows_codes = True

    def __init__(self, out: IO[str], lang: str, *, interactive: bool = False) -> None:
        super().__init__(out)
        self.lang = lang
        self.interactive = interactive
        self._asked_to_skip: str | None = None
        help_line = translator(lang).gettext(
            "Write /skip to skip a question, /back to go back, /pause to take a break."
        )
        self.out.write(help_line + "\n")

    def reader(self, stdin: IO[str]) -> Callable[[], str]:
        if not self.interactive:
            return stdin.readline
        try:
            import readline  # noqa: F401 - input() edits lines and keeps a history once it is loaded
        except ImportError:  # pragma: no cover - a Python without readline still reads lines
            pass

        def read() -> str:
            try:
                return input("> ") + "\n"
            except EOFError:
                return ""

        return read

    def prompt(self, prompt: Prompt) -> None:
        _ = translator(self.lang).gettext
        lines = ["", prompt.text]
        if prompt.choices:
            lines.append("   ".join(f"{i}) {c.label}" for i, c in enumerate(prompt.choices, start=1)))
        if prompt.kind == "info" and not prompt.final:
            lines.append(_(PRESS_ENTER))
        self.out.write(clean("\n".join(lines)) + "\n")  # the citizen's words from the file, as text
        if not prompt.final and not self.interactive:
            self.out.write("> ")
        self.out.flush()

    def confirm_skip(self, prompt: Prompt, lang: str) -> bool:
        if prompt.kind == "info" or prompt.final or self._asked_to_skip == prompt.state:
            self._asked_to_skip = None
            return True
        self._asked_to_skip = prompt.state
        self.out.write(translator(lang).gettext(SKIP_ASK) + "\n")
        if not self.interactive:
            self.out.write("> ")
        self.out.flush()
        return False

    def moved(self, events: list[dict[str, Any]], lang: str) -> None:
        self.lang = lang
        self._asked_to_skip = None
        _ = translator(lang).gettext
        for event in events:
            if event.get("type") == "skip":
                self.out.write(_(SKIPPED) + "\n")
            elif event.get("type") == "back":
                self.out.write(_(WENT_BACK) + "\n")

    def invalid(self, message: str) -> None:
        self.out.write(message + "\n")

    def plan(self, plan: dict[str, Any], *, ended: bool = False) -> None:
        """At the end, the plan as the citizen's own text (the goals were read one by one before)."""
        if ended:
            from assistant.render.views import citizen_markdown

            self.out.write("\n" + readable_text(citizen_markdown(plan)) + "\n")

    def paused(self, case: str | None, lang: str, command: str | None, *, stopped: bool = False,
               help_lines: list[str] | None = None) -> None:
        _ = translator(lang).gettext
        if stopped:
            from assistant.domain.safety import stopped_message

            self.out.write("\n" + stopped_message(translator(lang)) + "\n")
        if help_lines:
            self.out.write("\n" + _(HELP_NOW) + "\n" + "".join(f"- {line}\n" for line in help_lines))
        if case is None:
            message = _("You had not answered anything yet, so nothing was saved.")
        else:
            message = _("Your answers are saved. To continue another day, run: {command}").format(command=command)
            message += "\n" + _("Your code is {code}. Write it down; your caseworker can also help you.").format(code=case)
        self.out.write("\n" + message + "\n")
        self.out.flush()

    def end(self, case: str, lang: str) -> None:
        self.out.flush()


def readable_text(markdown: str) -> str:
    """Markdown as lines a screen reader reads well: each heading on a line of its own
    between blank lines, paragraphs apart, one list item a line, no Markdown signs."""
    from assistant.common.text import markdown_parser

    out: list[str] = []
    pending_heading = False
    in_list = 0
    for tok in markdown_parser().parse(markdown):
        if tok.type == "heading_open":
            pending_heading = True
        elif tok.type in ("bullet_list_open", "ordered_list_open"):
            in_list += 1
        elif tok.type in ("bullet_list_close", "ordered_list_close"):
            in_list -= 1
            if not in_list:
                out.append("")
        elif tok.type == "inline":
            text = "".join(
                c.content if c.type in ("text", "code_inline") else "\n" if c.type == "hardbreak" else " "
                if c.type == "softbreak" else ""
                for c in tok.children or []
            )
            if pending_heading:
                if out and out[-1] != "":
                    out.append("")
                out += [text, ""]
                pending_heading = False
            elif in_list:
                out.append("- " + text)
            else:
                out += [text, ""]
    while out and out[-1] == "":
        out.pop()
    return "\n".join(out)


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
    if not case:
        conversation = Conversation.start(store, journey, lang)
    else:
        path = check_case(store, case)  # a damaged file is reported by name, and never written to
        with reading(path):
            conversation = resume_case(store, case, lang=lang)
    face = JsonLines(stdout) if jsonl else PlainText(stdout, conversation.lang, interactive=_at_terminal(stdin, stdout))
    read = face.reader(stdin)
    try:
        if conversation.finished and not conversation.declined:  # a no can be taken back
            with reading(conversation.handle.path):
                plan = conversation.agreed_plan() or conversation.plan().to_dict()
                citizen_markdown(plan)  # odd content in a kept plan: damage by name, before a word is printed
            face.plan(_for_citizen(plan), ended=True)
            face.end(conversation.case_id, conversation.lang)
            return 0
        if getattr(conversation, "round", None) and not any(e["type"] in ("answer", "skip") for e in conversation.events):
            agreed = conversation.agreed_plan()  # a follow-up starts from the agreed plan (a changes review may have none)
            if agreed is not None:
                face.plan(_for_citizen(agreed), ended=True)
        face.prompt(conversation.prompt())
        warm_up()  # while the first question is read
        while True:
            line = read()
            if not line:  # end of input means pause
                _paused(face, conversation, conversation.pause(), store)
                return 0
            text = line.rstrip("\n")
            if not text.strip() and not face.confirm_skip(conversation.prompt(), conversation.lang):
                continue
            seen = len(conversation.events)
            reply = conversation.respond(text)
            face.moved(conversation.events[seen:], conversation.lang)
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
        face.plan(_for_citizen(reply.plan.to_dict()), ended=reply.ended)
    if reply.prompt is not None:
        face.prompt(reply.prompt)
    if reply.ended:
        face.end(conversation.case_id, conversation.lang)
        return True
    return False


def _for_citizen(plan: dict[str, Any]) -> dict[str, Any]:
    """The plan as this channel (the citizen's) carries it: never the flag for the caseworker, nor
    an answer that raised a sign of distress."""
    from assistant.render.views import citizen_copy

    return citizen_copy(plan)


def _at_terminal(stdin: IO[str], stdout: IO[str]) -> bool:
    try:
        return stdin.isatty() and stdout.isatty()
    except (AttributeError, ValueError):
        return False


def _paused(face: JsonLines, conversation: Conversation, reply: Reply, store: Store) -> None:
    if reply.discarded:
        face.paused(None, conversation.lang, None)
    else:
        from store.codes import shown_code

        case = shown_code(conversation.case_id) if face.shows_codes else conversation.case_id
        face.paused(case, conversation.lang, store.resume_command("run", case), stopped=reply.stopped,
                    help_lines=reply.help_lines)
