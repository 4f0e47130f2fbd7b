"""Synthetic cases for demos and benchmarks: ``borgerrejse sample --cases N``.

Every journey that exists is sampled through the same code as real use:

- the first conversation, an adult's (dialogues/adult.toml) or a young person's
  (dialogues/youth.toml, in the area *Børn og unge*, barnets plan or ungeplan), answered
  question by question by a :class:`Conversation` — some started by a caseworker's
  registration (:meth:`Store.register_case`), some paused, declined or never begun;
- a sign of distress now and then (the safety check, then going on or taking a break),
  and the caseworker marking it handled (:func:`assistant.domain.safety.mark_handled`);
- the caseworker's :class:`Casework`: area, measures from the store's providers with
  their extent, duration, reasoning (or not) where the citizen disagreed, a young
  person's area indicators, and the plan draft → reviewed → final;
- the provider's status per goal (:func:`assistant.domain.progress.record_provider_status`);
- follow-up conversations (:mod:`assistant.services.followup`) on a final plan, on a later day,
  making new versions that the caseworker completes again; and plans reopened.

Each case runs on a simulated clock (:func:`store.clock.simulated_clock`) so that
plans are of different ages — follow-ups past, due and later — and draws from its own
random generator seeded by ``(seed, number)``: the same seed gives the same cases in any
order (case numbers and the real-time stamps of the index are the only difference).

Each conversation lands on disk in one write (an outer batch) instead of one fsynced
write per answer, and a few threads overlap the disks' fsyncs.
"""

from __future__ import annotations

import datetime as dt
import random
import sys
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Callable, TextIO

from assistant.domain import safety
from assistant.services import settings
from assistant.services.casework import Casework
from assistant.common.errors import CaseworkError
from assistant.domain.vocabulary import YOUTH_AREAS
from assistant.services.changes import latest_disagreement
from assistant.services.conversation import Conversation
from assistant.common.errors import BorgerrejseError
from assistant.services.resume import open_follow_up
from assistant.domain.plan import YOUTH_PLAN_KINDS
from assistant.domain.progress import record_provider_status
from assistant.services.caselist import register_case
from store import Store
from store.clock import now, simulated_clock, today
from store.schema import AREAS
from assistant.services.resume import resume_case

# The first conversations (the follow-up journey is played on final plans, never first).
FIRST_JOURNEYS = ("adult", "youth")
ADULT_AREAS = tuple(a for a in AREAS if a != "children_young")
FIRST_NAMES = ("Anna", "Bo", "Carla", "Dorte", "Emil", "Frida", "Gustav", "Hanne", "Ib", "Jonna", "Kasper", "Lise",
               "Mads", "Nanna", "Ole", "Pia", "Rasmus", "Sofie", "Tobias", "Ulla", "Vagn", "Yrsa", "Åse", "Øjvind")
