"""The frequency attack on encodings, to measure the hardening (not a tool for attackers).

The attacker holds the encodings but not the key, and knows how common each name is in the
population (a public list). Encodings that are identical are grouped; the groups, largest
first, are matched with the names, most common first. A record is re-identified when the
name so given to its group is its real name. Without hardening equal names give equal
filters, so the most common names fall at once; with BLIP (the default) equal names give
different filters and the groups no longer tell the frequencies.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class AttackResult:
    records: int
    reidentified: int
    groups: int

    @property
    def share(self) -> float:
        return self.reidentified / self.records if self.records else 0.0


def frequency_attack(
    encodings: Sequence[bytes], truth: Sequence[str], public_frequencies: Counter[str]
) -> AttackResult:
    """Rank-align groups of identical encodings with the public name frequencies."""
    groups: dict[bytes, list[int]] = {}
    for index, blob in enumerate(encodings):
        groups.setdefault(blob, []).append(index)
    by_size = sorted(groups.values(), key=len, reverse=True)
    names = [name for name, _count in public_frequencies.most_common()]
    reidentified = 0
    for rank, members in enumerate(by_size):
        if rank >= len(names):
            break
        guess = names[rank]
        reidentified += sum(1 for index in members if truth[index] == guess)
    return AttackResult(len(encodings), reidentified, len(groups))
