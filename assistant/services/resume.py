"""Opening a citizen's case where they are: the one way every face resumes a conversation.

Before the plan is made, that is the first conversation. Once it is made, the caseworker's
changes are shown to the citizen first (:class:`~assistant.services.changes.ChangesReview`),
and a final plan is followed up (:class:`~assistant.services.followup.FollowUp`); with
neither, the finished conversation itself (the citizen sees their plan).
"""

from __future__ import annotations

from assistant.services.changes import ChangesReview
from assistant.services.conversation import Conversation
from assistant.services.followup import FollowUp
from store import Store

ROUNDS = (ChangesReview.for_case, FollowUp.for_case)  # in this order: changes first, then the follow-up


def resume_case(store: Store, case_id: str, lang: str | None = None) -> Conversation:
    """The case's conversation to go on with (raises the store's sentences: no case, locked, damaged)."""
    return Conversation.resume(store, case_id, lang=lang, rounds=ROUNDS)


def open_follow_up(store: Store, case_id: str, lang: str | None = None) -> FollowUp | None:
    """For tests and tools: the follow-up of a case (None when there is no final plan)."""
    conversation = resume_case(store, case_id, lang=lang)
    if isinstance(conversation, FollowUp):
        return conversation
    conversation.close()
    return None