LAST_NAMES = ("Testesen", "Prøvegaard", "Eksempelsen", "Opdigtet", "Fiktivsen", "Demolund", "Skabelonsen", "Mønstergaard")
# Invented wishes in plain words, one list per WHO dimension (so suggestions vary).
DREAMS = (
    ("Få en ven at gå tur med", "Ringe til min fætter", "Vi ses hver uge", "Jeg er alene om aftenen"),
    ("Bo i min egen lejlighed", "Skrive til boligforeningen", "Jeg har en nøgle", "Jeg vil have ro"),
    ("Sove bedre om natten", "Gå en tur hver morgen", "Jeg vågner frisk", "Jeg er træt hele dagen"),
    ("Være mindre bange", "Tale med en psykolog", "Jeg tør tage bussen", "Angsten fylder meget"),
    ("Få et arbejde i en butik", "Tale med jobcentret", "Jeg har en kontrakt", "Jeg vil tjene mine egne penge"),
    ("Tage på ferie med min datter", "Spare op hver måned", "Vi har billetter", "Hun betyder alt for mig"),
)
YOUTH_DREAMS = (
    ("Komme i skole hver dag", "Stå op når uret ringer", "Jeg har ingen fravær", "Jeg vil med i timerne"),
    ("Spille fodbold igen", "Spørge træneren", "Jeg er med til træning", "Det er sjovt"),
    ("Skændes mindre med min mor", "Sige det roligt", "Vi spiser sammen", "Jeg savner hende"),
    ("Få en ven i klassen", "Sætte mig ved en ny", "Vi snakker i frikvarteret", "Jeg er alene"),
)
EVERYDAY = ("Jeg står op sent og ser fjernsyn.", "Jeg går tur med hunden og handler ind.", "Dagene er lange og ens.")
GOOD_NOW = ("Min hund.", "Min søster ringer tit.", "Jeg kan lide at lave mad.")
REMARKS = ("Jeg vil gerne have hjælp til breve.", "Tak for snakken.")
COMMENTS = ("Det er for hurtigt.", "Jeg vil hellere starte et andet sted.")
DISTRESS = ("Jeg vil ikke leve mere", "Nogle gange vil jeg ikke leve længere")
HANDLED = "Ringet til borgeren samme dag og aftalt et møde."
PROVIDERS = ("Bostøtten Nord", "Dagtilbuddet Solsikken", "Ungeindsatsen Øst", "Misbrugscentret")
MEASURES = (("Bostøtte", "SEL § 85"), ("Aktivitetstilbud", "SEL § 104"), ("Støttekontaktperson", "SEL § 99"),
            ("Behandling for misbrug", "SEL § 101"))
YOUTH_MEASURES = (("Kontaktperson", "Barnets lov § 32"), ("Familiebehandling", "Barnets lov § 32"))
REASONING = "Målet er vigtigt for borgerens helbred, og vi følger op sammen om tre måneder."
REOPEN = "Borgeren er flyttet og har brug for en ny plan."
CRITERION = "Borgeren møder op til aftalerne tre uger i træk."  # the caseworker's own success criterion
READ_ALOUD = "Læst højt for borgeren på mødet, og borgeren var enig."
REASONING_AFTER_CHANGE = "Vi holder fast i kriteriet, fordi det gør det nemt at se, at det går fremad."
CONDITIONS = "Ingen andre særlige forhold."
NOTES = ("Møder stabilt op.", "Har haft en svær måned.", None)
FOLLOW_UP_TEXTS = {"helped": ("Min kontaktperson.", "At have en plan."), "hindered": ("Jeg var syg.", "Ingenting.")}


def sample(store: Store, cases: int, *, seed: int = 1, workers: int = 4,
           progress: Callable[[int, int], None] | None = None) -> list[str]:
    """Make ``cases`` synthetic cases in ``store``; returns their case numbers in order."""
    settings.update(store, add_providers=list(PROVIDERS))  # measures choose their provider from this list
    # The stories end as today begins (UTC): the same seed makes the same cases all day long
    # (the time of day it is run must not move a case across midnight), and none in the future.
    end = dt.datetime.combine(today(), dt.time(0, 0, tzinfo=dt.timezone.utc))
    done = 0
    ids: list[str] = []
    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        for case_id in pool.map(lambda n: make_case(store, n, seed, end), range(cases)):
            ids.append(case_id)
            done += 1
            if progress:
                progress(done, cases)
    return ids


def make_case(store: Store, number: int, seed: int, end: dt.datetime) -> str:
    """One invented case, its story told up to ``end`` (today)."""
    rng = random.Random(f"{seed}:{number}")
    moment = end - dt.timedelta(days=rng.randint(0, 540), minutes=rng.randint(0, 600))
    name = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
    journey = rng.choices(FIRST_JOURNEYS, weights=(70, 30))[0]
    youth = journey == "youth"
    area = "children_young" if youth else rng.choice(ADULT_AREAS)
    fate = rng.choices(("registered", "declined", "paused", "complete"), weights=(4, 4, 10, 82))[0]
    with simulated_clock(moment):
        registered = fate == "registered" or rng.random() < 0.3
        case_id = None
        if registered:
            case_id = register_case(store, name=name, lang="da", area=area, new_costly_complex=rng.random() < 0.2,
                                          journey=journey, registered_by=rng.choice(("kbl", "mhj")),
                                          plan_kind=rng.choice(YOUTH_PLAN_KINDS) if youth else None)
            if fate == "registered":
                return case_id
        distress = rng.random() < 0.05
        case_id, finished = _converse(store, rng, name, journey, fate, case_id, distress)
        if distress:
            _handle_distress(store, case_id, rng)
        if finished and fate == "complete" and rng.random() < 0.8:
            _casework(store, case_id, rng, area, youth, end)
    return case_id


