"""The open conversation of a running app, called from worker threads only.

Every call into the core writes to disk, so it runs in a thread; one lock keeps
two calls (a reply in flight and a quit, say) from ever touching the
conversation at the same time.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Callable

from assistant.common.text import clean_all

if TYPE_CHECKING:  # the core is imported in the worker thread, while the screen starts
    from assistant.services.conversation import Conversation, Reply
    from assistant.domain.plan import Plan
    from assistant.domain.prompts import Prompt
    from store import CaseSummary, Store


@dataclass
class View:
    """Everything a screen needs after a call, computed in the worker thread."""

    reply: Reply | None
    prompt: Prompt | None
    plan: Plan | dict | None  # the draft, or the agreed (final) plan as a dict
    case_id: str
    lang: str
    finished: bool
    can_go_back: bool
    events: list[dict[str, Any]]
    asked: list[str | None] | None = None  # each answered question as asked, in ``lang``
    chosen: list[str | None] | None = None  # each button answer's label, in ``lang``
    draft: str = ""  # words typed for the current question but not sent (kept on disk)


DRAFT_TABLE = "draft"


def opening_lang(case: str | None, lang: str | None) -> str | None:
    """The language a chat opens in: a new conversation in ``lang`` (Danish by default); a
    resumed one in its own unless the citizen asked for another (``lang`` given)."""
    from assistant.common.i18n import normalise_lang

    return normalise_lang(lang) if lang or not case else None


def draft_key(prompt: Prompt | None) -> str | None:
    """Which question a draft belongs to: the step and, for repeated steps, its dream or goal."""
    if prompt is None or prompt.final:
        return None
    return f"{prompt.state}:{prompt.item or ''}"


class Session:
    """Holds at most one open :class:`Conversation` (and so one case lock)."""

    def __init__(self, store_path: str | None, journey: str = "adult") -> None:
        self.store_path = store_path
        self.journey = journey
        self.conversation: Conversation | None = None
        self._store: Store | None = None
        self._lock = threading.RLock()
        self._drafts: dict[str, str] = {}  # the open case's unsent words by question (as on disk)
        self._ahead: tuple[str | None, str | None, threading.Thread, dict[str, Any]] | None = None
        """An opening begun before the screen existed (case, lang, thread, its view or error)."""
        self.preview: View | None = None
        """A new conversation's first question as last shown, to show before it is opened
        (:mod:`assistant.tui.citizen.first_question`); the screen opens the conversation once it is shown."""
        self._kept_first: Prompt | None = None  # that question, to keep it again only if it changed
        self._deferred: str | None = None  # the language of a new conversation shown but not yet opened
        self._defer_lock = threading.Lock()

    @property
    def store(self) -> Store:
        if self._store is None:
            from assistant.services.stores import open_store

            self._store = open_store(self.store_path)
        return self._store

    def list_cases(self) -> list[CaseSummary]:
        from assistant.services.caselist import shown_summaries

        return shown_summaries(self.store)

    def preview_or_open_ahead(self, case: str | None, lang: str | None) -> None:
        """Start-up: a new conversation whose first question is kept is shown at once and opened
        by the screen just after; anything else is opened ahead (:meth:`open_ahead`)."""
        if not case and lang:
            from assistant.tui.citizen.first_question import cached

            prompt = _clean_prompt(cached(self.journey, lang))  # shown as every question is: words, never codes
            if prompt is not None:
                self._kept_first = prompt
                self.preview = View(reply=None, prompt=prompt, plan=None, case_id="", lang=lang, finished=False,
                                    can_go_back=False, events=[])
                return
        self.open_ahead(case, lang)

    def take_preview(self, lang: str | None) -> View | None:
        """The kept first question for a new conversation in ``lang``, if there is one; the
        conversation is then opened by :meth:`open_deferred` (or by the first answer, if sooner)."""
        view = self.preview
        if view is None or view.lang != lang:
            return None
        self.preview = None
        self._deferred = lang
        return view

    def open_deferred(self) -> bool:
        """Begin opening the conversation whose first question is shown (once; False if already begun)."""
        with self._defer_lock:
            lang, self._deferred = self._deferred, None
        if lang is None:
            return False
        self.open_ahead(None, lang)
        return True

    def open_ahead(self, case: str | None, lang: str | None) -> None:
        """Begin :meth:`open` in a thread now, while the program and its screen are still being
        built; the screen takes the result with :meth:`take_ahead` (the same view, or the same error)."""
        box: dict[str, Any] = {}

        def run() -> None:
            try:
                box["view"] = self.open(case, lang)
            except BaseException as exc:  # handed to whoever takes the view, in their thread
                box["error"] = exc

        thread = threading.Thread(target=run, name="borgerrejse-open", daemon=True)
        self._ahead = (case, lang, thread, box)
        thread.start()

    def ahead_ready(self, case: str | None, lang: str | None, wait: float = 0.0) -> bool:
        """Has an opening begun ahead for ``case`` and ``lang`` ended (waiting up to ``wait`` seconds)?"""
        ahead = self._ahead
        if ahead is None or ahead[:2] != (case, lang):
            return False
        ahead[2].join(wait)
        return not ahead[2].is_alive()

    def take_ahead(self, case: str | None, lang: str | None) -> View | None:
        """The view opened ahead for ``case`` and ``lang`` (waiting for it), or its error raised;
        None if nothing was opened ahead for these (the caller opens as usual)."""
        ahead = self._ahead
        if ahead is None:
            return None
        self._settle_ahead()
        if ahead[:2] != (case, lang):
            return None
        box = ahead[3]
        if "error" in box:
            raise box["error"]
        return box.get("view")

    def _wait_ahead(self) -> None:
        """An answer, a draft or a pause given while the conversation is still being opened (its
        first question shown from the cache) waits for the opening; the screen still takes its view."""
        self.open_deferred()
        ahead = self._ahead
        if ahead is not None and ahead[2] is not threading.current_thread():
            ahead[2].join()

    def _settle_ahead(self) -> None:
        """Wait for an opening begun ahead, so nothing it opens is left open behind anyone's back."""
        ahead = self._ahead
        if ahead is None:
            return
        if ahead[2] is not threading.current_thread():
            ahead[2].join()
        if self._ahead is ahead:  # let go of only once it is done: an answer waiting on it sees it
            self._ahead = None

    def open(self, case: str | None, lang: str | None) -> View:
        from assistant.services.conversation import Conversation
        from assistant.services.resume import resume_case
        from assistant.services.damage import check_case, reading

        if self._ahead is not None and self._ahead[2] is not threading.current_thread():
            self._settle_ahead()
        with self._lock:
            self.close()
            if not case:
                self.conversation = Conversation.start(self.store, self.journey, lang)
            else:
                path = check_case(self.store, case)  # a damaged file is reported by name before anything is written to it
                with reading(path):
                    self.conversation = resume_case(self.store, case, lang=lang)
            try:
                with reading(self.conversation.handle.path):
                    doc = self.conversation.handle.get_doc(DRAFT_TABLE) or {}
                    self._drafts = {str(k): str(v) for k, v in (doc.get("texts") or {}).items() if v}
                    view = self._view(None, final_plan=True, with_history=True)
            except BaseException:
                self.conversation, conversation = None, self.conversation
                conversation.close()
                raise
        if not case and view.prompt is not None:
            from assistant.tui.citizen.first_question import keep, same

            if self._kept_first is None or not same(self._kept_first, view.prompt):
                keep(self.journey, view.lang, view.prompt)  # shown at once next time
        return view

    @property
    def case_path(self):
        """The open conversation's file (for the sentence when it cannot be written), or the store."""
        conversation = self.conversation
        return conversation.handle.path if conversation is not None else self.store.root

    def call(
        self,
        fn: Callable[[Conversation], Reply | None],
        *,
        with_history: bool = False,
        draft: tuple[str | None, str] | None = None,
        sent: str | None = None,
    ) -> View:
        """Run ``fn`` on the conversation and describe the result (``with_history``: and the past turns).

        ``draft`` (question key, unsent text) is kept on disk first, so a skip or a
        step back leaves the words where they were typed; ``sent`` is the key of an
        answer being sent, whose draft goes once the answer is taken.
        """
        self._wait_ahead()
        with self._lock:
            conv = self._require()
            if draft is not None:
                self._keep_draft(conv, *draft)
            reply = fn(conv)
            if reply is not None and reply.paused:
                self.conversation = None
                case_id = None if reply.discarded else conv.case_id
                return View(reply, None, None, case_id, conv.lang, conv.finished, False, [])
            if conv.declined:  # a no erases every word on file, unsent ones too
                self._drafts = {}
            elif sent is not None and not (reply is not None and reply.invalid):
                self._keep_draft(conv, sent, "")
            return self._view(reply, with_history=with_history)

    def save_draft(self, key: str | None, text: str, seen_events: int) -> None:
        """Keep unsent words on disk (not as an answer). Dropped if the conversation has
        moved on since the screen read ``seen_events`` events (the words were sent)."""
        self._wait_ahead()
        with self._lock:
            conv = self.conversation
            if conv is None or len(conv.events) != seen_events:
                return
            self._keep_draft(conv, key, text)

    def _keep_draft(self, conv: Conversation, key: str | None, text: str) -> None:
        text = text if text.strip() else ""
        if key is None or conv.finished or self._drafts.get(key, "") == text:
            return
        drafts = {k: v for k, v in self._drafts.items() if k != key}
        if text:
            drafts[key] = text
        if drafts:
            conv.handle.put_doc(DRAFT_TABLE, {"texts": drafts})
        else:
            conv.handle.remove_doc(DRAFT_TABLE)
        self._drafts = drafts

    def pause(self, draft: tuple[str | None, str] | None = None) -> str | None:
        """Pause (or just close a finished) conversation; the case id, if one was open.

        ``draft`` (question key, unsent text) is saved first: no typed word is lost.
        If the pause cannot be saved, the conversation stays open (and the error is
        raised): the citizen can try again, or go on answering.
        """
        self._wait_ahead()
        with self._lock:
            conv = self.conversation
            if conv is None:
                return None
            if draft is not None:
                try:
                    self._keep_draft(conv, *draft)
                except Exception:  # the pause (and the lock's release) must still happen
                    pass
            reply = conv.pause()
            self.conversation = None
            return None if reply.discarded else conv.case_id

    def close(self, draft: tuple[str | None, str] | None = None) -> str | None:
        """Pause if that can be saved; if not, let go of the conversation (and its lock) anyway.

        Giving up: every answer sent is on disk already. Never raises; returns the case
        that is kept (to say how to come back), None if there was none or nothing was kept.
        """
        with self._defer_lock:
            self._deferred = None  # shown but never opened: nothing to close, nothing is made now
        if self._ahead is not None and self._ahead[2] is not threading.current_thread():
            self._settle_ahead()  # a conversation being opened is closed too, not left open
        with self._lock:
            conv = self.conversation
            try:
                return self.pause(draft)
            except Exception:
                self.conversation = None
                if conv is not None:
                    conv.close()
                    return conv.case_id if conv.handle.path.exists() else None
                return None

    def _require(self) -> Conversation:
        if self.conversation is None:
            raise RuntimeError("no open conversation")
        return self.conversation

    def _view(self, reply: Reply | None, *, final_plan: bool = False, with_history: bool = False) -> View:
        conv = self._require()
        finished = conv.finished
        asked, chosen = conv.asked_and_chosen() if with_history else (None, None)
        plan = reply.plan if reply is not None else (
            (conv.agreed_plan() or conv.plan()) if finished and (final_plan or with_history) else None
        )
        # The reply already holds the next question; render it once (drafting it may be the costly part).
        prompt = reply.prompt if reply is not None and reply.prompt is not None else conv.prompt()
        key = draft_key(prompt)
        if plan is not None:  # made once here, in the worker: odd content in a kept plan fails now, by name
            from assistant.render.views import citizen_markdown

            citizen_markdown(plan, conv.lang)
        # What the case file holds is shown as words, never as a terminal's commands.
        return View(
            reply=reply,
            prompt=_clean_prompt(prompt),
            plan=clean_all(plan) if isinstance(plan, dict) else plan,
            case_id=conv.case_id,
            lang=conv.lang,
            finished=finished,
            can_go_back=conv.can_go_back,
            events=clean_all(list(conv.events)),
            asked=clean_all(asked),
            chosen=clean_all(chosen),
            draft=self._drafts.get(key, "") if key else "",
        )


def _clean_prompt(prompt: Prompt | None) -> Prompt | None:
    """The question with the citizen's words in it (a name, a dream as a button) cleaned."""
    if prompt is None:
        return None
    from dataclasses import replace

    from assistant.common.text import clean

    choices = [replace(c, label=clean(c.label)) for c in prompt.choices]
    return replace(prompt, text=clean(prompt.text), markdown=clean(prompt.markdown), choices=choices)
