"""Settings made once per store: the municipality, its contact person, the providers.

The citizen's copy of the plan names the municipality and whom to contact; the
provider of each measure is chosen from the list kept here (not retyped per case).
Written under a lock in one atomic write (see :meth:`store.Store.update_settings`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from assistant.common.i18n import N_
from assistant.domain.measures import MAX_PROVIDERS, MeasureError, find_provider, short_text
from store import Store

SETTING_FIELDS = ("municipality", "contact")
SETTING_LABELS = {"municipality": N_("Municipality"), "contact": N_("Contact person"),
                  "providers": N_("Providers")}


@dataclass
class Settings:
    municipality: str | None = None
    contact: str | None = None
    providers: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"municipality": self.municipality, "contact": self.contact, "providers": list(self.providers)}


def read_settings(store: Store) -> Settings:
    """The store's settings; odd values (a hand-edited file) are read as not set."""
    data = store.settings()

    def text(key: str) -> str | None:
        value = data.get(key)
        return " ".join(value.split()) or None if isinstance(value, str) else None

    providers = [" ".join(p.split()) for p in data.get("providers") or [] if isinstance(p, str) and p.strip()]
    return Settings(text("municipality"), text("contact"), providers)


def update(store: Store, *, municipality: Any = ..., contact: Any = ..., add_providers: list[str] = (),
           remove_providers: list[str] = ()) -> Settings:
    """Change what is given (``...`` leaves a field as it is; an empty text clears it)."""
    values = {}
    if municipality is not ...:
        values["municipality"] = short_text(municipality)
    if contact is not ...:
        values["contact"] = short_text(contact)
    added = [short_text(p) for p in add_providers]
    if any(p is None for p in added):
        raise MeasureError(reason=N_("write the provider's name."))

    def change(data: dict[str, Any]) -> None:
        data.update(values)
        providers = [p for p in data.get("providers") or [] if isinstance(p, str)]
        for name in added:
            if find_provider(name, providers) is None:
                providers.append(name)
        for name in remove_providers:
            listed = find_provider(name, providers)
            if listed is None:
                raise MeasureError(reason=N_("that provider is not in the list."))
            providers.remove(listed)
        if len(providers) > MAX_PROVIDERS:
            raise MeasureError(reason=N_("the list holds at most 500 providers."))
        data["providers"] = sorted(providers, key=str.casefold)

    store.update_settings(change)
    return read_settings(store)


def with_settings(plan: dict[str, Any], store: Store) -> dict[str, Any]:
    """The plan with who made it: the store's municipality and contact person."""
    settings = read_settings(store)
    return {**plan, "municipality": settings.municipality, "contact": settings.contact}