def _converse(store: Store, rng: random.Random, name: str, journey: str, fate: str,
              case_id: str | None, distress: bool) -> tuple[str, bool]:
    """The first conversation; whether it reached its end."""
    lang = "da" if rng.random() < 0.9 else "en"
    conv = resume_case(store, case_id) if case_id else Conversation.start(store, journey, lang)
    dreams = rng.sample(YOUTH_DREAMS if journey == "youth" else DREAMS, k=rng.randint(1, 3))
    stop_after = rng.randint(2, 14) if fate == "paused" else None
    distress_at = rng.randint(2, 12) if distress else None
    return conv.case_id, _play(conv, rng, lambda p: _answer(p, rng, name, dreams, fate), stop_after, distress_at)


def _play(conv: Conversation, rng: random.Random, answer: Callable[[Any], str], stop_after: int | None = None,
          distress_at: int | None = None) -> bool:
    """Answer until the end (or a pause); a sign of distress in the answer ``distress_at``."""
    try:
        answered = 0
        with conv.handle.batch():
            while not conv.finished and answered < 120:
                prompt = conv.prompt()
                if prompt.final:
                    break
                if stop_after is not None and answered >= stop_after:
                    conv.pause()
                    return False
                if prompt.kind == "safety":  # after a sign of distress: mostly go on, sometimes a break
                    if rng.random() < 0.3:
                        conv.respond("2")  # take a break
                        return False
                    conv.respond("1")  # go on with the conversation
                elif distress_at is not None and answered >= distress_at and prompt.kind == "text":
                    conv.respond(rng.choice(DISTRESS))
                    distress_at = None
                else:
                    conv.respond(answer(prompt))
                answered += 1
        return conv.finished and not conv.declined
    finally:
        conv.close()


def _answer(prompt, rng: random.Random, name: str, dreams: list[tuple[str, ...]], fate: str) -> str:
    slot, item = prompt.slot, (prompt.item or 1)
    dream = dreams[min(item, len(dreams)) - 1]
    if slot == "consent":
        return "nej" if fate == "declined" else "ja"
    if slot == "another_dream":
        return "ja" if item < len(dreams) else "nej"
    if slot == "area_talk":
        return "ja" if rng.random() < 0.6 else "nej"
    if prompt.answered_by == "scale" and prompt.scale:
        return str(rng.randint(*prompt.scale))
    if prompt.kind == "review":
        return rng.choices(("enig", "delvis", "uenig"), weights=(60, 25, 15))[0]
    if slot == "review_offer":
        return "nej"
    if prompt.answered_by == "choice" and prompt.choices:
        return str(rng.randint(1, len(prompt.choices)))
    if prompt.answered_by == "nothing":
        return ""
    texts = {
        "name": name.split()[0],
        "everyday": rng.choice(EVERYDAY),
        "good_now": rng.choice(GOOD_NOW),
        "good": rng.choice(GOOD_NOW),
        "wish": dream[0],
        "dream": dream[0],
        "first_step": dream[1],
        "sign": dream[2],
        "why": dream[3],
        "helpers": "Min kontaktperson",
        "motivation_up": "Hvis nogen gik med",
        "review_comment": rng.choice(COMMENTS) if rng.random() < 0.5 else "",
        "remarks": rng.choice(REMARKS) if rng.random() < 0.4 else "",
    }
    return texts.get(slot, "Det ved jeg ikke")


