"""The case's records: the Randers audit, the audit trail and the finalised versions."""

from __future__ import annotations

import json
from typing import Any

from rich.text import Text
from textual.content import Content
from textual.widgets import DataTable, OptionList, Static
from textual.widgets.option_list import Option

from assistant.domain.audit import AuditResult
from assistant.services.casework import describe_change, describe_value
from assistant.common.i18n import N_, Translator, local_time
from assistant.common.text import clean

RATING_STYLE = {"high": "bold $text-success", "some": "bold $text-warning", "small": "bold $text-error",
                "none": "bold $text-error", "na": "dim"}
AUDIT_TITLE = N_("Audit (the Randers assessment form)")
LEGAL_TITLE = N_("§ 141, stk. 3")
FIX_TITLE = N_("What to fix")
TRAIL_COLUMNS = (N_("When"), N_("Who"), N_("What"), N_("Old"), N_("New"), N_("Version"))
VERSION_LINE = N_("Version {n}, final {date} by {who}")
TRAIL_REASON = N_("Why: {reason}")
NO_VERSIONS = N_("No final version yet.")


class AuditView(Static):
    """Nine questions with rating and reason, the legal elements, and what to fix."""

    def show(self, result: AuditResult, t: Translator) -> None:
        _ = t.gettext
        lines = [Content.styled(_(AUDIT_TITLE), "bold underline")]
        for i, r in enumerate(result.ratings, start=1):
            lines.append(Content.assemble(f"{i}. ", (r.question, "bold")))
            lines.append(Content.assemble("   ", (r.label.upper(), RATING_STYLE.get(r.rating, "")), ": ", r.reason))
            lines += [Content.assemble("     ", clean(e)) for e in r.evidence]  # what raised or lowered it
        # § 141's elements, or for a young person's plan Barnets lov's (§§ 91–92 or §§ 108–109).
        legal_title = _(LEGAL_TITLE) if result.law == "§ 141, stk. 3" else result.law
        lines += [Content(""), Content.styled(legal_title, "bold underline")]
        for e in result.legal:
            mark = ("✓ ", "bold $text-success") if e.present else ("✗ ", "bold $text-error")
            lines.append(Content.assemble(mark, (e.label, "bold"), ": ", clean(e.note or "")))
        if result.fixes:
            lines += [Content(""), Content.styled(_(FIX_TITLE), "bold underline")]
            lines += [Content.assemble("• ", clean(f)) for f in dict.fromkeys(result.fixes)]
        self.update(Content("\n").join(lines))


def _value(value: Any) -> str:
    if value is None:
        return "—"
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    return " ".join(clean(text).split())


def _short(text: str, limit: int = 32) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


class TrailTable(DataTable):
    """Who changed what, when: old → new (newest last). Cells are Text, never markup."""

    def show(self, trail: list[dict[str, Any]], t: Translator, numbers: dict[str, int] | None = None) -> None:
        """``numbers``: goal id → the goal's number in the plan, so "mål 1" means what the plan shows."""
        self.entries, self.numbers, self.translator = list(trail), numbers, t
        if not self.columns:
            self.add_columns(*(t.gettext(c) for c in TRAIL_COLUMNS))
        self.clear()
        for entry in trail:
            what = str(entry.get("what", ""))
            self.add_row(
                Text(local_time(entry.get("at", ""))),
                Text(_value(entry.get("who"))),
                Text(describe_change(what, t, numbers)),
                Text(_short(describe_value(what, entry.get("old"), t))),
                Text(_short(describe_value(what, entry.get("new"), t))),
                Text(str(entry.get("version", ""))),
            )
        if trail:
            self.move_cursor(row=len(trail) - 1)

    def detail(self, row: int) -> str:
        """The highlighted change in full, on as many lines as it needs (the cells are cut at 80 columns)."""
        entries = getattr(self, "entries", [])
        if not 0 <= row < len(entries):
            return ""
        entry, t = entries[row], self.translator
        what = str(entry.get("what", ""))
        lines = [f"{local_time(entry.get('at', ''))} · {_value(entry.get('who'))} · {describe_change(what, t, self.numbers)}",
                 f"{t.gettext(TRAIL_COLUMNS[3])}: {describe_value(what, entry.get('old'), t)}",
                 f"{t.gettext(TRAIL_COLUMNS[4])}: {describe_value(what, entry.get('new'), t)}"]
        if entry.get("reason"):
            lines.append(t.gettext(TRAIL_REASON).format(reason=" ".join(clean(str(entry["reason"])).split())))
        return "\n".join(lines)


class VersionList(OptionList):
    """The finalised versions; Enter shows one read-only."""

    def show(self, versions: list[dict[str, Any]], t: Translator) -> None:
        self.clear_options()
        if not versions:
            self.add_option(Option(Content(t.gettext(NO_VERSIONS)), id="none", disabled=True))
            return
        for i, v in enumerate(versions):
            line = t.gettext(VERSION_LINE).format(n=v.get("version"), date=local_time(v.get("finalised", "")), who=_value(v.get("by")))
            self.add_option(Option(Content(line), id=str(i)))
        self.highlighted = len(versions) - 1
