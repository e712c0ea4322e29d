"""The message types this instance understands, each with the handler that applies it.

The extension point of the federation: an app adds a type with ``@handles(...)`` in its
``ready()`` (for example match queries and answers from record linkage), and the inbox applies
it once, in order, in one transaction, like the referral messages.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from childpath.exchange.envelope import Header
    from childpath.exchange.models import Conversation, Peer


@dataclass(frozen=True)
class Incoming:
    """A verified, decrypted message, handed to its handler inside the inbox transaction."""

    peer: Peer
    conversation: Conversation
    header: Header
    payload: dict[str, Any]
    # What the handlers of one conversation keep between the messages of one batch (its
    # referral, read once). The inbox drops it when a handler refuses (its savepoint rolled
    # back what it wrote, so the objects kept could be ahead of the database).
    memo: dict[str, Any] = field(default_factory=dict)

    def audit_purpose(self) -> str:
        """The purpose of the audit event of this message received (never its contents)."""
        from childpath.exchange.outbox import audit_purpose

        return audit_purpose(
            peer=self.peer.instance_id,
            message_type=self.header.type,
            message_id=self.header.id,
            conversation=self.header.conversation,
        )


# A handler that wrote the message's audit event itself (with its timeline entry) sets
# ``memo[AUDITED]`` to the message id; the inbox then writes no second one.
AUDITED = "audited"


Handler = Callable[[Incoming], None]


@dataclass(frozen=True)
class MessageType:
    name: str
    # The kind of conversation it belongs to ("referral", "peer", later "match").
    kind: str
    # Whether it opens a new conversation (then its sequence number must be 1).
    starts: bool
    apply: Handler


_TYPES: dict[str, MessageType] = {}


def handles(name: str, *, kind: str, starts: bool = False) -> Callable[[Handler], Handler]:
    """Register the handler of a message type. A handler raises ``envelope.Refused`` (with
    INVALID_PAYLOAD or INVALID_STATE) to refuse; anything it wrote is then rolled back."""

    def register(function: Handler) -> Handler:
        _TYPES[name] = MessageType(name, kind, starts, function)
        return function

    return register


def get(name: str) -> MessageType | None:
    return _TYPES.get(name)


def names() -> list[str]:
    return sorted(_TYPES)