def _handle_distress(store: Store, case_id: str, rng: random.Random) -> None:
    """Most signs of distress are marked handled by the caseworker, as `h` in the workspace does."""
    with store.open_case(case_id) as handle:
        if not safety.open_flags(handle.meta) or rng.random() < 0.3:
            return
        safety.mark_handled(handle, HANDLED, "sample", at=now())


def _casework(store: Store, case_id: str, rng: random.Random, area: str, youth: bool, end: dt.datetime) -> None:
    target = rng.choices(("draft", "reviewed", "final"), weights=(25, 20, 55))[0]
    if not _complete(store, case_id, rng, area, youth, target, first=True):
        return
    # Later: the provider's status, follow-up conversations on a later day, a plan reopened.
    for _round in range(3):
        with Casework(store, case_id, user="sample") as work:
            plan = work.plan()
            if plan["status"] != "final":
                return
            follow_up = dt.date.fromisoformat(plan["follow_up"])
            made = dt.date.fromisoformat(plan["created"][:10])
        if rng.random() < 0.4:
            _provider_status(store, case_id, rng, made, min(follow_up, end.date()))
        day = follow_up + dt.timedelta(days=rng.randint(-20, 10))
        if day > end.date() or rng.random() < 0.25:
            return  # not yet, or not done: the follow-up is due or past
        with simulated_clock(dt.datetime.combine(max(day, made + dt.timedelta(days=1)), end.timetz())):
            if rng.random() < 0.1:
                with Casework(store, case_id, user="sample") as work:
                    work.reopen(REOPEN)  # a new version of the plan, without a conversation
            elif not _follow_up(store, case_id, rng):
                return
            target = rng.choices(("draft", "reviewed", "final"), weights=(20, 15, 65))[0]
            if not _complete(store, case_id, rng, area, youth, target, first=False):
                return


def _complete(store: Store, case_id: str, rng: random.Random, area: str, youth: bool, target: str, *,
              first: bool) -> bool:
    """The caseworker completes the plan towards ``target``; whether it became final."""
    careful = 0.95 if target == "final" else 0.5  # what a final plan needs is mostly there
    try:
        with Casework(store, case_id, user="sample") as work:
            with work.together():
                if first:
                    work.set_meta(area=area, new_costly_complex=rng.random() < 0.2)
                    if youth:
                        work.set_meta(plan_kind=rng.choice(YOUTH_PLAN_KINDS))
                plan = work.plan()
                if (first or not plan["measures"]) and rng.random() < careful:
                    work.set_plan_field("measures", _measures(rng, youth, [g["id"] for g in plan["goals"]]))
                if not plan.get("expected_duration_months") and rng.random() < careful:
                    work.set_plan_field("expected_duration_months", rng.choice((3, 6, 12, 24)))
                if not plan.get("other_conditions") and rng.random() < careful:
                    work.set_plan_field("other_conditions", CONDITIONS)
                if youth and rng.random() < 0.7:
                    for youth_area in rng.sample(YOUTH_AREAS, k=rng.randint(1, 3)):
                        status = rng.randint(1, 4)
                        work.set_area_indicator(youth_area, status, rng.randint(0, status))
                for goal in plan["goals"]:
                    if goal.get("citizen_response") in ("partly", "disagree") and not goal.get("reasoning") \
                            and rng.random() < careful:
                        work.set_goal_field(goal["id"], "reasoning", REASONING)
                    if not youth and goal.get("domain_suggested") and rng.random() < 0.5:
                        work.set_goal_field(goal["id"], "domain", goal.get("domain"))  # the suggestion confirmed
                # Sometimes the caseworker writes a success criterion of their own: a change the citizen
                # is to see (assistant/services/changes.py) — in the chat, read aloud in a meeting, or not at all.
                reworded = first and target != "draft" and plan["goals"] and rng.random() < 0.3
                if reworded:
                    work.set_goal_field(plan["goals"][0]["id"], "success_criterion", CRITERION)
        seen = rng.choices(("chat", "read_aloud", "unseen"), weights=(5, 3, 2))[0] if reworded else None
        if seen == "chat":
            review = resume_case(store, case_id)  # the changes review (assistant/services/changes.py)
            _play(review, rng, lambda p: _answer(p, rng, "-", [DREAMS[0]], "complete"))
        with Casework(store, case_id, user="sample") as work:
            if seen == "read_aloud":
                work.changes_read_aloud(READ_ALOUD)
            for goal in work.plan()["goals"]:
                if latest_disagreement(goal) and rng.random() < careful:  # reasoning after the citizen's answer
                    work.set_goal_field(goal["id"], "reasoning", REASONING_AFTER_CHANGE)
            if target != "draft":
                work.set_status("reviewed")  # draft, then reviewed, then final
            if target == "final":
                try:
                    work.set_status("final", unseen_ok=seen == "unseen")
                except (CaseworkError, BorgerrejseError):
                    return False  # not everything a final plan needs is there: it stays reviewed
                return True
    except BorgerrejseError:
        pass  # a plan the caseworker has not reached yet (no goals, say): left as the citizen made it
    return False


