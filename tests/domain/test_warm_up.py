"""Speed where a person waits: the answer that drafts the plan does not load the classifier."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

CHILD = r"""
import json, sys, tempfile
sys.path.insert(0, {root!r})
import assistant.domain.classify as classify
from assistant.services.conversation import Conversation
from store import Store
conv = Conversation.start(Store(tempfile.mkdtemp()))
before = "snowballstemmer" in sys.modules
conv.respond("ja")
classify._warming.join()
warm = classify._stems.cache_info().currsize
loaded = "snowballstemmer" in sys.modules and "babel.dates" in sys.modules
misses = classify._stems.cache_info().misses
print(json.dumps({{"before": before, "warm": warm, "loaded": loaded, "misses": misses,
                  "suggested": classify.suggest_dimension(("Jeg vil have flere venner", 3)),
                  "misses_after": classify._stems.cache_info().misses}}))
"""


def test_the_first_answer_warms_the_classifier_in_the_background():
    out = subprocess.run([sys.executable, "-c", CHILD.format(root=str(ROOT))], check=True,
                         capture_output=True, text=True).stdout
    data = json.loads(out)
    assert data["before"] is False  # starting a conversation does not pay for it
    assert data["warm"] == 2 and data["loaded"] is True
    assert data["suggested"] == "social"
    assert data["misses_after"] == data["misses"]  # the suggestion found everything ready


def test_suggestions_are_the_same_from_two_threads():
    """The stemmers keep state while stemming: the lock keeps concurrent use correct."""
    import threading

    from assistant.domain import classify

    texts = ["Jeg vil have flere venner", "Få et arbejde", "Sove bedre om natten", "Flytte i egen lejlighed"] * 25
    expected = [classify.suggest_dimension((t, 1)) for t in texts]
    results: dict[int, list] = {}

    def worker(n: int) -> None:
        results[n] = [classify.suggest_dimension((t, 1)) for t in texts]

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert all(r == expected for r in results.values())


SAFETY_CHILD = r"""
import json, sys, tempfile
sys.path.insert(0, {root!r})
from assistant.domain import safety
from assistant.services.conversation import Conversation, warm_up
from store import Store
conv = Conversation.start(Store(tempfile.mkdtemp()))
compiled_at_start = safety._compiled is not None
checked_at_start = safety.data.cache_info().currsize == 1
warm_up()  # what a face does once the first question is on screen
safety._warming.join()
warmed = safety._compiled is not None
print(json.dumps({{"compiled_at_start": compiled_at_start, "checked_at_start": checked_at_start, "warmed": warmed,
                  "signs": safety.signs("jeg vil ikke leve mere")}}))
"""

COLD_CHILD = r"""
import json, sys, tempfile
sys.path.insert(0, {root!r})
from assistant.domain import safety
from assistant.services.conversation import Conversation
from store import Store
conv = Conversation.start(Store(tempfile.mkdtemp()))
reply = conv.respond("jeg vil ikke leve mere")  # no warm-up: the answer compiles what it needs
print(json.dumps({{"state": conv.prompt().state, "compiled": safety._compiled is not None}}))
"""


def test_the_signs_are_checked_at_start_and_compiled_after_the_first_question():
    """Starting checks the safety files (a broken one stops before a case exists) but compiles
    no pattern; the faces' warm-up compiles them while the first question is read."""
    out = subprocess.run([sys.executable, "-c", SAFETY_CHILD.format(root=str(ROOT))], check=True,
                         capture_output=True, text=True).stdout
    data = json.loads(out)
    assert data == {"compiled_at_start": False, "checked_at_start": True, "warmed": True, "signs": ["suicide"]}


def test_an_answer_before_the_warm_up_still_finds_the_sign():
    out = subprocess.run([sys.executable, "-c", COLD_CHILD.format(root=str(ROOT))], check=True,
                         capture_output=True, text=True).stdout
    assert json.loads(out) == {"state": "safety", "compiled": True}
