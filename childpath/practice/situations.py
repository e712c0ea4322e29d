"""The practice situations: fictional stories to screen, loaded and validated like the catalogue.

Data: ``situations/situations.yaml`` (structure and English) and ``situations/i18n/<lang>.yaml``
(``{situation id: {title, story, why}}`` for every other language of the site). Loading checks
that every indicator id exists in the catalogue, every status is one the engine knows, every tag
is known, and every language has all three texts: a practice space with a missing translation
or a dangling id fails at start, not in front of a professional. Whether each expected result is
what the engine gives is checked by a test (tests/test_situations.py), so a catalogue change that
alters an expected result fails loudly.

No Django here beyond nothing: plain data, so the checks run in a unit test.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any

import yaml

from childpath.indicators.catalogue import SETS, Catalogue
from childpath.indicators.engine import MAX_AGE, RESULT_ORDER, STATUSES

DATA_DIR = Path(__file__).resolve().parent / "situations"
LANGUAGES: tuple[str, ...] = ("en", "sv", "bg", "sr", "sr-latn", "es", "uk")
TEXT_FIELDS = ("title", "story", "why")
# What a situation can be about, beyond the catalogue sets it concerns.
TAGS: frozenset[str] = frozenset(
    {
        *SETS,
        "online",
        "offline",
        "boy",
        "girl",
        "age_in_doubt",
        "family",
        "agreed",
        "silent",
        "not_trafficking",
    }
)
# The statuses that count as evidence, in the order of their weight for the engine.
LEVEL: Mapping[str, int] = MappingProxyType(
    {"not_observed": 0, "unknown": 0, "suspected": 1, "reported": 2, "observed": 2}
)


class SituationError(ValueError):
    """The practice data are malformed; the message names the file, the situation and the field."""


@dataclass(frozen=True, slots=True)
class Situation:
    """One fictional situation and the screening a careful professional would make of it."""

    id: str
    age: int | None
    age_uncertain: bool
    tags: frozenset[str]
    # The signs the story shows, with their status; and tempting signs it does not show.
    expected: Mapping[str, str]
    not_signs: Mapping[str, str]
    expected_result: str
    title: Mapping[str, str]
    story: Mapping[str, str]
    why: Mapping[str, str]

    def text(self, field: str, lang: str) -> str:
        texts: Mapping[str, str] = getattr(self, field)
        return texts.get(lang) or texts["en"]

    @property
    def observations(self) -> dict[str, str]:
        """The expected screening as the engine takes it."""
        return {**self.not_signs, **self.expected}


def load_situations(catalogue: Catalogue, directory: Path | None = None) -> tuple[Situation, ...]:
    """Every situation, in file order, validated against ``catalogue``. Raises SituationError."""
    if directory is None:
        return _load_default(catalogue)
    return _load(catalogue, directory)


@functools.lru_cache(maxsize=4)
def _load_default(catalogue: Catalogue) -> tuple[Situation, ...]:
    return _load(catalogue, DATA_DIR)


def _read(path: Path) -> dict[str, Any]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise SituationError(f"{path.name}: file not found") from None
    except yaml.YAMLError as exc:
        raise SituationError(f"{path.name}: not valid YAML: {exc}") from None
    if not isinstance(data, dict):
        raise SituationError(f"{path.name}: the top level must be a mapping")
    return data


def _load(catalogue: Catalogue, directory: Path) -> tuple[Situation, ...]:
    items = _read(directory / "situations.yaml").get("situations")
    if not isinstance(items, list) or not items:
        raise SituationError("situations.yaml: 'situations' must be a non-empty list")
    texts = _translations(directory, items)
    situations = tuple(_parse(item, n, catalogue, texts) for n, item in enumerate(items, 1))
    ids = [s.id for s in situations]
    if len(set(ids)) != len(ids):
        raise SituationError("situations.yaml: duplicate situation ids")
    return situations


def _translations(directory: Path, items: list[Any]) -> dict[str, dict[str, dict[str, str]]]:
    """{situation id: {field: {lang: text}}} from the i18n files, each checked as a whole."""
    known = {str(i.get("id")) for i in items if isinstance(i, dict)}
    texts: dict[str, dict[str, dict[str, str]]] = {k: {f: {} for f in TEXT_FIELDS} for k in known}
    for lang in LANGUAGES[1:]:
        where = f"i18n/{lang}.yaml"
        data = _read(directory / "i18n" / f"{lang}.yaml")
        if data.get("language") != lang:
            raise SituationError(f"{where}: 'language' must be {lang!r}")
        entries = data.get("situations")
        if not isinstance(entries, dict):
            raise SituationError(f"{where}: 'situations' must be a mapping")
        unknown = sorted(set(map(str, entries)) - known)
        if unknown:
            raise SituationError(f"{where}: unknown situations {unknown}")
        for ident, entry in entries.items():
            if not isinstance(entry, dict) or set(entry) != set(TEXT_FIELDS):
                raise SituationError(f"{where}: {ident!r} needs exactly {list(TEXT_FIELDS)}")
            for field, text in entry.items():
                texts[str(ident)][field][lang] = _clean(text, f"{where}: {ident}.{field}")
    return texts


def _clean(text: Any, at: str) -> str:
    if not isinstance(text, str) or not text.strip():
        raise SituationError(f"{at}: the text is missing or empty")
    return " ".join(text.split())


def _statuses(value: Any, catalogue: Catalogue, at: str) -> Mapping[str, str]:
    if value is None:
        return MappingProxyType({})
    if not isinstance(value, dict):
        raise SituationError(f"{at} must be a mapping of indicator id to status")
    for ident, status in value.items():
        if ident not in catalogue.by_id:
            raise SituationError(
                f"{at}: indicator {ident!r} is not in catalogue {catalogue.version}"
            )
        if status not in STATUSES:
            raise SituationError(f"{at}: {ident} has the unknown status {status!r}")
    return MappingProxyType(dict(value))


def _parse(
    item: Any, n: int, catalogue: Catalogue, texts: Mapping[str, Mapping[str, dict[str, str]]]
) -> Situation:
    if not isinstance(item, dict) or not isinstance(item.get("id"), str):
        raise SituationError(f"situations.yaml: situation #{n} needs an id")
    ident = item["id"]
    at = f"situations.yaml: {ident}"
    age = item.get("age")
    if age is not None and (not isinstance(age, int) or isinstance(age, bool)):
        raise SituationError(f"{at}: 'age' must be a whole number or null")
    if age is not None and not 0 <= age <= MAX_AGE:
        raise SituationError(f"{at}: 'age' is out of range")
    uncertain = item.get("age_uncertain")
    if not isinstance(uncertain, bool):
        raise SituationError(f"{at}: 'age_uncertain' must be true or false")
    tags = item.get("tags")
    if not isinstance(tags, list) or not tags or not set(tags) <= TAGS:
        raise SituationError(f"{at}: 'tags' must be a list of {sorted(TAGS)}")
    expected = _statuses(item.get("expected"), catalogue, f"{at}.expected")
    not_signs = _statuses(item.get("not_signs"), catalogue, f"{at}.not_signs")
    if any(LEVEL[s] for s in not_signs.values()):
        raise SituationError(f"{at}.not_signs: a sign the story does not show is not_observed")
    if set(expected) & set(not_signs):
        raise SituationError(f"{at}: an indicator is both expected and a not_sign")
    result = item.get("expected_result")
    if result not in RESULT_ORDER:
        raise SituationError(f"{at}: unknown expected_result {result!r}")
    fields: dict[str, Mapping[str, str]] = {}
    for field in TEXT_FIELDS:
        value = item.get(field)
        if not isinstance(value, dict) or set(value) != {"en"}:
            raise SituationError(f"{at}: {field!r} must give the English text only ({{en: ...}})")
        merged = {"en": _clean(value["en"], f"{at}.{field}"), **texts[ident][field]}
        missing = [lang for lang in LANGUAGES if lang not in merged]
        if missing:
            raise SituationError(f"{at}: {field!r} is missing in {missing}")
        fields[field] = MappingProxyType(merged)
    return Situation(
        id=ident,
        age=age,
        age_uncertain=uncertain,
        tags=frozenset(tags),
        expected=expected,
        not_signs=not_signs,
        expected_result=str(result),
        **fields,
    )


def by_id(situations: Iterable[Situation]) -> dict[str, Situation]:
    return {s.id: s for s in situations}
