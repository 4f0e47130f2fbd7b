"""The conversation: transcript, progress, and the way to answer the current question."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import events, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen

from assistant.common.errors import BorgerrejseError, save_failed
from assistant.common.i18n import N_
from assistant.render.transcript import SKIPPED, WENT_BACK, entries, literal_markdown
from assistant.tui.shared.lang import gettext_for, translate_bindings
from assistant.tui.citizen.session import View, draft_key
from assistant.tui.citizen.widgets.answer_area import AnswerArea
from assistant.tui.citizen.widgets.answers import Answered, ChoiceBar, keep_typed
from assistant.tui.citizen.widgets.messages import (
    AssistantMessage,
    CitizenRow,
    ErrorMessage,
    GoalCard,
    NoteMessage,
    PlanMessage,
    Transcript,
)
from assistant.tui.citizen.widgets.progress import ProgressLine
from assistant.tui.citizen.widgets.scale import ScalePicker
from assistant.tui.citizen.widgets.footer import CitizenFooter

if TYPE_CHECKING:
    from textual.widgets import TextArea

# The text box by its type's name: its module (and Textual's text area) is imported only when a
# question first needs a text box, not to show the first question.
ANSWER_TEXT = "AnswerText"

FAILED = N_("Something went wrong. Everything you sent before is saved. Please try again, or press F5 to pause.")
CANNOT_OPEN = N_("Press Ctrl+Q to close.")
SHOWING_FAILED = N_("Something went wrong on the screen. Everything you sent is saved. Press F5 to pause. "
                    "Start again later to go on.")
SKIP_WITH_WORDS = N_(
    "You have written something here. Skip the question anyway? "
    "Your words are kept: press F4 later to come back to them."
)
SKIP_ANYWAY = N_("Skip anyway")
KEEP_WRITING = N_("Keep writing")
COPY_HINT = N_(
    "To get your plan on paper: press F7 and a copy you can print is saved. "
    "F8 saves it in large print."
)
COPY_SAVED = N_("A copy of your plan is saved here: {path}")
AHEAD_WAIT = 0.5  # seconds the screen waits for a conversation opened ahead before it is built without it
WARM_UP_AFTER = 0.5  # seconds after the first question is shown: the first answer's checks are readied
DRAFT_DELAY = 0.8  # seconds of quiet after the last key before unsent words are written to disk
# After a failed save: what was not saved, and what to do now (everything sent before is on disk).
NOT_SAVED = {
    "typed": N_("Your last answer was not saved. It is still in the box below: press Enter to send it again, "
                "or F5 to pause."),
    "answer": N_("Your last answer was not saved. Please answer again, or press F5 to pause."),
    "skip": N_("The question was not skipped. Press F3 to try again, or F5 to pause."),
    "back": N_("Nothing was changed. Press F4 to try again, or F5 to pause."),
    "lang": N_("The language was not changed. Press F2 to try again."),
    "pause": N_("The pause was not saved, but every answer you sent before is. Press F5 to try again, "
                "or Ctrl+Q to close."),
}


class ChatScreen(Screen):
    """One conversation. Disk work runs in threads; input is ignored while a reply is in flight."""

    AUTO_FOCUS = "AnswerArea *"  # the way to answer, as focus_answer() would (not the transcript first)

    BINDINGS = [
        Binding("f3", "skip", N_("Skip"), id="chat.skip"),
        Binding("f4", "back", N_("Back"), id="chat.back"),
        Binding("f5", "pause", N_("Pause"), id="chat.pause"),
        Binding("f7", "copy", N_("Save a copy"), id="chat.copy"),
        Binding("f8", "copy(True)", N_("Large print"), id="chat.copy_large"),
        # Whatever has the focus (the Close button, say), arrows and page keys move the
        # conversation unless the focused widget uses them itself (the text box, the buttons).
        Binding("up", "scroll_transcript('up')", show=False),
        Binding("down", "scroll_transcript('down')", show=False),
        Binding("pageup", "scroll_transcript('page_up')", show=False),
        Binding("pagedown", "scroll_transcript('page_down')", show=False),
    ]

    def __init__(self, case: str | None = None, lang: str | None = None) -> None:
        super().__init__()
        self.case = case
        self.requested_lang = lang
        self.view: View | None = None
        self.busy = True
        self.typeahead = ""  # typed while no answer box could take it (the next question was coming)
        self._draft_timer = None
        self._unsaved: CitizenRow | None = None
        """The citizen's words shown while their answer is being saved."""
        self._composed: View | None = None  # the view the screen was built with (opened ahead)
        self._preview: View | None = None
        """The first question shown from the cache while the conversation is opened (first_question.py)."""
        self._preview_question = None  # its message widget, replaced if the opened question differs
        self._early_error: Exception | None = None  # opening ahead failed: said once the screen is there

    def compose(self) -> ComposeResult:
        # Opened already (begun before the screen, see Session.open_ahead): the screen is built
        # with its first question in one go, laid out and painted once.
        view = self._composed = self._opened_ahead()
        if view is not None:
            self.view = view  # the footer, composed with the screen, shows the keys this question has
        prompt = view.prompt if view is not None else None
        first = [*self._history(view), self._question(prompt)] if prompt is not None else (
            self._history(view) if view is not None else [])
        if view is not None and view is self._preview:
            self._preview_question = first[-1]
        yield ProgressLine(id="progress")
        yield Transcript(*first, id="transcript")
        yield AnswerArea(prompt, self._, id="answer-area")
        yield CitizenFooter()

    def on_mount(self) -> None:
        self.retranslate()
        view, self._composed = self._composed, None
        if view is not None:
            self.query_one(AnswerArea).focus_answer()
            self._ready(view, "", self._take_typeahead())
            if self.previewing:  # the question is read while the conversation is opened
                self.call_after_refresh(self._open_after_preview)
            else:
                self.set_timer(WARM_UP_AFTER, self._warm_up)
        elif self._early_error is not None:
            self.call_later(self._opening_failed, self._early_error)
        else:
            self._open()

    def _opened_ahead(self) -> View | None:
        """The view opened before this screen existed, if it is there (waiting a moment for it)."""
        session = self.app.session
        preview = session.take_preview(self.requested_lang) if self.case is None else None
        if preview is not None:
            self._preview = preview
            self.app.set_language(preview.lang)
            return preview
        if not session.ahead_ready(self.case, self.requested_lang, wait=AHEAD_WAIT):
            return None  # not begun for this conversation, or slow: opened in a worker as usual
        try:
            view = session.take_ahead(self.case, self.requested_lang)
        except Exception as exc:  # shown as a sentence once the screen is there
            self._early_error = self._opening_error(exc)
            return None
        if view is not None:
            self.app.set_language(view.lang)  # before the past turns are put into words
        return view

    @property
    def _(self):
        return gettext_for(self)

    def retranslate(self) -> None:
        translate_bindings(self, self._)
        if self.view and self.view.prompt:
            self.query_one(ProgressLine).show(self.view.prompt, self._)
        self.refresh_bindings()

    # -- talking to the conversation (threads) ---------------------------------
    @work(thread=True, group="conversation", exit_on_error=False)
    def _open(self) -> None:
        session = self.app.session
        try:
            view = session.take_ahead(self.case, self.requested_lang) or session.open(self.case, self.requested_lang)
        except Exception as exc:  # shown as a sentence, never a traceback
            self._show(self._opening_failed, self._opening_error(exc))
            return
        self._show(self._opened, view)

    def _show(self, callback, *args) -> None:
        """From a worker: show what the conversation did (``callback`` on the event loop). The
        disk work is done by then; if showing it fails (a fault of this screen), the citizen
        still gets a sentence and a way to pause, never a screen that waits for ever."""
        try:
            self.app.call_from_thread(callback, *args)
        except Exception as exc:
            self.app.call_from_thread(self._showing_failed, exc)

    async def _showing_failed(self, exc: Exception) -> None:
        self.log.error(f"showing failed: {type(exc).__name__}")  # the kind of fault, never the citizen's words
        await self._add(ErrorMessage(self._(SHOWING_FAILED)))
        self.query_one(AnswerArea).disabled = True  # no answer to a question that may not be the one asked now
        self.busy = False  # F5 pauses (what was sent is saved); started again, the chat goes on from there
        self.refresh_bindings()

    @property
    def previewing(self) -> bool:
        """Is the first question on screen the kept one, its conversation still being opened?"""
        return self._preview is not None and self.view is self._preview

    def _open_after_preview(self) -> None:
        if self.previewing and self.is_attached:
            self.app.session.open_deferred()  # unless an answer given at once has begun it already
            self._take_opened()

    @work(thread=True, group="opening", exit_on_error=False)
    def _take_opened(self) -> None:
        try:
            view = self.app.session.take_ahead(None, self.requested_lang)
        except Exception as exc:  # shown as a sentence, never a traceback
            self._show(self._opening_failed, self._opening_error(exc))
            return
        if view is not None:  # None: taken by quitting meanwhile (and closed there)
            self._show(self._opened_after_preview, view)

    async def _opened_after_preview(self, view: View) -> None:
        """The conversation is open: the same first question (as ever) leaves the screen as it is."""
        from assistant.tui.citizen.first_question import same

        if not self.previewing:  # an answer given meanwhile has moved on already
            return
        shown, self._preview_question = self._preview_question, None
        if same(self.view.prompt, view.prompt) or self.busy:
            self.view = view
            self.refresh_bindings()
        else:  # made from another version of the dialogue: its own question replaces it
            if shown is not None:
                await shown.remove()
            await self._ask(view)
        self.set_timer(WARM_UP_AFTER, self._warm_up)

    @work(thread=True, group="conversation", exit_on_error=False)
    def _send(self, what: str, text: str = "", *, draft=None, sent: str | None = None) -> None:
        calls = {
            "answer": lambda c: c.respond(text),
            "skip": lambda c: c.skip(),
            "back": lambda c: c.back(),
            "lang": lambda c: c.set_lang(text),
        }
        try:
            view = self.app.session.call(calls[what], with_history=what == "lang", draft=draft, sent=sent)
        except Exception as exc:
            self._show(self._failed, self._error(exc), what)
            return
        self._show(self._replied, what, view)

    @work(thread=True, group="draft", exit_on_error=False)
    def _write_draft(self, key: str | None, text: str, seen_events: int) -> None:
        try:
            self.app.session.save_draft(key, text, seen_events)
        except Exception as exc:  # the next keystroke, a pause or quitting tries again
            self.log.error(type(exc).__name__)

    @work(thread=True, group="conversation", exit_on_error=False)
    def _pause(self, draft=None) -> None:
        try:
            case_id = self.app.session.pause(draft)
        except Exception as exc:  # not saved: the conversation stays open, to try again
            self._show(self._failed, self._error(exc), "pause")
            return
        finished = bool(self.view and self.view.finished)
        declined = finished and self.view.plan is None  # said no: no plan to speak of
        self.app.call_from_thread(self.app.show_paused, case_id, finished, declined)

    # -- what the citizen does ---------------------------------------------------
    async def on_answered(self, message: Answered) -> None:
        message.stop()
        if self.busy or self.view is None or self.view.finished:
            self._reopen_answer()
            if self.view is not None and self.view.finished and not self.busy:
                self.action_pause()
            return
        sent = draft_key(self.view.prompt)
        self._start_call()
        if message.shown is not None and message.shown.strip():
            self._unsaved = CitizenRow(message.shown)  # shown at once; taken back if it is not saved
            await self._add(self._unsaved)
        self._send("answer", message.text, sent=sent)

    def action_skip(self) -> None:
        if self.busy or not self.view or self.view.finished:
            return
        draft = self.current_draft()
        if draft is not None and draft[1].strip():  # words in the box: ask before leaving them
            from assistant.tui.shared.confirm import ConfirmScreen

            self.app.push_screen(
                ConfirmScreen(SKIP_WITH_WORDS, SKIP_ANYWAY, KEEP_WRITING),
                callback=lambda yes: self._skip() if yes else self.query_one(AnswerArea).focus_answer(),
            )
            return
        self._skip()

    def _skip(self) -> None:
        if not self.busy and self.view and not self.view.finished:
            draft = self.current_draft()
            self._start_call()
            self._send("skip", draft=draft)

    def action_back(self) -> None:
        if not self.busy and self.view and self.view.can_go_back:
            draft = self.current_draft()
            self._start_call()
            self._send("back", draft=draft)

    def action_pause(self) -> None:
        if not self.busy and (self.app.session.conversation is not None or self.previewing):
            draft = self.current_draft()
            self._start_call()
            self._pause(draft)

    # -- unsent words: kept on disk, and typed-ahead keys --------------------------
    def current_draft(self) -> tuple[str | None, str] | None:
        """(question key, words in the answer box) while a question is open and its words unsent."""
        if self.view is None or self.view.finished:
            return None
        fields = self.query(ANSWER_TEXT)
        if not fields or fields.first().sent:
            return None
        return draft_key(self.view.prompt), fields.first().text

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        from assistant.tui.citizen.widgets.answer_text import AnswerText  # a text area exists: imported already

        if isinstance(event.text_area, AnswerText) and not event.text_area.sent:
            if self._draft_timer is not None:
                self._draft_timer.stop()
            self._draft_timer = self.set_timer(DRAFT_DELAY, self.save_draft_now)

    def save_draft_now(self) -> None:
        """Write the box's words to disk (in a thread), if a question is open."""
        self._draft_timer = None
        draft = self.current_draft()
        if draft is not None and self.view is not None and not self.busy:
            self._write_draft(*draft, len(self.view.events))

    def on_key(self, event: events.Key) -> None:
        """Keys no answer box took: kept while the next question comes, else sent to the box."""
        if not (event.is_printable or event.key == "backspace"):
            return
        if self.busy:
            event.stop()
            self.typeahead = keep_typed(self.typeahead, event)
            return
        fields = self.query(ANSWER_TEXT)
        if event.is_printable and event.character and fields and not fields.first().sent:
            event.stop()
            field = fields.first()
            field.focus()
            field.insert(event.character)

    def on_paste(self, event: events.Paste) -> None:
        if self.busy:
            event.stop()
            from assistant.common.text import clean

            self.typeahead += clean(event.text)

    def _take_typeahead(self) -> str:
        """What was typed since the last answer was sent, in the order it was typed."""
        typed = "".join(w.typeahead for w in (*self.query(ANSWER_TEXT), *self.query(ChoiceBar)) if w.sent)
        for widget in (*self.query(ANSWER_TEXT), *self.query(ChoiceBar)):
            widget.typeahead = ""
        typed, self.typeahead = typed + self.typeahead, ""
        return typed

    def _reopen_answer(self) -> None:
        for widget in (*self.query(ANSWER_TEXT), *self.query(ChoiceBar)):
            widget.reopen()

    def change_language(self, lang: str) -> bool:
        """Called by the app's language key; False when the switch must wait."""
        if self.busy or self.previewing:  # the conversation is being opened: a moment
            return False
        if self.app.session.conversation is None:
            return True
        draft = self.current_draft()
        self._start_call()
        self._send("lang", lang, draft=draft)
        return False  # the app's language follows once the conversation has it

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        view = self.view
        if action == "copy":
            return view is not None and view.finished and view.plan is not None
        if action not in ("skip", "back", "pause"):
            return True
        if view is None or (self.app.session.conversation is None and not self.previewing):
            return False
        if action == "pause":  # at the end the Close button says it better
            return not view.finished
        if action == "back":  # also after a no: the citizen may change their mind
            return view.can_go_back
        if view.finished:
            return False
        return view.prompt is not None and view.prompt.kind != "info"

    # -- showing what happened (event loop) --------------------------------------
    def _start_call(self) -> None:
        self.busy = True
        self.query_one(AnswerArea).disabled = True

    async def _add(self, *widgets) -> None:
        await self.query_one(Transcript).add(*widgets)

    async def _opened(self, view: View) -> None:
        self.view = view
        self.app.set_language(view.lang)
        await self._add(*self._history(view))
        await self._ask(view)
        # Not at once: the question must first reach the terminal (written by Textual's own
        # thread), and a person needs longer than this to read it and answer.
        self.set_timer(WARM_UP_AFTER, self._warm_up)

    @staticmethod
    def _warm_up() -> None:
        """While the first question is read: what the first answer needs, in the background
        (and the text box the next questions need, here: a widget is imported on the event loop)."""
        from assistant.services.conversation import warm_up
        from assistant.tui.citizen.widgets import answer_text  # noqa: F401

        warm_up()

    def _history(self, view: View) -> list:
        """The conversation so far as message widgets, questions in the view's language."""
        _ = self._
        past = []
        for entry in entries(view.events, view.asked, view.chosen):
            if entry.who == "assistant":
                past.append(AssistantMessage(entry.text))
            elif entry.who == "citizen":
                past.append(CitizenRow(entry.text))
            else:
                past.append(NoteMessage(_(entry.text)))
        if view.finished and view.plan is not None:
            past.append(PlanMessage(self._plan_markdown(view.plan)))
            past.append(NoteMessage(_(COPY_HINT), classes="copy-hint"))
        return past

    async def _replied(self, what: str, view: View) -> None:
        self._unsaved = None
        self.view = view
        reply = view.reply
        if what == "lang":
            self.app.set_language(view.lang)
            draft = self.draft_of()
            # The whole conversation again in the new language; the citizen's words untouched.
            await self.query_one(Transcript).replace(*self._history(view))
            await self._ask(view, draft=draft)
            return
        if reply is not None and reply.invalid:
            await self._add(AssistantMessage(literal_markdown(reply.invalid), classes="invalid"))
            area = self.query_one(AnswerArea)
            if self.query(ANSWER_TEXT):  # keep what they wrote, so they can shorten it
                field = self.query_one(ANSWER_TEXT)
                field.typeahead += self._take_typeahead_of_screen()
                field.reopen()
                area.disabled = False
                area.focus_answer()
            else:
                typed = self._take_typeahead()
                await area.show(view.prompt, self._)
                self._land(typed)
            self.busy = False
            self.refresh_bindings()
            return
        if reply is not None and reply.paused:  # "Take a break" or "Stop for today" at the safety check
            self.app.show_paused(view.case_id, view.finished, False, stopped=reply.stopped,
                                 help_lines=reply.help_lines)
            return
        if what == "skip":
            await self._add(NoteMessage(self._(SKIPPED)))
        elif what == "back":
            await self._add(NoteMessage(self._(WENT_BACK)))
        if reply is not None and reply.ended and view.plan is not None:
            await self._add(
                PlanMessage(self._plan_markdown(view.plan)),
                NoteMessage(self._(COPY_HINT), classes="copy-hint"),
            )
        # After Back: unsent words for that question first (they are newer), else the answer being changed.
        await self._ask(view, draft=(view.draft or self._previous_answer(view)) if what == "back" else "")

    async def _ask(self, view: View, draft: str = "") -> None:
        prompt = view.prompt
        typed = self._take_typeahead()
        if prompt is not None:
            await self._add(self._question(prompt))
        await self.query_one(AnswerArea).show(prompt, self._)
        self._ready(view, draft, typed)

    @staticmethod
    def _question(prompt):
        card = GoalCard if prompt.kind == "review" else AssistantMessage
        return card(prompt.markdown)

    def _ready(self, view: View, draft: str, typed: str) -> None:
        """The question and its answer widget are in place: words kept for it go in, input is taken."""
        self.view = view
        prompt = view.prompt
        if prompt is not None:
            self.query_one(ProgressLine).show(prompt, self._)
        draft = draft or view.draft  # words typed for this question before (kept on disk)
        if draft:
            for field in self.query(ANSWER_TEXT):
                field.load_text(draft)
                field.move_cursor(field.document.end)
            for picker in self.query(ScalePicker):
                picker.choose(draft if draft.isdigit() else "")
        self._land(typed)
        self.busy = False
        self.refresh_bindings()
        self.app.shown()
        if view.finished and self.query(PlanMessage):
            self.call_after_refresh(self._show_plan_top)

    def _show_plan_top(self) -> None:
        """The finished plan opens at its top, not at its last line."""
        plans = self.query(PlanMessage)
        if plans:
            transcript = self.query_one(Transcript)
            transcript.anchor(False)
            transcript.scroll_to_widget(plans.last(), top=True, animate=False)

    def action_scroll_transcript(self, how: str) -> None:
        getattr(self.query_one(Transcript), f"scroll_{how}")(animate=False)

    def action_copy(self, large_print: bool = False) -> None:
        if self.view is not None and self.view.finished and self.view.plan is not None:
            self._save_copy(self.view.plan, self.view.case_id, self.app.lang, large_print)

    @work(thread=True, group="copy", exit_on_error=False)
    def _save_copy(self, plan, case_id: str, lang: str, large_print: bool) -> None:
        from assistant.common.errors import save_failed
        from assistant.render.export import save_citizen_copy

        try:
            try:
                path = save_citizen_copy(plan, case_id, lang=lang, large_print=large_print)
            except OSError as exc:
                raise save_failed(exc, getattr(exc, "filename", "") or "") from exc
        except Exception as exc:
            self.app.call_from_thread(self._copy_failed, exc)
            return
        self.app.call_from_thread(self._copy_saved, str(path))

    async def _copy_saved(self, path: str) -> None:
        message = self._(COPY_SAVED).format(path=path)
        await self.query_one(Transcript).add(NoteMessage(message, classes="copy-saved"), follow=False)
        self.app.notify(message, timeout=10)

    async def _copy_failed(self, exc: Exception) -> None:
        await self.query_one(Transcript).add(ErrorMessage(self._message(exc)), follow=False)

    def _take_typeahead_of_screen(self) -> str:
        typed, self.typeahead = self.typeahead, ""
        return typed

    def _land(self, typed: str) -> None:
        """Keys typed ahead go into the new answer box (or wait for one, over an information step)."""
        if not typed:
            return
        fields, bars = self.query(ANSWER_TEXT), self.query(ChoiceBar)
        if fields:
            field = fields.first()
            field.insert(typed, field.document.end)
            field.move_cursor(field.document.end)
        elif bars:
            bars.first().type_ahead(typed)
        else:
            self.typeahead = typed + self.typeahead

    @staticmethod
    def _previous_answer(view: View) -> str:
        """After Back: the answer being changed, to start from (the citizen's own text)."""
        from assistant.domain.replay import effective_events, without_interrupts

        # back over the safety step or the direct question: the answer that raised it
        stack = without_interrupts(effective_events(view.events[:-1])[0])
        if stack and stack[-1]["type"] == "answer" and view.prompt and stack[-1]["state"] == view.prompt.state:
            return stack[-1].get("text") or ""
        return ""

    def draft_of(self) -> str:
        fields = self.query(ANSWER_TEXT)
        return fields.first().text if fields else ""

    def _plan_markdown(self, plan) -> str:
        """The plan as the citizen reads it (the views are imported when a plan is first shown)."""
        from assistant.render.views import citizen_markdown

        return citizen_markdown(plan, self._t().lang)

    def _t(self):
        from assistant.common.i18n import translator

        return translator(self.app.lang)

    async def _opening_failed(self, exc: Exception) -> None:
        if self._preview is not None:  # the kept question is taken back: there is no conversation
            self.view = self._preview = None
            if self._preview_question is not None:
                await self._preview_question.remove()
                self._preview_question = None
        self.app.shown()
        await self._add(ErrorMessage(self._message(exc)), NoteMessage(self._(CANNOT_OPEN)))
        await self.query_one(AnswerArea).show(None, self._)
        self.refresh_bindings()

    async def _failed(self, error: BorgerrejseError | None, what: str) -> None:
        """Nothing of the last step was saved: say so truthfully; the typed words stay in the box."""
        if self._unsaved is not None:  # not shown as sent: it was not saved
            await self._unsaved.remove()
            self._unsaved = None
        if what == "answer" and self.query(ANSWER_TEXT):
            what = "typed"
        message = self._(FAILED) if error is None else error.translated(self._) + "\n" + self._(NOT_SAVED[what])
        await self._add(ErrorMessage(message))
        self._reopen_answer()  # the words are still in the box, the citizen's to send again
        self.busy = False
        area = self.query_one(AnswerArea)
        area.disabled = False
        area.focus_answer()
        self.refresh_bindings()

    def _opening_error(self, exc: Exception) -> Exception:
        """A full disk, a folder where the lock should be: the sentence names what and where."""
        if isinstance(exc, BorgerrejseError) or not isinstance(exc, OSError):
            return exc
        from assistant.services.damage import as_borgerrejse_error

        store = self.app.session.store
        return as_borgerrejse_error(exc, store.case_file(self.case) if self.case else store.root)

    def _error(self, exc: Exception) -> BorgerrejseError | None:
        """The sentence for ``exc`` (a failed write says why and where); None: no better words than FAILED."""
        if isinstance(exc, BorgerrejseError):
            return exc
        if isinstance(exc, OSError):
            return save_failed(exc, self.app.session.case_path)
        self.log.error(repr(exc))
        return None

    def _message(self, exc: Exception) -> str:
        if isinstance(exc, BorgerrejseError):
            return exc.translated(self._)
        self.log.error(repr(exc))
        return self._(FAILED)
