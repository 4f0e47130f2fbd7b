"""Test personas: scripted citizens, answer by answer (keyed by the question's slot).

A script maps a slot to a list of answers used in order (one per dream or goal),
so the same persona works whatever order the journey asks in.
"""

from __future__ import annotations

from typing import Any

# Anna answers everything, has two dreams and agrees with her plan.
ANNA_DA: dict[str, Any] = {
    None: [""] * 10,  # information steps: just continue
    "consent": ["ja"],
    "name": ["Anna"],
    "everyday": ["Jeg står op kl. 10. Jeg ser tv og går en tur med min hund."],
    "good_now": ["Min hund og min søster."],
    "dream": ["At få en ven, jeg kan gå ture med", "At kunne tage bussen alene"],
    "why": ["Så er jeg ikke så ensom", "Så kan jeg selv besøge min søster"],
    "motivation": ["8", "6"],
    "first_step": ["Gå med i gå-klubben på torsdag", "Køre en tur med bussen sammen med min bostøtte"],
    "helpers": ["Min bostøtte Lise", "Lise og min søster"],
    "sign": ["Jeg har gået med tre torsdage", "Jeg har taget bussen alene til min søster"],
    "when": ["1", "2"],
    "another_dream": ["ja", "nej"],
    "priority": ["1"],
    "review": ["enig", "e"],
    "review_comment": ["", "Det bliver godt"],
    "remarks": ["Tak for hjælpen"],
}

ANNA_EN: dict[str, Any] = {
    None: [""] * 10,
    "consent": ["yes"],
    "name": ["Anna"],
    "everyday": ["I get up at ten. I watch TV and walk my dog."],
    "good_now": ["My dog and my sister."],
    "dream": ["To have a friend to go for walks with", "To take the bus on my own"],
    "why": ["Then I am not so lonely", "Then I can visit my sister myself"],
    "motivation": ["8", "6"],
    "first_step": ["Join the walking club on Thursday", "Ride the bus with my support worker"],
    "helpers": ["My support worker Lise", "Lise and my sister"],
    "sign": ["I have walked with them three Thursdays", "I have taken the bus alone to my sister"],
    "when": ["1", "2"],
    "another_dream": ["yes", "no"],
    "priority": ["1"],
    "review": ["agree", "a"],
    "review_comment": ["", "That will be good"],
    "remarks": ["Thank you for the help"],
}

# Bo skips almost everything: only consent and one dream.
BO_DA: dict[str, Any] = {
    None: [""] * 10,
    "consent": ["ja"],
    "dream": ["Have min egen lejlighed"],
    "another_dream": ["nej"],
    "review": ["/skip"],
}

# Carla disagrees with a goal and says why; low motivation takes the MI path.
CARLA_DA: dict[str, Any] = {
    None: [""] * 10,
    "consent": ["j"],
    "name": ["Carla"],
    "everyday": ["Jeg sover meget om dagen."],
    "good_now": ["Mine børn ringer til mig."],
    "dream": ["Sove bedre om natten"],
    "why": ["Så har jeg kræfter til mine børn"],
    "motivation": ["12", "3"],
    "motivation_up": ["Hvis nogen ringede og vækkede mig"],
    "first_step": ["Stå op kl. 8 hver dag"],
    "helpers": ["Min nabo"],
    "sign": ["Jeg er vågen, når børnene ringer"],
    "when": ["inden for 3 måneder"],
    "another_dream": ["nej"],
    "review": ["uenig"],
    "review_comment": ["Kl. 8 er for tidligt. Jeg vil starte med kl. 10."],
    "remarks": ["Jeg vil gerne tale med min læge først."],
}

CARLA_EN: dict[str, Any] = {
    None: [""] * 10,
    "consent": ["y"],
    "name": ["Carla"],
    "everyday": ["I sleep a lot in the day."],
    "good_now": ["My children call me."],
    "dream": ["Sleep better at night"],
    "why": ["Then I have energy for my children"],
    "motivation": ["12", "3"],
    "motivation_up": ["If someone called and woke me up"],
    "first_step": ["Get up at 8 every day"],
    "helpers": ["My neighbour"],
    "sign": ["I am awake when the children call"],
    "when": ["within 3 months"],
    "another_dream": ["no"],
    "review": ["d"],
    "review_comment": ["8 is too early. I want to start with 10."],
    "remarks": ["I want to talk to my doctor first."],
}


def answer_for(script: dict[str, Any], slot: str | None, counters: dict[str | None, int]) -> str:
    """The persona's next answer for ``slot``; ``/skip`` when it has none."""
    answers = script.get(slot, [])
    i = counters.get(slot, 0)
    counters[slot] = i + 1
    return answers[i] if i < len(answers) else "/skip"
