"""Places where outer apps plug into shared pages: the case page, the home page and the menu.

The cases app and the site templates must not import the apps built on them (DESIGN.md 6: the
dependencies point one way), yet the case page shows identification, rights, age and referrals.
Each outer app registers what it shows here in its AppConfig.ready(); the shared views render
whatever is registered, in order.

- ``case``: a section of the case page. ``context(request, case, may_edit)`` returns the context
  of ``template`` (rendered with ``section`` set to it), or None to show nothing.
- ``home``: a card or block on the home page. ``context(request)`` likewise.
- ``nav``: a link in the main menu. ``context(request)`` returns {"url": ..., "label": ...} or None.
- ``pathways``: a block on *Children without a pathway* (for example cross-border referrals
  declined or unanswered). ``context(request)`` likewise.
- ``childinfo``: a block on the child's page and the printable handout of a case's rights.
  ``context(request, case, language, printable)``: ``language`` is the one of the texts (the
  child's), ``printable`` is True on the handout.
- ``statistics``: a source of aggregates for the statistics app, which may not import the apps
  beside it. ``context(start, end)`` (dates) returns {"rows": [...]} of plain dicts, or
  None. Its template is unused.
- ``rules``: a section of the Rules page (the jurisdiction profile). ``context(request)``.
- ``peers``: the federation registry's word on another instance, for apps that check what a
  peer signed (statistics releases) but may not import the exchange app. ``context(instance)``
  (the instance id) returns {"name", "country", "confirmed": bool (fingerprint confirmed and
  active), "signing_keys": [base64url raw Ed25519 public keys its card lists]}, or None when
  no such peer is registered. Its template is unused.
- ``case_filter``: a filter of the case list and the API's case list, for facts the cases app
  does not hold (screening result, overdue referrals, turning 18). The entry's ``name`` is the
  query parameter. ``context()`` returns {"label": ..., "choices": [(value, label)],
  "apply": f(cases, value) -> cases} (without "choices", a checkbox whose value is "1"). The
  same for every user (the API's schema lists it); its template is unused; ``apply`` adds
  conditions (EXISTS on an index), never reads rows.

A context function must not run one query per case or per row: the case page and the home page
have query budgets (see their tests).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

SlotName = Literal[
    "case", "home", "nav", "pathways", "childinfo", "statistics", "rules", "peers", "case_filter"
]


@dataclass(frozen=True)
class Entry:
    name: str
    order: int
    template: str
    context: Callable[..., dict[str, Any] | None]


_REGISTRY: dict[str, dict[str, Entry]] = {
    "case": {},
    "home": {},
    "nav": {},
    "pathways": {},
    "childinfo": {},
    "statistics": {},
    "rules": {},
    "peers": {},
    "case_filter": {},
}


def register(
    slot: SlotName,
    *,
    name: str,
    order: int,
    context: Callable[..., dict[str, Any] | None],
    template: str = "",
) -> None:
    """Register (or replace, by name: ready() may run twice in tests) one entry of a slot."""
    _REGISTRY[slot][name] = Entry(name=name, order=order, template=template, context=context)


@dataclass(frozen=True)
class Rendered:
    name: str
    template: str
    context: dict[str, Any]


def fill(slot: SlotName, *args: Any) -> list[Rendered]:
    """The entries of a slot that have something to show, in order."""
    result = []
    for entry in sorted(_REGISTRY[slot].values(), key=lambda e: (e.order, e.name)):
        context = entry.context(*args)
        if context is not None:
            result.append(Rendered(entry.name, entry.template, context))
    return result
