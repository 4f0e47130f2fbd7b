"""The words of DOMAIN.md as the program names them: one place for each set and its labels.

The values that are stored (areas, the statuses of a case and of a plan) are checked by
the store (:mod:`store.schema`), which knows nothing of the assistant: they are defined
there and named here. Every label is a gettext message id, translated where it is shown.
"""

from __future__ import annotations

from assistant.common.i18n import N_
from store.schema import AREAS, CASE_STATUSES, PLAN_STATUSES

__all__ = [
    "AREAS", "AREA_LABELS", "CASE_STATUSES", "CONVERSATION_LABELS", "DIMENSIONS", "DOMAIN_LABELS",
    "HORIZONS", "HORIZON_LABELS", "LIST_STATUS_LABELS", "PLAN_STATUSES", "PLAN_STATUS_LABELS",
    "RESPONSES", "RESPONSE_LABELS", "YOUTH_AREAS", "YOUTH_AREA_LABELS",
]

# The municipality's four areas of social help (DOMAIN.md, "The four areas").
AREA_LABELS = {
    "disability": N_("Disability"),
    "psychiatry": N_("Psychiatry"),
    "homelessness_addiction": N_("Homelessness and addiction"),
    "children_young": N_("Children and young people"),
}

# Barnets lov's five areas of a young person's life, by their official names (as the caseworker
# reads them; dialogues/youth.toml asks about them in the young person's words).
YOUTH_AREAS = ("development", "family", "school", "health", "leisure")
YOUTH_AREA_LABELS = {
    "development": N_("Development and behaviour"),
    "family": N_("Family relations"),
    "school": N_("School life"),
    "health": N_("Health"),
    "leisure": N_("Leisure and friendships"),
}

# A plan's status: the assistant's draft, reviewed by the caseworker, final (agreed).
PLAN_STATUS_LABELS = {"draft": N_("draft"), "reviewed": N_("reviewed"), "final": N_("final")}

# The conversation's own statuses (CASE_STATUSES), in words for `borgerrejse cases`.
CONVERSATION_LABELS = {
    "new": N_("not started"),
    "in_progress": N_("in progress"),
    "paused": N_("paused"),
    "complete": N_("conversation done"),
    "declined": N_("said no"),
}

# A case's status as the caseworker's list shows it: the conversation's until there is a plan.
LIST_STATUS_LABELS = {
    "not_started": N_("not started"),
    "in_progress": N_("conversation in progress"),
    "declined": N_("declined"),
    **PLAN_STATUS_LABELS,
    "unreadable": N_("cannot be read"),
}

# The citizen's response to a drafted goal.
RESPONSES = ("agree", "partly", "disagree")
RESPONSE_LABELS = {"agree": N_("Agree"), "partly": N_("Partly"), "disagree": N_("Disagree")}

# A goal's horizon: short term (about 3 months) or long term.
HORIZONS = ("short", "long")
HORIZON_LABELS = {"short": N_("short term"), "long": N_("long term")}

# WHO's quality-of-life dimensions, by which goals are classified and the report counts.
DIMENSIONS = ("physical", "psychological", "social", "environment")
DOMAIN_LABELS = {
    "physical": N_("physical"),
    "psychological": N_("psychological"),
    "social": N_("social"),
    "environment": N_("environment"),
}
