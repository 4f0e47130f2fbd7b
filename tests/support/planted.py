"""A store whose every free-text field holds a unique marker word (for the no-free-text tests of the report).

Every journey that exists is played through the real code: the adult's and the young
person's first conversations (every text answer a marker, one of them a sign of
distress), the caseworker's work (every text field of the plan and its goals, measures
with a marker provider, an own goal, the reasoning), a provider's status with a note, a
follow-up conversation (what helped, what got in the way, a new first step, a new dream,
remarks), a plan reopened with a reason, a sign of distress marked handled with a note,
a registered name, the caseworkers' user names and the store's settings.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from assistant.domain import safety
from assistant.services import settings
from assistant.services.casework import GOAL_FIELDS, Casework
from assistant.services.resume import open_follow_up
from assistant.domain.progress import record_provider_status
from store import Store
from store.clock import now, simulated_clock
from assistant.services.resume import resume_case

MARKER = "zqxmark"
TEXT_GOAL_FIELDS = ("text", "success_criterion", "measure", "provider", "provider_suggestions", "not_reviewed")
TEXT_PLAN_FIELDS = ("purpose", "other_conditions", "expected_duration")


class Planter:
    def __init__(self) -> None:
        self.markers: list[str] = []

    def word(self) -> str:
        self.markers.append(f"{MARKER}{len(self.markers)}")
        return self.markers[-1]

    def words(self, n: int = 4) -> str:
        return " ".join(self.word() for _ in range(n))


def _play(conv, planter: Planter, *, distress_once: bool = False, review: str = "uenig", dreams: int = 1) -> None:
    said_distress = not distress_once
    for _ in range(200):
        if conv.finished:
            break
        prompt = conv.prompt()
        if prompt.final:
            break
        if prompt.kind == "safety":
            text = "1"  # go on
        elif prompt.slot == "another_dream":
            text = "ja" if len(conv.model.answers.dreams) < dreams else "nej"
        elif prompt.slot == "consent" or prompt.slot == "area_talk":
            text = "ja"
        elif prompt.slot == "review_offer":
            text = "nej"
        elif prompt.kind == "review":
            text = review
        elif prompt.slot == "decision":
            text = "2"  # change: a new first step in the citizen's words
        elif prompt.kind == "text":
            if not said_distress:
                text = f"jeg vil ikke leve mere {planter.word()}"
                said_distress = True
            else:
                text = planter.words(2)
        elif prompt.kind == "scale":
            text = str(prompt.scale[1] - 1) if prompt.scale else "3"
        elif prompt.choices:
            text = "1"
        else:
            text = ""
        conv.respond(text)
    assert conv.finished, conv.prompt().slot


def planted_store(root: Path, *, plans: int = 5) -> tuple[Store, list[str], list[str]]:
    """``plans`` adult and ``plans`` youth cases, every one carried through every journey; returns (store, markers, ids)."""
    store = Store(root)
    planter = Planter()
    word, words = planter.word, planter.words
    provider = f"Leverandør {word()}"
    settings.update(store, municipality=words(2), contact=words(2), add_providers=[provider])
    ids = []
    start = dt.datetime(2026, 1, 5, 10, 0, tzinfo=dt.timezone.utc)
    for n in range(plans * 2):
        journey = "youth" if n % 2 else "adult"
        with simulated_clock(start + dt.timedelta(days=n)):
            case_id = store.register_case(name=words(2), lang="da", area="children_young" if journey == "youth" else
                                          "psychiatry", journey=journey, registered_by=word())
            conv = resume_case(store, case_id)
            try:
                _play(conv, planter, distress_once=True)
            finally:
                conv.close()
            with store.open_case(case_id) as handle:
                safety.mark_handled(handle, words(4), word(), at=now())
            user = word()
            with Casework(store, case_id, user=user) as work:
                for field in TEXT_PLAN_FIELDS:
                    work.set_plan_field(field, words())
                work.set_plan_field("expected_duration_months", 6)
                goals = [g["id"] for g in work.plan()["goals"]]
                work.set_plan_field("measures", [{"title": words(2), "legal_basis": words(2), "provider": provider,
                                                  "goals": goals}])
                for goal in goals:
                    for field in TEXT_GOAL_FIELDS + ("reasoning",):
                        assert field in GOAL_FIELDS
                        work.set_goal_field(goal, field, words())
                    work.set_goal_field(goal, "indicator", {"name": words(2), "status": 3, "target": 1})
                work.add_goal(words(), success_criterion=words(), not_reviewed=words())
                if journey == "youth":  # the changes read aloud in a meeting, with the caseworker's note
                    work.changes_read_aloud(words(5))
            if journey == "adult":  # the citizen goes through the changes in the chat, partly agreeing, with comments
                review = resume_case(store, case_id)
                try:
                    assert type(review).__name__ == "ChangesReview"
                    _play(review, planter, review="delvis")
                finally:
                    review.close()
            with Casework(store, case_id, user=user) as work:
                for goal in work.plan()["goals"]:  # reasoning after the citizen's answer to the change
                    if goal.get("citizen_response") in ("partly", "disagree") or goal.get("change_answers"):
                        work.set_goal_field(goal["id"], "reasoning", words())
                work.set_status("reviewed")
                work.set_status("final")
                record_provider_status(work, [{"goal": goals[0], "date": "2026-02-01", "indicator": 2, "note": words(),
                                               "provider": words(2)}])
        with simulated_clock(start + dt.timedelta(days=60 + n)):
            follow = open_follow_up(store, case_id)
            try:
                _play(follow, planter, review="delvis", dreams=1)
            finally:
                follow.close()
            with Casework(store, case_id, user=word()) as work:
                for goal in work.plan()["goals"]:
                    if goal.get("citizen_response") in ("partly", "disagree") and not goal.get("reasoning"):
                        work.set_goal_field(goal["id"], "reasoning", words())
                work.set_status("reviewed")
                work.set_status("final")
                work.reopen(words())
        ids.append(case_id)
    # A conversation paused half-way, with words typed but not sent (the chat keeps them as a draft).
    with simulated_clock(start):
        paused = store.register_case(name=words(2), lang="da", area="disability")
        conv = resume_case(store, paused)
        try:
            for _ in range(40):
                prompt = conv.prompt()
                if prompt.kind == "text" and prompt.slot != "name":
                    break
                conv.respond("ja" if prompt.slot == "consent" else words(2) if prompt.kind == "text" else "")
            conv.respond(words(2))
            conv.handle.put_doc("draft", {"texts": {prompt.slot or "x": words(3)}})
            conv.pause()
        finally:
            conv.close()
    ids.append(paused)
    return store, planter.markers, ids


def marker_places(store: Store, case_id: str) -> set[str]:
    """Where on file the markers of one case are (table, and key within it): proves the planting reached them."""
    path = store.case_file(case_id)
    data = json.loads(path.read_text(encoding="utf-8"))
    found: set[str] = set()

    def walk(value, where: str) -> None:
        if isinstance(value, dict):
            for key, inner in value.items():
                walk(inner, f"{where}.{key}" if not key.isdigit() else where)
        elif isinstance(value, list):
            for inner in value:
                walk(inner, where)
        elif isinstance(value, str) and MARKER in value:
            found.add(where)

    walk(data, "")
    return found
