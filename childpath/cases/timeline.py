"""Sentences for the case timeline, translated at display time.

Each event kind has a renderer; other apps add theirs with ``@renders("kind")``.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.utils.translation import gettext as _

from childpath.accounts.models import Organisation, User
from childpath.cases.models import Access, CameToNotice, CaseEvent


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


def _access(data: dict[str, Any], key: str = "access") -> str:
    words: dict[str, str] = {Access.EDIT: _("edit access"), Access.VIEW: _("view access")}
    return words.get(str(data.get(key)), "?")


@renders("team.added")
def _team_added(data: dict[str, Any], names: Names) -> str:
    if "access" not in data:  # entries written before the access was recorded
        return _("%(who)s joined the case team.") % {"who": names.who(data)}
    return _("Added to the case team: %(who)s (%(access)s).") % {
        "who": names.who(data),
        "access": _access(data),
    }


@renders("team.access_changed")
def _team_access(data: dict[str, Any], names: Names) -> str:
    return _("Access of %(who)s changed from %(before)s to %(access)s.") % {
        "who": names.who(data),
        "before": _access(data, "before"),
        "access": _access(data),
    }


@renders("team.removed")
def _team_removed(data: dict[str, Any], names: Names) -> str:
    if "access" not in data:
        return _("%(who)s left the case team.") % {"who": names.who(data)}
    return _("Removed from the case team: %(who)s (had %(access)s).") % {
        "who": names.who(data),
        "access": _access(data),
    }


@renders("team.joined_by_referral")
def _team_joined(data: dict[str, Any], names: Names) -> str:
    return _(
        "%(who)s joined the case team (%(access)s) by accepting the referral to %(service)s."
    ) % {"who": names.who(data), "access": _access(data), "service": data.get("service", "?")}


@renders("team.left_with_referral")
def _team_left(data: dict[str, Any], names: Names) -> str:
    return _("%(who)s left the case team: the referral to %(service)s has ended.") % {
        "who": names.who(data),
        "service": data.get("service", "?"),
    }


@renders("lead.transferred")
def _lead(data: dict[str, Any], names: Names) -> str:
    new = names.organisations.get(data.get("organisation_id") or "", "?")
    before = data.get("before")
    if not before:
        return _("%(new)s now leads the case.") % {"new": new}
    return _("The lead passed from %(before)s to %(new)s.") % {
        "before": names.organisations.get(before, "?"),
        "new": new,
    }


def entries(events: list[CaseEvent]) -> list[Entry]:
    """Newest first; resolves people and organisations in two queries for the whole page."""
    user_ids = {e.data.get("user_id") for e in events} | {e.actor_id for e in events}
    org_ids = {e.data.get("organisation_id") for e in events}
    org_ids |= {e.data.get("before") for e in events if e.kind == "lead.transferred"}
    names = Names(
        # Only the names are read (not the organisation the user manager joins).
        users={
            u.pk: u.display_name
            for u in User.objects.select_related(None)
            .only("pk", "first_name", "last_name", "username")
            .filter(pk__in=[i for i in user_ids if i])
        },
        organisations={
            str(pk): name
            for pk, name in Organisation.objects.filter(
                pk__in=[i for i in org_ids if i]
            ).values_list("pk", "name")
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