def _measures(rng: random.Random, youth: bool, goals: list[str]) -> list[dict[str, Any]]:
    out = []
    for title, basis in rng.sample(YOUTH_MEASURES if youth else MEASURES, k=rng.randint(1, 2)):
        measure: dict[str, Any] = {"title": title, "legal_basis": basis, "provider": rng.choice(PROVIDERS),
                                   "goals": rng.sample(goals, k=rng.randint(1, len(goals))) if goals else []}
        if rng.random() < 0.6:
            measure["extent"] = {"amount": rng.randint(1, 4), "unit": "hours", "per": "week"}
        out.append(measure)
    return out


def _provider_status(store: Store, case_id: str, rng: random.Random, start: dt.date, end: dt.date) -> None:
    with Casework(store, case_id, user="sample") as work:
        goals = [g["id"] for g in work.plan()["goals"]]
        if not goals or end <= start:
            return
        day = start + dt.timedelta(days=rng.randint(1, (end - start).days))
        record_provider_status(work, [{"goal": rng.choice(goals), "date": day.isoformat(),
                                       "indicator": rng.randint(0, 4), "note": rng.choice(NOTES)}],
                               source=rng.choice(("caseworker", "file")))


def _follow_up(store: Store, case_id: str, rng: random.Random) -> bool:
    """A follow-up conversation on the final plan; whether it reached its end (a new version)."""
    conv = open_follow_up(store, case_id)
    if conv is None:
        return False
    dreams = rng.sample(DREAMS, k=rng.randint(1, 2)) if rng.random() < 0.3 else []

    def answer(prompt) -> str:
        if prompt.slot == "decision":
            return str(rng.choices((1, 2, 3, 4), weights=(55, 20, 10, 15))[0])  # keep, change, drop, reached
        if prompt.slot == "new_step":
            return rng.choice(DREAMS)[1]
        if prompt.slot in FOLLOW_UP_TEXTS:
            return rng.choice(FOLLOW_UP_TEXTS[prompt.slot]) if rng.random() < 0.7 else ""
        if prompt.slot == "another_dream":
            return "ja" if len(conv.model.answers.dreams) < len(dreams) else "nej"
        return _answer(prompt, rng, "-", dreams or list(DREAMS[:1]), "complete")

    stop_after = rng.randint(1, 6) if rng.random() < 0.1 else None  # some are paused half-way
    return _play(conv, rng, answer, stop_after)


def progress_bar(stream: TextIO = sys.stderr) -> Callable[[int, int], None]:
    """A one-line progress bar: ``[#######.............] 3500/10000``."""
    last = [-1]

    def show(done: int, total: int) -> None:
        filled = done * 30 // max(total, 1)
        if filled == last[0] and done != total:
            return
        last[0] = filled
        stream.write(f"\r[{'#' * filled}{'.' * (30 - filled)}] {done}/{total}")
        if done == total:
            stream.write("\n")
        stream.flush()

    return show
