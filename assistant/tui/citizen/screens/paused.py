"""After a pause: the citizen's words are kept, and this is how to come back."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Button

from assistant.common.i18n import N_
from assistant.common.text import md_escape
from assistant.tui.shared.lang import gettext_for, translate_bindings
from assistant.tui.shared.safe_markdown import SafeMarkdown
from assistant.tui.citizen.widgets.footer import CitizenFooter
from store.codes import shown_code

NOTHING_TITLE = N_("Goodbye for now")
NOTHING = N_("You had not answered anything yet, so nothing was saved.")
DECLINED_TITLE = N_("Thank you")
DECLINED = N_("You did not make a plan this time. You can always say yes later.")
PAUSED_TITLE = N_("Your words are saved")
PAUSED = N_(
    "Nothing you wrote is lost, not even what you had started to write. "
    "You can take a break for as long as you need."
)
STOPPED_TITLE = N_("Thank you for today")
DONE_TITLE = N_("Your plan is saved")
DONE = N_("Your caseworker will read it and talk with you about it.")
CODE = N_("Your code is **{code}**. Write it down, or take a picture of it.")
HOW_BACK = N_("To come back, start **borgerrejse** and write your code. Or write this line:")
DECLINED_BACK = N_("If you change your mind, start **borgerrejse** and write your code. Or write this line:")
ASK = N_("Your caseworker can also open the conversation for you.")
HELP_NOW = N_("If you need help now:")
TO_START = N_("Go to the start")
CLOSE = N_("Close")


class PausedScreen(Screen):
    """Says the words are kept and how to come back; Enter closes the program."""

    CSS_PATH = "paused.tcss"

    BINDINGS = [
        Binding("escape", "app.quit", N_("Close"), id="paused.close"),
        # The focus is on Close; the arrows and page keys still move the text on a small screen.
        Binding("down", "scroll_text('down')", show=False),
        Binding("up", "scroll_text('up')", show=False),
        Binding("pagedown", "scroll_text('page_down')", show=False),
        Binding("pageup", "scroll_text('page_up')", show=False),
    ]

    def __init__(self, case: str | None, finished: bool = False, declined: bool = False, *,
                 stopped: bool = False, help_lines: list[str] | None = None) -> None:
        super().__init__()
        self.case = case
        self.finished = finished
        self.declined = declined
        self.stopped = stopped  # after a sign of distress the citizen chose to stop for today
        self.help_lines = list(help_lines or [])  # a break at the safety step: where help is, said again

    def compose(self) -> ComposeResult:
        _ = gettext_for(self)
        if self.case is None:
            title, text = NOTHING_TITLE, NOTHING
        elif self.stopped:
            from assistant.domain.safety import data

            title, text = STOPPED_TITLE, data().stopped  # a message id, like the others
        elif self.declined:
            title, text = DECLINED_TITLE, DECLINED
        elif self.finished:
            title, text = DONE_TITLE, DONE
        else:
            title, text = PAUSED_TITLE, PAUSED
        lines = [f"## {_(title)}", ""]
        if self.case:  # the code first: on a small screen it is what must be seen
            code = shown_code(self.case)
            command = self.app.session.store.resume_command("chat", code)
            # Inline code wraps with the paragraph, so a long --store path is never cut off at 80 columns.
            shown = f"`{command}`" if "`" not in command else md_escape(command)
            how = DECLINED_BACK if self.declined else HOW_BACK
            lines += [_(CODE).format(code=md_escape(code)), "", _(text), ""]
            if self.help_lines:
                lines += [_(HELP_NOW), "", *(f"- {md_escape(line)}" for line in self.help_lines), ""]
            lines += [_(how), "", shown, "", _(ASK)]
        else:
            lines += [_(text)]
        with VerticalScroll(id="paused-box"):
            yield SafeMarkdown("\n".join(lines))
            with Horizontal(id="paused-buttons"):
                yield Button(Content(_(CLOSE)), id="paused-close", variant="primary")
                yield Button(Content(_(TO_START)), id="paused-start")
        yield CitizenFooter()

    def on_mount(self) -> None:
        translate_bindings(self, gettext_for(self))
        self.query_one("#paused-close", Button).focus(scroll_visible=False)

    def action_scroll_text(self, how: str) -> None:
        getattr(self.query_one("#paused-box", VerticalScroll), f"scroll_{how}")(animate=False)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "paused-start":
            self.app.show_start()
        else:
            self.app.exit()
