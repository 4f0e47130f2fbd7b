"""Synthetic cases for demos and benchmarks: ``borgerrejse sample --cases N``.

Every case is made through the same code as real use — a :class:`Conversation`
answered question by question, a caseworker's :class:`Casework` — with invented
names and words, on a simulated clock (:func:`store.repository.simulated_clock`) so
that plans are of different ages: follow-ups past and due, plans in every status,
conversations paused, declined, not started, goals the citizen disagreed with (with
and without the caseworker's reasoning). Each case draws from its own random
generator seeded by ``(seed, number)``, so the same seed gives the same cases in any
order (case numbers and the real-time stamps of the index are the only difference).

Each conversation lands on disk in one write (an outer batch) instead of one fsynced
write per answer, and a few threads overlap the disks' fsyncs.
"""

from __future__ import annotations

import datetime as dt
import random
import sys
from concurrent.futures import ThreadPoolExecutor
from typing import Callable, TextIO

from assistant.casework import Casework, CaseworkError
from assistant.conversation import Conversation
from assistant.errors import BorgerrejseError
from assistant.journey import load_journey
from store import Store
from store.repository import simulated_clock
from store.schema import AREAS

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
EVERYDAY = ("Jeg står op sent og ser fjernsyn.", "Jeg går tur med hunden og handler ind.", "Dagene er lange og ens.")
GOOD_NOW = ("Min hund.", "Min søster ringer tit.", "Jeg kan lide at lave mad.")
REMARKS = ("Jeg vil gerne have hjælp til breve.", "Tak for snakken.")
MEASURES = ("Bostøtte (§ 85)", "Aktivitetstilbud (§ 104)", "Støttekontaktperson (§ 99)", "Behandling for misbrug (§ 101)")
REASONING = "Målet er vigtigt for borgerens helbred, og vi følger op sammen om tre måneder."
CONDITIONS = "Ingen andre særlige forhold."


def sample(store: Store, cases: int, *, seed: int = 1, workers: int = 4,
           progress: Callable[[int, int], None] | None = None) -> list[str]:
    """Make ``cases`` synthetic cases in ``store``; returns their case numbers in order."""
    journeys = available_journeys()
    today = dt.datetime.now(dt.timezone.utc)
    done = 0
    ids: list[str] = []
    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        for case_id in pool.map(lambda n: make_case(store, n, seed, journeys, today), range(cases)):
            ids.append(case_id)
            done += 1
            if progress:
                progress(done, cases)
    return ids


def available_journeys() -> list[str]:
    """Every dialogue that ships with the product."""
    from importlib import resources

    names = sorted(p.name[:-5] for p in resources.files("dialogues").iterdir() if p.name.endswith(".toml"))
    # The changes review is played on a plan the caseworker changed (assistant.changes), never as a first conversation.
    return [name for name in names if name != "changes" and _loads(name)]


def _loads(name: str) -> bool:
    try:
        load_journey(name)
    except Exception:  # a file that is not a journey (yet): not sampled
        return False
    return True


def make_case(store: Store, number: int, seed: int, journeys: list[str], today: dt.datetime) -> str:
    rng = random.Random(f"{seed}:{number}")
    moment = today - dt.timedelta(days=rng.randint(0, 540), minutes=rng.randint(0, 600))
    name = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
    journey = rng.choice(journeys)
    fate = rng.choices(("registered", "declined", "paused", "complete"), weights=(4, 4, 10, 82))[0]
    with simulated_clock(moment):
        if fate == "registered":
            return store.register_case(name=name, lang="da", area=rng.choice(AREAS), new_costly_complex=rng.random() < 0.2)
        case_id = _converse(store, rng, name, journey, fate)
        if fate == "complete" and rng.random() < 0.75:
            _casework(store, case_id, rng)
    return case_id


def _converse(store: Store, rng: random.Random, name: str, journey: str, fate: str) -> str:
    conv = Conversation.start(store, journey, "da" if rng.random() < 0.9 else "en")
    try:
        dreams = rng.sample(DREAMS, k=rng.randint(1, 3))
        stop_after = rng.randint(2, 14) if fate == "paused" else None
        answered = 0
        with conv.handle.batch():
            while not conv.finished and answered < 80:
                prompt = conv.prompt()
                if prompt.final:
                    break
                if stop_after is not None and answered >= stop_after:
                    conv.pause()
                    break
                conv.respond(_answer(prompt, rng, name, dreams, fate))
                answered += 1
        return conv.case_id
    finally:
        conv.close()


def _answer(prompt, rng: random.Random, name: str, dreams: list[tuple[str, ...]], fate: str) -> str:
    slot, item = prompt.slot, (prompt.item or 1)
    dream = dreams[min(item, len(dreams)) - 1]
    if slot == "consent":
        return "nej" if fate == "declined" else "ja"
    if slot == "another_dream":
        return "ja" if item < len(dreams) else "nej"
    if prompt.kind == "scale" and prompt.scale:
        return str(rng.randint(*prompt.scale))
    if prompt.kind == "review":
        return rng.choices(("enig", "delvis", "uenig"), weights=(60, 25, 15))[0]
    if prompt.kind in ("choice", "yesno") and prompt.choices:
        return str(rng.randint(1, len(prompt.choices)))
    texts = {
        "name": name.split()[0],
        "everyday": rng.choice(EVERYDAY),
        "good_now": rng.choice(GOOD_NOW),
        "dream": dream[0],
        "first_step": dream[1],
        "sign": dream[2],
        "why": dream[3],
        "helpers": "Min kontaktperson",
        "motivation_up": "Hvis nogen gik med",
        "review_comment": "",
        "remarks": rng.choice(REMARKS) if rng.random() < 0.4 else "",
    }
    if prompt.kind == "info":
        return ""
    return texts.get(slot, "Det ved jeg ikke")


def _casework(store: Store, case_id: str, rng: random.Random) -> None:
    target = rng.choices(("draft", "reviewed", "final"), weights=(30, 25, 45))[0]
    careful = 0.95 if target == "final" else 0.5  # what a final plan needs is mostly there
    try:
        with Casework(store, case_id, user="sample") as work:
            with work.together():
                work.set_meta(area=rng.choice(AREAS), new_costly_complex=rng.random() < 0.2)
                if rng.random() < careful:
                    work.set_plan_field("measures", rng.sample(MEASURES, k=rng.randint(1, 2)))
                if rng.random() < careful:
                    work.set_plan_field("expected_duration_months", rng.choice((3, 6, 12, 24)))
                if rng.random() < careful:
                    work.set_plan_field("other_conditions", CONDITIONS)
                for goal in work.plan()["goals"]:
                    if goal.get("citizen_response") in ("partly", "disagree") and rng.random() < careful:
                        work.set_goal_field(goal["id"], "reasoning", REASONING)
            if target != "draft":
                work.set_status("reviewed")  # draft, then reviewed, then final
            if target == "final":
                try:
                    work.set_status("final")
                except (CaseworkError, BorgerrejseError):
                    pass  # not everything a final plan needs is there: it stays reviewed
    except BorgerrejseError:
        pass  # a plan the caseworker has not reached yet (no goals, say): left as the citizen made it


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
