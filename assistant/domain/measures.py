"""Structured measures (indsatser) and the store's list of providers.

A measure states what § 141, stk. 3 and the Aarhus plan concept ask of it: the
legal basis (SEL § 85, § 107, § 108 …), the provider (chosen from the store's
list, never retyped), start and end or review dates, the extent (how many hours or
times per day, week or month) and the goals it serves (goal ids; every view shows
them as "Goal N"). Plans written before measures were structured hold plain
texts; :func:`migrate` turns those into measures with only a title when read.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from assistant.common.errors import BorgerrejseError
from assistant.common.i18n import N_, Translator
from assistant.common.text import clean

MEASURE_FIELDS = ("title", "legal_basis", "provider", "start", "end", "review", "extent", "goals")
DATE_FIELDS = ("start", "end", "review")
EXTENT_UNITS = ("hours", "minutes", "times")
EXTENT_PERIODS = ("day", "week", "month")
# The legal bases a caseworker picks most often (any other text is allowed too).
LEGAL_BASES = ("SEL § 82", "SEL § 83", "SEL § 85", "SEL § 103", "SEL § 104", "SEL § 107", "SEL § 108",
               "SEL § 110", "SEL § 101", "Barnets lov § 32")
MAX_SHORT_CHARS = 200  # a title, a legal basis, a provider's name
MAX_PROVIDERS = 500
MAX_EXTENT = 1000


class MeasureError(BorgerrejseError):
    message = N_("This measure cannot be saved: {reason}")


class UnknownProvider(BorgerrejseError):
    message = N_("{provider} is not in the list of providers. Add it first (in the workspace, or with "
                 "borgerrejse settings --add-provider), then choose it.")


def short_text(value: Any) -> str | None:
    """One line of text: control codes removed, spaces collapsed, at most 200 characters."""
    if value is None:
        return None
    text = " ".join(clean(str(value)).split())
    if len(text) > MAX_SHORT_CHARS:
        raise MeasureError(reason=N_("a title, legal basis or provider's name holds at most 200 characters."))
    return text or None


def provider_key(name: str) -> str:
    """How two spellings of one provider are found to be the same ("bostøtten  nord" = "Bostøtten Nord")."""
    return " ".join(clean(name).split()).casefold()


def find_provider(name: str, providers: list[str]) -> str | None:
    """The provider as the list spells it, or None."""
    key = provider_key(name)
    return next((p for p in providers if provider_key(p) == key), None)


def empty_measure(title: str | None = None) -> dict[str, Any]:
    return {"id": None, "title": title, "legal_basis": None, "provider": None, "start": None, "end": None,
            "review": None, "extent": None, "goals": []}


def migrate(measures: list[Any] | None, goals: list[dict[str, Any]] | None = None) -> list[dict[str, Any]]:
    """Measures as structured dicts, whatever was stored (old plans hold plain texts).

    A plain text becomes a measure with that title; goals that named it in their old
    free-text ``measure`` field are linked to it, so nothing that was said is lost.
    """
    out: list[dict[str, Any]] = []
    for i, m in enumerate(measures or [], 1):
        if isinstance(m, dict):
            measure = {**empty_measure(), **{k: v for k, v in m.items() if k in MEASURE_FIELDS or k == "id"}}
            measure["goals"] = list(measure.get("goals") or [])
        else:
            text = str(m).strip()
            if not text:
                continue
            measure = empty_measure(text)
            measure["goals"] = [g["id"] for g in goals or [] if (g.get("measure") or "").strip() == text]
        measure["id"] = measure.get("id") or f"m{i}"
        out.append(measure)
    return out


def check_measures(value: Any, goal_ids: list[str], providers: list[str], old: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """A list of measures as given (texts or dicts), checked and made structured.

    A text whose title matches a measure already in the plan keeps that measure's
    structure (so ``measures=A;B`` does not wipe the providers and dates of A).
    """
    if not isinstance(value, list):
        raise MeasureError(reason=N_("the measures are a list."))
    used = {m["id"] for m in old}
    # A provider already in the plan stays valid when it has since left the list.
    providers = list(providers) + [m["provider"] for m in old if m.get("provider") and m["provider"] not in providers]
    out = []
    for item in value:
        if isinstance(item, str):
            title = short_text(item)
            if not title:
                continue
            same = next((m for m in old if m.get("title") == title), None)
            measure = dict(same) if same else empty_measure(title)
        elif isinstance(item, dict):
            unknown = set(item) - set(MEASURE_FIELDS) - {"id"}
            if unknown:
                raise MeasureError(reason=N_("a measure has a title, legal_basis, provider, start, end, review, "
                                             "extent and goals."))
            measure = {**empty_measure(), **check_measure(item, goal_ids, providers)}
            measure["id"] = item.get("id") if isinstance(item.get("id"), str) else None
        else:
            raise MeasureError(reason=N_("the measures are a list."))
        if not measure.get("title"):
            raise MeasureError(reason=N_("every measure has a title, e.g. 'Bostøtte'."))
        out.append(measure)
    taken: set[str] = set()
    for m in out:  # stable ids: kept where given and unique, else the next free one
        if not m["id"] or m["id"] in taken:
            n = 1
            while f"m{n}" in used | taken:
                n += 1
            m["id"] = f"m{n}"
        taken.add(m["id"])
    return out


def check_measure(item: dict[str, Any], goal_ids: list[str], providers: list[str]) -> dict[str, Any]:
    """The fields of one measure given as a dict, checked (only those present)."""
    out: dict[str, Any] = {}
    for field, value in item.items():
        if field == "id":
            continue
        out[field] = check_field(field, value, goal_ids, providers)
    if out.get("start") and out.get("end") and out["end"] < out["start"]:
        raise MeasureError(reason=N_("the end date is before the start date."))
    return out


def check_field(field: str, value: Any, goal_ids: list[str], providers: list[str]) -> Any:
    if field in ("title", "legal_basis"):
        return short_text(value)
    if field == "provider":
        name = short_text(value)
        if name is None:
            return None
        listed = find_provider(name, providers)
        if listed is None:
            raise UnknownProvider(provider=name)
        return listed
    if field in DATE_FIELDS:
        if value in (None, ""):
            return None
        try:
            return dt.date.fromisoformat(str(value).strip()).isoformat()
        except ValueError:
            raise MeasureError(reason=N_("write the date as YYYY-MM-DD.")) from None
    if field == "extent":
        return check_extent(value)
    if field == "goals":
        if not isinstance(value, list) or not all(isinstance(g, str) for g in value):
            raise MeasureError(reason=N_("the goals a measure serves are a list of goals."))
        if any(g not in goal_ids for g in value):
            raise MeasureError(reason=N_("that goal does not exist."))
        return list(dict.fromkeys(value))
    raise MeasureError(reason=N_("that field does not exist."))


def check_extent(value: Any) -> dict[str, Any] | None:
    """``{"amount": 2, "unit": "hours", "per": "week"}``, or None."""
    if value in (None, ""):
        return None
    if not isinstance(value, dict) or set(value) != {"amount", "unit", "per"}:
        raise MeasureError(reason=N_("the extent is an amount, a unit (hours, minutes or times) and a period "
                                     "(day, week or month), e.g. 2;hours;week."))
    amount = value["amount"]
    if isinstance(amount, bool) or not isinstance(amount, (int, float)) or not 0 < amount <= MAX_EXTENT:
        raise MeasureError(reason=N_("the amount is a number above 0."))
    if value["unit"] not in EXTENT_UNITS or value["per"] not in EXTENT_PERIODS:
        raise MeasureError(reason=N_("the extent is an amount, a unit (hours, minutes or times) and a period "
                                     "(day, week or month), e.g. 2;hours;week."))
    amount = int(amount) if float(amount).is_integer() else round(float(amount), 2)
    return {"amount": amount, "unit": value["unit"], "per": value["per"]}


def parse_extent(raw: str) -> dict[str, Any] | None:
    """``2;hours;week`` (or ``2 timer om ugen``'s parts: ``2;timer;uge``) as an extent."""
    if not raw.strip():
        return None
    parts = [p.strip().lower() for p in raw.replace(",", ".").split(";")]
    aliases = {"timer": "hours", "time": "hours", "hour": "hours", "minutter": "minutes", "minut": "minutes",
               "minute": "minutes", "gange": "times", "gang": "times", "time(s)": "times",
               "dag": "day", "døgn": "day", "uge": "week", "måned": "month"}
    if len(parts) != 3:
        raise MeasureError(reason=N_("the extent is an amount, a unit (hours, minutes or times) and a period "
                                     "(day, week or month), e.g. 2;hours;week."))
    try:
        amount: float = float(parts[0])
    except ValueError:
        raise MeasureError(reason=N_("the amount is a number above 0.")) from None
    return check_extent({"amount": amount, "unit": aliases.get(parts[1], parts[1]), "per": aliases.get(parts[2], parts[2])})


def extent_text(extent: dict[str, Any] | None, t: Translator) -> str:
    """"2 timer om ugen" / "1 gang om måneden" — plural forms from the catalog."""
    if not extent:
        return ""
    amount = extent["amount"]
    n = amount if isinstance(amount, int) else 2  # 1,5 timer: the plural
    shown = str(amount).replace(".", ",") if t.lang == "da" else str(amount)
    unit, per = extent["unit"], extent["per"]
    if unit == "hours":
        how_much = t.ngettext("{n} hour", "{n} hours", n)
    elif unit == "minutes":
        how_much = t.ngettext("{n} minute", "{n} minutes", n)
    else:
        how_much = t.ngettext("{n} time", "{n} times", n)
    period = {"day": t.gettext("a day"), "week": t.gettext("a week"), "month": t.gettext("a month")}[per]
    return how_much.format(n=shown) + " " + period


def goal_label(goal_ids: list[str], numbers: dict[str, int], t: Translator) -> str:
    """"Goal 1 and 3" as the plan numbers them (ids of dropped or unknown goals are left out)."""
    shown = sorted(numbers[g] for g in goal_ids if g in numbers)
    if not shown:
        return ""
    return t.ngettext("goal {numbers}", "goals {numbers}", len(shown)).format(
        numbers=", ".join(str(n) for n in shown))


def measure_line(m: dict[str, Any] | str, t: Translator, numbers: dict[str, int] | None = None, *,
                 provider: bool = True) -> str:
    """One measure on one line with its structure (plain text; escape it for Markdown)."""
    if isinstance(m, str):
        return m
    parts = [m.get("title") or "—"]
    if m.get("legal_basis"):
        parts.append(m["legal_basis"])
    if provider and m.get("provider"):
        parts.append(t.gettext("provider: {name}").format(name=m["provider"]))
    if m.get("extent"):
        parts.append(extent_text(m["extent"], t))
    dates = []
    if m.get("start"):
        dates.append(t.gettext("from {date}").format(date=t.date(dt.date.fromisoformat(m["start"]))))
    if m.get("end"):
        dates.append(t.gettext("until {date}").format(date=t.date(dt.date.fromisoformat(m["end"]))))
    if dates:
        parts.append(" ".join(dates))
    if m.get("review"):
        parts.append(t.gettext("review {date}").format(date=t.date(dt.date.fromisoformat(m["review"]))))
    if numbers is not None and m.get("goals"):
        served = goal_label(m["goals"], numbers, t)
        if served:
            parts.append(t.gettext("for {goals}").format(goals=served))
    return " · ".join(parts)


def citizen_measure_line(m: dict[str, Any], t: Translator, numbers: dict[str, int]) -> str:
    """A measure in plain words for the citizen: "Bostøtte: 2 timer om ugen, hos Bostøtten Nord,
    fra 7. december 2026 til 30. juni 2027. For mål 3. (SEL § 85)"."""
    _ = t.gettext
    how = [extent_text(m["extent"], t)] if m.get("extent") else []
    if m.get("provider"):
        how.append(_("with {provider}").format(provider=m["provider"]))
    dates = []
    if m.get("start"):
        dates.append(_("from {date}").format(date=t.date(dt.date.fromisoformat(m["start"]))))
    if m.get("end"):
        dates.append(_("until {date}").format(date=t.date(dt.date.fromisoformat(m["end"]))))
    if dates:
        how.append(" ".join(dates))
    text = (m.get("title") or "—") + (": " + ", ".join(how) if how else "") + "."
    served = goal_label(m.get("goals") or [], numbers, t)
    if served:
        text += " " + _("It helps with {goals}.").format(goals=served)
    if m.get("legal_basis"):
        text += f" ({m['legal_basis']})"
    return text


def has_extent(m: Any) -> bool:
    """A structured extent (what the audit's Q4 scores first)."""
    return isinstance(m, dict) and bool(m.get("extent"))


def providers_of(plan: dict[str, Any]) -> list[str]:
    """The providers a plan names in its measures, in order."""
    return list(dict.fromkeys(m["provider"] for m in migrate(plan.get("measures"), plan.get("goals"))
                              if isinstance(m, dict) and m.get("provider")))
