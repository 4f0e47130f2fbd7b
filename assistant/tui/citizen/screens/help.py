"""Help: what this is, where help is now (the crisis numbers), that the plan is an offer, and who
reads the citizen's words."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button

from assistant.common.i18n import N_, translator
from assistant.common.text import md_escape
from assistant.domain.safety_children import page_lines
from assistant.tui.shared.lang import gettext_for, translate_bindings
from assistant.tui.shared.safe_markdown import SafeMarkdown
from store.codes import shown_code

TITLE = N_("Help")
WHAT = N_(
    "This is a conversation about your life and your dreams. "
    "From your answers I write a draft of your own plan (a handleplan)."
)
HELP_NOW = N_("If you need help now")
OFFER = N_("The plan is an offer. You decide if you want it, and you can say no at any time.")
DISAGREE = N_(
    "You can disagree with every goal. When you disagree, your words stay in the plan, "
    "and your caseworker must answer them in writing."
)
WHO_READS = N_(
    "Your words are saved on this computer, in your own words. "
    "Your caseworker reads them and the plan, and talks with you about it."
)
KEYS = N_("Keys")
KEY_LINES = (
    ("Enter", N_("send your answer")),
    ("Ctrl+N", N_("start a new line in your answer")),
    ("1–9", N_("choose an answer by its number")),
    ("F3", N_("skip a question")),
    ("F4", N_("go back and change your last answer")),
    ("F5", N_("take a break: your words are saved, and you can come back later")),
    ("F2", N_("change the language (Danish or English)")),
    ("F6", N_("change the colours (light, dark, high contrast)")),
    ("F7", N_("when your plan is ready: save a copy you can print (F8: in large print)")),
    ("↑ ↓ PgUp PgDn", N_("read back in the conversation and in your plan")),
    ("Ctrl+Q", N_("close; your words are saved")),
)
CASE = N_("Your code is {case}. With it you can come back to this conversation.")
THEME_NOW = N_("The colours now: {theme}.")
CLOSE = N_("Close help")


class HelpScreen(ModalScreen[None]):
    """A calm page of help over the chat; Escape, F1 or the button closes it."""

    CSS_PATH = "help.tcss"

    BINDINGS = [
        Binding("escape,f1", "close", N_("Close help"), id="help.close"),
        # The focus is on the close button; the arrows and page keys still move the text.
        Binding("down", "scroll_help('down')", show=False),
        Binding("up", "scroll_help('up')", show=False),
        Binding("pagedown", "scroll_help('page_down')", show=False),
        Binding("pageup", "scroll_help('page_up')", show=False),
    ]

    def __init__(self, case: str | None = None, *, youth: bool = False) -> None:
        super().__init__()
        self.case = case
        self.youth = youth  # a young person: Børnetelefonen first

    def compose(self) -> ComposeResult:
        _ = gettext_for(self)
        t = translator(getattr(self.app, "lang", None))
        crisis = [f"### {_(HELP_NOW)}", "", *(f"- {md_escape(line)}" for line in page_lines(t, youth=self.youth)), ""]
        lines = [f"## {_(TITLE)}", "", _(WHAT), "", *crisis, _(OFFER), "", _(DISAGREE), "", _(WHO_READS), ""]
        if self.case:
            lines += [_(CASE).format(case=md_escape(shown_code(self.case))), ""]
        theme_name = getattr(self.app, "theme_name", None)
        if theme_name is not None:
            lines += [_(THEME_NOW).format(theme=md_escape(theme_name())), ""]
        lines += [f"### {_(KEYS)}", ""] + [f"- **{key}**: {_(text)}" for key, text in KEY_LINES]
        with Vertical(id="help-box"):
            with VerticalScroll(id="help-scroll"):
                yield SafeMarkdown("\n".join(lines))
            yield Button(Content(_(CLOSE)), id="help-close", variant="primary")

    def on_mount(self) -> None:
        translate_bindings(self, gettext_for(self))
        self.query_one("#help-close", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss()

    def action_scroll_help(self, how: str) -> None:
        scroll = self.query_one("#help-scroll", VerticalScroll)
        getattr(scroll, f"scroll_{how}")(animate=False)

    def action_close(self) -> None:
        self.dismiss()
