"""The life of a cross-border referral: which side may send which message in which status,
and the status it leads to. A pure core (no Django), the same on both instances, so both
sides reach the same status from the same messages (DESIGN.md 6.6).

The *sender* side is the instance whose caseworker asked for the referral; the *receiver*
side is the instance asked to take the child.
"""

from __future__ import annotations

from dataclasses import dataclass

REQUESTED = "requested"
RETURNED = "returned"
SENT = "sent"
ACKNOWLEDGED = "acknowledged"
ACCEPTED = "accepted"
DECLINED = "declined"
TRANSFERRED = "transferred"
WITHDRAWN = "withdrawn"
CLOSED = "closed"

SENDER = "sender"
RECEIVER = "receiver"
EITHER = "either"

REQUEST = "referral.request"
ACKNOWLEDGE = "referral.acknowledge"
ACCEPT = "referral.accept"
DECLINE = "referral.decline"
IDENTITY = "referral.identity"
WITHDRAW = "referral.withdraw"
TRANSFER = "case.transfer"
CLOSE = "referral.close"
INFO_REQUEST = "info.request"
INFO_ANSWER = "info.answer"
STATUS_UPDATE = "status.update"

# Waiting for the receiving focal point: the requested response time counts down.
PENDING = frozenset({SENT, ACKNOWLEDGED})
# The conversation is open for information requests and status updates.
OPEN = frozenset({SENT, ACKNOWLEDGED, ACCEPTED, TRANSFERRED})
FINAL = frozenset({DECLINED, WITHDRAWN, CLOSED})


@dataclass(frozen=True)
class Rule:
    side: str
    allowed_from: frozenset[str]
    # None: the message leaves the status as it is.
    to: str | None


# One line a rule; each line has a test.
RULES: dict[str, Rule] = {
    ACKNOWLEDGE: Rule(RECEIVER, frozenset({SENT}), ACKNOWLEDGED),
    ACCEPT: Rule(RECEIVER, PENDING, ACCEPTED),
    DECLINE: Rule(RECEIVER, PENDING, DECLINED),
    IDENTITY: Rule(SENDER, frozenset({ACCEPTED}), None),
    WITHDRAW: Rule(SENDER, frozenset({SENT, ACKNOWLEDGED, ACCEPTED}), WITHDRAWN),
    TRANSFER: Rule(SENDER, frozenset({ACCEPTED}), TRANSFERRED),
    CLOSE: Rule(EITHER, frozenset({ACCEPTED, TRANSFERRED}), CLOSED),
    INFO_REQUEST: Rule(EITHER, OPEN, None),
    INFO_ANSWER: Rule(EITHER, OPEN, None),
    STATUS_UPDATE: Rule(EITHER, OPEN, None),
}


def may_send(message_type: str, *, side: str, status: str) -> bool:
    """Whether ``side`` may send ``message_type`` while the referral is in ``status``."""
    rule = RULES.get(message_type)
    if rule is None:
        return False
    return rule.side in (side, EITHER) and status in rule.allowed_from


def after(message_type: str, status: str) -> str:
    """The status once the message is applied (the same on both sides)."""
    rule = RULES[message_type]
    return rule.to if rule.to is not None else status


def other(side: str) -> str:
    return RECEIVER if side == SENDER else SENDER


# Match queries (privacy-preserving record linkage, childpath.matching): a conversation of
# their own, two messages long. The *asker* sends the child's keyed encoding; the *answerer*
# answers once, with candidate references of its own or a refusal with its reason.
MATCH_QUERY = "match.query"
MATCH_ANSWER = "match.answer"
ASKER = "asker"
ANSWERER = "answerer"
# The side that sends each, and the sequence number it must have in its sender's stream.
MATCH_RULES: dict[str, tuple[str, int]] = {
    MATCH_QUERY: (ASKER, 1),
    MATCH_ANSWER: (ANSWERER, 1),
}


def may_send_match(message_type: str, *, side: str, seq: int) -> bool:
    """Whether ``side`` may send ``message_type`` as its ``seq``-th message of a match
    conversation: one query from the asker, one answer from the answerer, nothing more."""
    rule = MATCH_RULES.get(message_type)
    return rule is not None and rule == (side, seq)
