"""Child-friendly information (DESIGN.md rule 10) and helplines, as data. A pure core.

``<lang>.yaml`` holds, for one language, the texts of the child's page and handout: ``ui`` (the
page's own words), ``rights`` (one entry per code of ``profile.RIGHT_CODES``) and ``steps`` (the
main steps of the procedure, ``STEPS``); each entry has a ``title`` and a ``text`` (a list of
short paragraphs). Every language has every key and no empty text: checked at load (a
``ChildInfoError`` lists every problem) and by a test. ``sr-latn.yaml`` is the transliteration of
``sr.yaml`` (``make_sr_latn.py``), never written by hand.

``helplines/<COUNTRY>.yaml`` lists the lines shown on the child's page for a country
(``default.yaml`` when a country has none): kind (``child_helpline`` or ``emergency``; the
words around it come from the language file), phone, and optionally the service's own name and
web address.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from childpath.jurisdiction.profile import RIGHT_CODES

HERE = Path(__file__).resolve().parent
HELPLINES = HERE.parent / "helplines"
LANGUAGES = ("en", "sv", "bg", "sr", "sr-latn", "es", "uk")
STEPS = (
    "now",
    "screening",
    "presumed",
    "identification",
    "guardian",
    "age_assessment",
    "referral",
    "barnahus_interview",
    "turning_18",
    "feedback",
)
UI_KEYS = (
    "title",
    "intro",
    "not_your_fault",
    "ask",
    "rights_heading",
    "rights_intro",
    "later_heading",
    "later_intro",
    "steps_heading",
    "contacts_heading",
    "contact_person",
    "contact_person_missing",
    "guardian",
    "guardian_requested",
    "helplines",
    "child_helpline",
    "child_helpline_name",
    "emergency",
    "emergency_name",
    "phone",
    "email",
    "web",
    "keep_safe",
    "safe_here",
    "no_proof",
    "next_heading",
    "more_heading",
    "if_harmed_heading",
    "if_harmed_intro",
)
HELPLINE_KINDS = ("child_helpline", "emergency")


class ChildInfoError(ValueError):
    """Texts or helplines that do not validate; ``problems`` lists every reason."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class Text:
    title: str
    text: tuple[str, ...]


@dataclass(frozen=True)
class ChildInfo:
    language: str
    ui: Mapping[str, str]
    rights: Mapping[str, Text]
    steps: Mapping[str, Text]


@dataclass(frozen=True)
class Helpline:
    kind: str
    phone: str
    name: str = ""
    web: str = ""


def _filled(value: Any) -> bool:
    return isinstance(value, str) and bool(value.strip())


def _texts(raw: Any, keys: tuple[str, ...], where: str, problems: list[str]) -> dict[str, Text]:
    raw = raw if isinstance(raw, dict) else {}
    result = {}
    for key in keys:
        item = raw.get(key)
        if not isinstance(item, dict):
            problems.append(f"{where}.{key}: missing")
            continue
        paragraphs = item.get("text")
        if not _filled(item.get("title")):
            problems.append(f"{where}.{key}.title: empty")
        if not isinstance(paragraphs, list) or not paragraphs:
            problems.append(f"{where}.{key}.text: must be a non-empty list of paragraphs")
            paragraphs = []
        if not all(_filled(p) for p in paragraphs):
            problems.append(f"{where}.{key}.text: empty paragraph")
        title = str(item.get("title", "")).strip()
        result[key] = Text(title, tuple(str(p).strip() for p in paragraphs))
    problems += [f"{where}.{key}: unknown key" for key in raw if key not in keys]
    return result


def parse(raw: Any, *, language: str) -> ChildInfo:
    """Validate one language file; raise ChildInfoError listing every problem."""
    problems: list[str] = []
    if not isinstance(raw, dict):
        raise ChildInfoError([f"{language}: must be a mapping"])
    if raw.get("language") != language:
        problems.append(f"{language}: language {raw.get('language')!r} does not match the file")
    ui_raw: dict[str, Any] = raw["ui"] if isinstance(raw.get("ui"), dict) else {}
    ui = {}
    for key in UI_KEYS:
        if not _filled(ui_raw.get(key)):
            problems.append(f"{language}: ui.{key}: missing or empty")
        else:
            ui[key] = ui_raw[key].strip()
    problems += [f"{language}: ui.{key}: unknown key" for key in ui_raw if key not in UI_KEYS]
    info = ChildInfo(
        language=language,
        ui=ui,
        rights=_texts(raw.get("rights"), RIGHT_CODES, f"{language}: rights", problems),
        steps=_texts(raw.get("steps"), STEPS, f"{language}: steps", problems),
    )
    if problems:
        raise ChildInfoError(problems)
    return info


@functools.cache
def load(language: str) -> ChildInfo:
    if language not in LANGUAGES:
        raise ChildInfoError([f"no child information in {language!r}"])
    with (HERE / f"{language}.yaml").open(encoding="utf-8") as handle:
        return parse(yaml.safe_load(handle), language=language)


def supported(language: str) -> str | None:
    """The language of the texts for a language code ("sr-Latn", "SV" and "sv-SE" work)."""
    code = language.strip().lower().replace("_", "-")
    if code in LANGUAGES:
        return code
    base = code.split("-")[0]
    return base if base in LANGUAGES else None


def parse_helplines(raw: Any, *, where: str) -> tuple[Helpline, ...]:
    problems: list[str] = []
    lines = raw.get("lines") if isinstance(raw, dict) else None
    if not isinstance(lines, list) or not lines:
        raise ChildInfoError([f"{where}: lines must be a non-empty list"])
    result = []
    for index, line in enumerate(lines):
        line = line if isinstance(line, dict) else {}
        if line.get("kind") not in HELPLINE_KINDS:
            problems.append(f"{where}.lines[{index}].kind: one of {', '.join(HELPLINE_KINDS)}")
        if not _filled(str(line.get("phone") or "")):
            problems.append(f"{where}.lines[{index}].phone: required")
        if problems:
            continue
        result.append(
            Helpline(
                kind=line["kind"],
                name=str(line.get("name") or "").strip(),
                phone=str(line["phone"]).strip(),
                web=str(line.get("web") or "").strip(),
            )
        )
    if problems:
        raise ChildInfoError(problems)
    return tuple(result)


@functools.cache
def helplines(country: str | None) -> tuple[Helpline, ...]:
    """The helplines of a country (ISO 3166-1 alpha-2), or the European default."""
    code = (country or "").upper()
    path = HELPLINES / f"{code}.yaml"
    if not (code.isalpha() and len(code) == 2 and path.exists()):
        path = HELPLINES / "default.yaml"
    with path.open(encoding="utf-8") as handle:
        return parse_helplines(yaml.safe_load(handle), where=path.name)


def check_all() -> list[str]:
    """Every problem in every language file and helpline file (for the system check)."""
    problems: list[str] = []
    for language in LANGUAGES:
        try:
            load(language)
        except (ChildInfoError, OSError, yaml.YAMLError) as error:
            problems += getattr(error, "problems", [f"{language}: {error}"])
    for path in sorted(HELPLINES.glob("*.yaml")):
        try:
            with path.open(encoding="utf-8") as handle:
                parse_helplines(yaml.safe_load(handle), where=path.name)
        except (ChildInfoError, yaml.YAMLError) as error:
            problems += getattr(error, "problems", [f"{path.name}: {error}"])
    return problems
