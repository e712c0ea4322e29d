"""The catalogue and situations practice uses: the current core catalogue, no country extension
(the situations are the same in every country, like the core result)."""

from childpath.indicators.catalogue import Catalogue, load_catalogue
from childpath.practice.situations import Situation, load_situations


def practice_catalogue() -> Catalogue:
    return load_catalogue()


def situations() -> tuple[Situation, ...]:
    return load_situations(practice_catalogue())


def situation(situation_id: str) -> Situation | None:
    return next((s for s in situations() if s.id == situation_id), None)
