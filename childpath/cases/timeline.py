"""Sentences for the case timeline, translated at display time.

Each event kind has a renderer; other apps add theirs with ``@renders("kind")``.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.utils.translation import gettext as _

from childpath.accounts.models import Organisation, User
from childpath.cases.models import CameToNotice, CaseEvent


@dataclass(frozen=True)
class Names:
    """People and organisations named by a page's events, fetched once for the page."""

    users: dict[int, str]
    organisations: dict[str, str]

    def who(self, data: dict[str, Any]) -> str:
        user_id = data.get("user_id")
        if user_id:
            return self.users.get(user_id, "?")
        return self.organisations.get(data.get("organisation_id", ""), "?")


@dataclass(frozen=True)
class Entry:
    at: datetime
    actor: str
    text: str


Renderer = Callable[[dict[str, Any], Names], str]
_RENDERERS: dict[str, Renderer] = {}


def renders(kind: str) -> Callable[[Renderer], Renderer]:
    def register(function: Renderer) -> Renderer:
        _RENDERERS[kind] = function
        return function

    return register


def field_labels() -> dict[str, str]:
    return {
        "sex": _("sex / gender"),
        "given_names": _("given names"),
        "family_name": _("family name"),
        "aliases": _("other names"),
        "date_of_birth": _("date of birth"),
        "claimed_age": _("claimed age"),
        "age_disputed": _("age in doubt"),
        "citizenship": _("citizenship"),
        "languages": _("languages"),
        "migration_status": _("migration status"),
        "unaccompanied": _("unaccompanied"),
        "documents": _("identity documents"),
        "contacts": _("contact details"),
    }


@renders("case.registered")
def _registered(data: dict[str, Any], names: Names) -> str:
    how = CameToNotice(data["came_to_notice"]).label
    return _("Concern recorded and case opened (came to notice: %(how)s).") % {"how": how}


@renders("encounter.recorded")
def _encounter(data: dict[str, Any], names: Names) -> str:
    how = CameToNotice(data["came_to_notice"]).label
    return _("New contact recorded (came to notice: %(how)s).") % {"how": how}


@renders("child.updated")
def _updated(data: dict[str, Any], names: Names) -> str:
    labels = field_labels()
    changed = ", ".join(labels.get(name, name) for name in data.get("fields", []))
    return _("Details updated: %(fields)s.") % {"fields": changed}


@renders("coordinator.assigned")
def _coordinator(data: dict[str, Any], names: Names) -> str:
    return _("%(person)s is now the coordinator.") % {"person": names.who(data)}


@renders("team.added")
def _team_added(data: dict[str, Any], names: Names) -> str:
    return _("%(who)s joined the case team.") % {"who": names.who(data)}


@renders("team.removed")
def _team_removed(data: dict[str, Any], names: Names) -> str:
    return _("%(who)s left the case team.") % {"who": names.who(data)}


def entries(events: list[CaseEvent]) -> list[Entry]:
    """Newest first; resolves people and organisations in two queries for the whole page."""
    user_ids = {e.data.get("user_id") for e in events} | {e.actor_id for e in events}
    org_ids = {e.data.get("organisation_id") for e in events}
    names = Names(
        users={
            u.pk: u.display_name for u in User.objects.filter(pk__in=[i for i in user_ids if i])
        },
        organisations={
            str(o.pk): o.name for o in Organisation.objects.filter(pk__in=[i for i in org_ids if i])
        },
    )
    return [
        Entry(
            at=event.at,
            actor=names.users.get(event.actor_id or 0, ""),
            text=_RENDERERS[event.kind](event.data, names)
            if event.kind in _RENDERERS
            else event.kind,
        )
        for event in events
    ]
