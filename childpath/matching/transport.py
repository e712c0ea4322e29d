"""How a match query leaves this instance.

Matching builds the query (``services.build_query``) and stores the answer
(``services.record_answer``); carrying them between instances is the federation's work
(``childpath.exchange``, a layer above). The federation registers its sender here when it
starts (its AppConfig.ready), so matching never imports it.
"""

from __future__ import annotations

from typing import Protocol

from django.core.exceptions import ImproperlyConfigured

from childpath.accounts.models import User
from childpath.cases.models import Case
from childpath.matching.services import MatchingError


class Unreachable(MatchingError):
    """The peer cannot be asked from here (not paired, suspended); the message says why,
    translated, for the focal point."""


class Sender(Protocol):
    def __call__(self, *, actor: User, case: Case, peer: str) -> None: ...


_sender: list[Sender] = []


def register(sender: Sender) -> None:
    _sender[:] = [sender]


def send(*, actor: User, case: Case, peer: str) -> None:
    """Ask ``peer`` whether ``case``'s child is known there; the answer arrives later."""
    if not _sender:
        # A set-up error, not the user's: childpath.exchange is installed with matching.
        raise ImproperlyConfigured("No match query transport: install childpath.exchange.")
    _sender[0](actor=actor, case=case, peer=peer)
