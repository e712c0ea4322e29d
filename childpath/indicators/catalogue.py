"""The harmonised indicator catalogue: load, validate and expose it as frozen data.

The catalogue is data (YAML) kept in the repository next to this module, validated at load and
versioned together with the decision rule (DESIGN.md rule 7 and section 6.1). This module is a
pure core: it imports nothing from Django, so the engine and its tests run without a database.

Layout of ``catalogue/core.yaml``::

    version: "2026.2"
    sources:    {key: {title: ..., url: ..., note: ...}}
    sets:       {set_id: {title: {en: ...}}}          # known SETS; every set its indicators use
    dimensions: {dimension_id: {title: {en: ...}}}    # must be exactly the known DIMENSIONS
    themes:     {theme_id: {title: {en: ...}}}        # order of the mapping = screening order
    indicators:
      - id: cse_moved_between_places
        set: child_sexual_exploitation
        dimension: exploitative_conditions
        strength: strong
        theme: living_situation                       # optional
        child_sufficient: false                       # optional, see below
        form: sexual                                  # exploitative_conditions only, see FORMS
        source: unodc_indicators
        text: {en: ...}
        explore: {en: ...}
        not_meaning: {en: ...}

``child_sufficient: true`` marks an indicator whose observation or report establishes the
exploitation element of the child rule on its own: the use, procuring or offering of a child by
others for sex, sexual images or streams, crime or begging is in itself exploitation (ILO C182
art. 3(b)-(c); Directive 2011/36/EU art. 2(3)). It is allowed only on strong indicators of the
``exploitative_conditions`` dimension, and never on an extension indicator (extensions never
change the core result). See RULES.md section 4.

Every published version stays loadable: the current one is ``catalogue/core.yaml``, each earlier
one is frozen under ``catalogue/versions/<version>/`` (its core, i18n and extensions as they
were published): ``load_catalogue(version=...)``, ``published_versions()``. The change log of
every version, in every language, is ``catalogue/changelog.yaml`` (``load_changelog()``).

A country extension (``catalogue/extensions/<CC>.yaml``) has ``country``, ``version``,
``illustrative`` (optional bool, exposed as ``Catalogue.extension_illustrative`` so screens can
say so), its own ``sources`` (optional) and ``indicators`` whose ids start with
the lower-case country code and an underscore. Extension indicators are flagged
``extension=True``; the engine reports them beside the core result and never mixes them into it
(DESIGN.md rule 7).

Translations live beside the core, one file per language, ``catalogue/i18n/<lang>.yaml``::

    language: sv                                  # must equal the file name
    themes:     {theme_id: "..."}                 # titles
    sets:       {set_id: "..."}
    dimensions: {dimension_id: "..."}
    indicators:
      cse_deceived_about_purpose: {text: "...", explore: "...", not_meaning: "..."}
      se_contact_via_social_services_placement: {text: "..."}   # extension ids allowed

Every file present is merged into the text maps at load (so ``text_for("sv")`` is Swedish) and
validated: keys must name a known theme, set, dimension or indicator (core, or any file in
``extensions/``, loaded or not; entries for an extension that is not loaded are skipped), values
must be non-empty strings, and an indicator entry has only the three text fields. Entries may be
missing (English is used); ``missing_translations`` lists them. English lives only in the core.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any

import yaml

# The six dimensions of the ILO/European Commission 2009 operational indicators, in the order of
# the Palermo definition (act, purpose, means), plus the product's own "at_risk" dimension for
# children who are not (yet) exploited. The engine's rule is written against these names.
TRAFFICKING_DIMENSIONS: tuple[str, ...] = (
    "deceptive_recruitment",
    "coercive_recruitment",
    "recruitment_abuse_of_vulnerability",
    "exploitative_conditions",
    "coercion_at_destination",
    "abuse_of_vulnerability_at_destination",
)
AT_RISK_DIMENSION = "at_risk"
DIMENSIONS: tuple[str, ...] = (*TRAFFICKING_DIMENSIONS, AT_RISK_DIMENSION)

# Strength order matters: the engine lowers a "suspected" indicator by one step along it.
STRENGTHS: tuple[str, ...] = ("strong", "medium", "weak")

# Every set any published version uses. A version lists the sets it has (2026.1 has the first
# four); each of its indicators must belong to one of them.
SETS: tuple[str, ...] = (
    "child_sexual_exploitation",
    "child_labour_criminal",
    "online",
    "marriage_adoption_sale",
    "at_risk",
)

# The form of exploitation an indicator of exploitative conditions points to (the ``form`` tag,
# from version 2026.2 on). Statistics derive the form of a screening from these tags; the list
# follows Directive 2011/36/EU art. 2(3) as amended by Directive (EU) 2024/1712, the Optional
# Protocol to the CRC on the sale of children art. 2(a), and HTCDS TypeOfExploitation.
FORMS: tuple[str, ...] = (
    "sexual",
    "online_sexual",
    "forced_labour",
    "forced_criminality",
    "begging",
    "forced_marriage",
    "illegal_adoption",
    "surrogacy",
    "sale_of_child",
    "other",
)

DEFAULT_LANGUAGE = "en"
# BCP 47-like lower-case codes: "en", "sv", "sr-latn". New languages need no code change.
_LANGUAGE_CODE = re.compile(r"^[a-z]{2,3}(-[a-z0-9]{2,8})?$")
_ID = re.compile(r"^[a-z][a-z0-9]*(_[a-z0-9]+)+$")
_THEME_ID = re.compile(r"^[a-z][a-z0-9_]*$")
_COUNTRY = re.compile(r"^[A-Z]{2}$")

# libyaml's safe loader when present (several times faster), else the pure-Python one.
_SafeLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

CATALOGUE_DIR = Path(__file__).resolve().parent / "catalogue"
CORE_PATH = CATALOGUE_DIR / "core.yaml"
EXTENSIONS_DIR = CATALOGUE_DIR / "extensions"
I18N_DIR = CATALOGUE_DIR / "i18n"
# Every earlier published version, frozen as it was published: versions/<version>/core.yaml with
# its own i18n/ and extensions/ beside it, so a screening made with it can be read in its words.
VERSIONS_DIR = CATALOGUE_DIR / "versions"
CHANGELOG_PATH = CATALOGUE_DIR / "changelog.yaml"

# Ids start with a prefix naming their set, so an id alone tells a reader where it belongs.
SET_PREFIXES: Mapping[str, str] = MappingProxyType(
    {
        "child_sexual_exploitation": "cse_",
        "child_labour_criminal": "clc_",
        "online": "onl_",
        "marriage_adoption_sale": "mas_",
        "at_risk": "risk_",
    }
)

_INDICATOR_KEYS = frozenset(
    {
        "id",
        "set",
        "dimension",
        "strength",
        "theme",
        "source",
        "text",
        "explore",
        "not_meaning",
        "child_sufficient",
        "form",
    }
)
# child_sufficient is allowed only on the strong indicators of this dimension (the exploitation
# element of the rule).
CHILD_SUFFICIENT_DIMENSION = "exploitative_conditions"
_TEXT_FIELDS = ("text", "explore", "not_meaning")

Texts = Mapping[str, str]


class CatalogueError(ValueError):
    """The catalogue file is malformed; the message names the file, the item and the problem."""


class UnknownVersion(CatalogueError):
    """No published catalogue has this version."""


@dataclass(frozen=True, slots=True)
class Source:
    """A publication an indicator is drawn from, cited by its short key."""

    key: str
    title: str
    url: str | None = None
    note: str | None = None


@dataclass(frozen=True, slots=True)
class Theme:
    """A group of indicators screened together, one theme at a time (DESIGN.md section 5.2)."""

    id: str
    title: Texts

    def title_for(self, lang: str) -> str:
        return _text_for(self.title, lang)


@dataclass(frozen=True, slots=True)
class Indicator:
    """One indicator. Texts are maps by language code; English is always present."""

    id: str
    set: str
    dimension: str
    strength: str
    source: str
    text: Texts
    explore: Texts
    not_meaning: Texts
    theme: str | None = None
    extension: bool = False
    # For a child, observed or reported, this indicator alone establishes exploitation (RULES.md).
    child_sufficient: bool = False
    # The form of exploitation (one of FORMS) for indicators of exploitative conditions; None
    # elsewhere, and in version 2026.1, which had no tags.
    form: str | None = None

    def text_for(self, lang: str) -> str:
        """The wording for professionals in ``lang``, falling back to English."""
        return _text_for(self.text, lang)

    def explore_for(self, lang: str) -> str:
        """The trauma-informed prompt in ``lang``, falling back to English."""
        return _text_for(self.explore, lang)

    def not_meaning_for(self, lang: str) -> str:
        """What the indicator does not mean on its own, in ``lang``, falling back to English."""
        return _text_for(self.not_meaning, lang)


# eq=False: a catalogue compares and hashes by identity, so the engine can cache its index per
# loaded catalogue (functools.lru_cache) without hashing every text.
@dataclass(frozen=True, slots=True, eq=False)
class Catalogue:
    """A validated, immutable catalogue: core indicators plus at most one country extension."""

    version: str
    indicators: tuple[Indicator, ...]
    sources: Mapping[str, Source]
    sets: Mapping[str, Texts]
    dimensions: Mapping[str, Texts]
    themes: tuple[Theme, ...]
    by_id: Mapping[str, Indicator]
    country: str | None = None
    extension_version: str | None = None
    extension_illustrative: bool = False

    @property
    def core_indicators(self) -> tuple[Indicator, ...]:
        return tuple(i for i in self.indicators if not i.extension)

    @property
    def extension_indicators(self) -> tuple[Indicator, ...]:
        return tuple(i for i in self.indicators if i.extension)

    def get(self, indicator_id: str) -> Indicator:
        """The indicator with this id; KeyError if the catalogue has none."""
        return self.by_id[indicator_id]

    def in_theme(self, theme_id: str | None) -> tuple[Indicator, ...]:
        """Indicators of one theme (``None``: those without a theme), in catalogue order."""
        return tuple(i for i in self.indicators if i.theme == theme_id)


def _text_for(texts: Texts, lang: str) -> str:
    return texts.get(lang) or texts[DEFAULT_LANGUAGE]


# --------------------------------------------------------------------------------------------
# Loading


def load_catalogue(
    path: str | Path | None = None, extension: str | None = None, *, version: str | None = None
) -> Catalogue:
    """Load and validate the core catalogue and, optionally, one country extension.

    ``path`` is the core YAML file (default: the repository's ``catalogue/core.yaml``; that load
    is cached). ``extension`` is a country code such as ``"SE"``: the file
    ``extensions/<CC>.yaml`` next to the core file is loaded too. ``version`` asks for one
    published version (the current one or one under ``versions/``), ignoring ``path``; an
    unpublished one raises ``UnknownVersion``. Raises ``CatalogueError``.
    """
    country = extension.upper() if extension else None
    if version is not None:
        return _load_version(version, country)
    if path is None:
        return _load_default(country)
    return _load(Path(path), country)


@functools.lru_cache(maxsize=16)
def _load_default(extension: str | None) -> Catalogue:
    return _load(CORE_PATH, extension)


@functools.lru_cache(maxsize=32)
def _load_version(version: str, extension: str | None) -> Catalogue:
    current = _load_default(None).version
    if version == current:
        return _load_default(extension)
    if version not in _archived_versions():
        raise UnknownVersion(f"no published catalogue has version {version!r}")
    catalogue = _load(VERSIONS_DIR / version / "core.yaml", extension)
    if catalogue.version != version:
        raise CatalogueError(
            f"versions/{version}/core.yaml: its version is {catalogue.version!r}, not {version!r}"
        )
    return catalogue


@functools.cache
def _archived_versions() -> tuple[str, ...]:
    if not VERSIONS_DIR.is_dir():
        return ()
    return tuple(
        sorted(
            (d.name for d in VERSIONS_DIR.iterdir() if (d / "core.yaml").is_file()),
            key=version_key,
        )
    )


def version_key(version: str) -> tuple[int | str, ...]:
    """Sort key of a version such as "2026.2": by its numeric parts, oldest first."""
    return tuple(int(p) if p.isdigit() else p for p in re.split(r"[.\-]", version))


def published_versions() -> tuple[str, ...]:
    """Every published catalogue version, oldest first; the last one is the current catalogue."""
    current = _load_default(None).version
    return tuple(sorted({*_archived_versions(), current}, key=version_key))


def has_extension(country: str, version: str | None = None) -> bool:
    """Whether the catalogue of ``version`` (default: the current one) has this country's file."""
    base = CATALOGUE_DIR
    if version is not None and version != _load_default(None).version:
        base = VERSIONS_DIR / version
    return (base / "extensions" / f"{country.upper()}.yaml").is_file()


def _load(path: Path, extension: str | None) -> Catalogue:
    core = _read_yaml(path)
    where = path.name
    version = _required_str(core, "version", where)
    sources = _parse_sources(core.get("sources"), where)
    sets = _parse_titled_mapping(core.get("sets"), "sets", SETS, where, subset=True)
    dimensions = _parse_titled_mapping(core.get("dimensions"), "dimensions", DIMENSIONS, where)
    themes = _parse_themes(core.get("themes"), where)
    theme_ids = frozenset(t.id for t in themes)
    indicators = _parse_indicators(core.get("indicators"), sources, theme_ids, where, None)
    _check_prefixes(indicators, where)
    _check_sets_listed(indicators, sets, where)

    country: str | None = None
    extension_version: str | None = None
    illustrative = False
    if extension is not None:
        ext_path = path.parent / "extensions" / f"{extension}.yaml"
        ext = _read_yaml(ext_path)
        ext_where = f"extensions/{ext_path.name}"
        country = _required_str(ext, "country", ext_where)
        if not _COUNTRY.match(country) or country != extension:
            raise CatalogueError(
                f"{ext_where}: country {country!r} must be the two-letter code {extension!r}"
            )
        extension_version = _required_str(ext, "version", ext_where)
        illustrative = ext.get("illustrative", False)
        if not isinstance(illustrative, bool):
            raise CatalogueError(f"{ext_where}: 'illustrative' must be true or false")
        has_sources = ext.get("sources") is not None
        ext_sources = _parse_sources(ext["sources"], ext_where) if has_sources else {}
        clash = sorted(set(ext_sources) & set(sources))
        if clash:
            raise CatalogueError(f"{ext_where}: source keys already in the core: {clash}")
        sources = {**sources, **ext_sources}
        ext_indicators = _parse_indicators(
            ext.get("indicators"), sources, theme_ids, ext_where, country
        )
        indicators = indicators + ext_indicators

    _check_unique(indicators, where if extension is None else f"{where} + extension")
    sets, dimensions, themes, indicators = _apply_translations(
        path.parent, sets, dimensions, themes, indicators
    )
    return Catalogue(
        version=version,
        indicators=indicators,
        sources=MappingProxyType(sources),
        sets=MappingProxyType(sets),
        dimensions=MappingProxyType(dimensions),
        themes=themes,
        by_id=MappingProxyType({i.id: i for i in indicators}),
        country=country,
        extension_version=extension_version,
        extension_illustrative=illustrative,
    )


def _read_yaml(path: Path) -> dict[str, Any]:
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise CatalogueError(f"{path}: catalogue file not found") from None
    try:
        data = yaml.load(raw, Loader=_SafeLoader)  # noqa: S506 (a safe loader)
    except yaml.YAMLError as exc:
        raise CatalogueError(f"{path.name}: not valid YAML: {exc}") from None
    if not isinstance(data, dict):
        raise CatalogueError(f"{path.name}: the top level must be a mapping")
    return data


# --------------------------------------------------------------------------------------------
# Validation helpers: each raises CatalogueError naming the file and the item.


def _required_str(data: Mapping[str, Any], key: str, where: str) -> str:
    value = data.get(key)
    if not isinstance(value, str) or not value.strip():
        raise CatalogueError(f"{where}: {key!r} is missing or not a non-empty string")
    return value


def _parse_texts(value: Any, where: str, field: str) -> Texts:
    if not isinstance(value, dict):
        raise CatalogueError(f"{where}: {field!r} must be a mapping of language code to text")
    for lang, text in value.items():
        if not isinstance(lang, str) or not _LANGUAGE_CODE.match(lang):
            raise CatalogueError(f"{where}: {field!r} has an invalid language code {lang!r}")
        if not isinstance(text, str) or not text.strip():
            raise CatalogueError(f"{where}: {field!r} text for {lang!r} is empty")
    if DEFAULT_LANGUAGE not in value:
        raise CatalogueError(f"{where}: {field!r} has no English ('en') text")
    return MappingProxyType({str(k): " ".join(str(v).split()) for k, v in value.items()})


def _parse_sources(value: Any, where: str) -> dict[str, Source]:
    if not isinstance(value, dict) or not value:
        raise CatalogueError(f"{where}: 'sources' must be a non-empty mapping")
    sources: dict[str, Source] = {}
    for key, item in value.items():
        if not isinstance(item, dict):
            raise CatalogueError(f"{where}: source {key!r} must be a mapping with a title")
        title = _required_str(item, "title", f"{where}: source {key!r}")
        url, note = item.get("url"), item.get("note")
        sources[str(key)] = Source(
            key=str(key),
            title=title,
            url=str(url) if url else None,
            note=" ".join(str(note).split()) if note else None,
        )
    return sources


def _parse_titled_mapping(
    value: Any, section: str, known: tuple[str, ...], where: str, *, subset: bool = False
) -> dict[str, Texts]:
    """Titles of the known keys; all of them, or (``subset``) at least one, in known order."""
    if not isinstance(value, dict):
        raise CatalogueError(f"{where}: {section!r} must be a mapping")
    unknown = [k for k in value if k not in known]
    if unknown:
        raise CatalogueError(f"{where}: unknown {section} {unknown}; known: {list(known)}")
    absent = [k for k in known if k not in value]
    if absent and not subset:
        raise CatalogueError(f"{where}: {section} without a title: {absent}")
    if not value:
        raise CatalogueError(f"{where}: {section!r} is empty")
    titles: dict[str, Texts] = {}
    for key in (k for k in known if k in value):
        item = value[key]
        if not isinstance(item, dict):
            raise CatalogueError(f"{where}: {section} {key!r} must be a mapping with a title")
        titles[key] = _parse_texts(item.get("title"), f"{where}: {section} {key!r}", "title")
    return titles


def _parse_themes(value: Any, where: str) -> tuple[Theme, ...]:
    if not isinstance(value, dict):
        raise CatalogueError(f"{where}: 'themes' must be a mapping")
    themes = []
    for key, item in value.items():
        if not isinstance(key, str) or not _THEME_ID.match(key):
            raise CatalogueError(f"{where}: invalid theme id {key!r}")
        if not isinstance(item, dict):
            raise CatalogueError(f"{where}: theme {key!r} must be a mapping with a title")
        title = _parse_texts(item.get("title"), f"{where}: theme {key!r}", "title")
        themes.append(Theme(id=key, title=title))
    return tuple(themes)


def _parse_indicators(
    value: Any,
    sources: Mapping[str, Source],
    theme_ids: frozenset[str],
    where: str,
    country: str | None,
) -> tuple[Indicator, ...]:
    if not isinstance(value, list) or not value:
        raise CatalogueError(f"{where}: 'indicators' must be a non-empty list")
    return tuple(
        _parse_indicator(item, n, sources, theme_ids, where, country)
        for n, item in enumerate(value, start=1)
    )


def _parse_indicator(
    item: Any,
    n: int,
    sources: Mapping[str, Source],
    theme_ids: frozenset[str],
    where: str,
    country: str | None,
) -> Indicator:
    if not isinstance(item, dict):
        raise CatalogueError(f"{where}: indicator #{n} must be a mapping")
    ident = item.get("id")
    if not isinstance(ident, str) or not _ID.match(ident):
        raise CatalogueError(
            f"{where}: indicator #{n} has a missing or non-snake_case id {ident!r}"
        )
    at = f"{where}: indicator {ident!r}"
    extra = sorted(set(item) - _INDICATOR_KEYS)
    if extra:
        raise CatalogueError(f"{at}: unknown fields {extra}")
    set_ = _choice(item, "set", SETS, at)
    dimension = _choice(item, "dimension", DIMENSIONS, at)
    strength = _choice(item, "strength", STRENGTHS, at)
    source = item.get("source")
    if not isinstance(source, str) or not source:
        raise CatalogueError(f"{at}: missing source")
    if source not in sources:
        raise CatalogueError(f"{at}: source {source!r} is not defined in 'sources'")
    theme = item.get("theme")
    if theme is not None and theme not in theme_ids:
        raise CatalogueError(f"{at}: unknown theme {theme!r}; known: {sorted(theme_ids)}")
    if country is not None and not ident.startswith(f"{country.lower()}_"):
        raise CatalogueError(f"{at}: extension ids must start with '{country.lower()}_'")
    child_sufficient = _parse_child_sufficient(item, dimension, strength, at, country)
    form = item.get("form")
    if form is not None:
        if form not in FORMS:
            raise CatalogueError(f"{at}: unknown form {form!r}; known: {list(FORMS)}")
        if dimension != CHILD_SUFFICIENT_DIMENSION:
            raise CatalogueError(
                f"{at}: 'form' is given only to indicators of {CHILD_SUFFICIENT_DIMENSION!r}"
            )
    texts = {f: _parse_texts(item.get(f), at, f) for f in _TEXT_FIELDS}
    return Indicator(
        id=ident,
        set=set_,
        dimension=dimension,
        strength=strength,
        source=source,
        theme=theme,
        extension=country is not None,
        child_sufficient=child_sufficient,
        form=form,
        **texts,
    )


def _parse_child_sufficient(
    item: Mapping[str, Any], dimension: str, strength: str, at: str, country: str | None
) -> bool:
    value = item.get("child_sufficient", False)
    if not isinstance(value, bool):
        raise CatalogueError(f"{at}: 'child_sufficient' must be true or false, not {value!r}")
    if not value:
        return False
    if country is not None:
        raise CatalogueError(
            f"{at}: 'child_sufficient' is not allowed on an extension indicator "
            "(extensions never change the core result)"
        )
    if dimension != CHILD_SUFFICIENT_DIMENSION:
        raise CatalogueError(
            f"{at}: 'child_sufficient' is allowed only in the {CHILD_SUFFICIENT_DIMENSION!r} "
            f"dimension, not in {dimension!r}"
        )
    if strength != "strong":
        raise CatalogueError(
            f"{at}: 'child_sufficient' is allowed only on a strong indicator, not a {strength} one"
        )
    return True


def _choice(item: Mapping[str, Any], key: str, known: tuple[str, ...], at: str) -> str:
    value = item.get(key)
    if value not in known:
        raise CatalogueError(f"{at}: unknown {key} {value!r}; known: {list(known)}")
    return str(value)


def _check_prefixes(indicators: Iterable[Indicator], where: str) -> None:
    for indicator in indicators:
        prefix = SET_PREFIXES[indicator.set]
        if not indicator.id.startswith(prefix):
            raise CatalogueError(
                f"{where}: indicator {indicator.id!r} of set {indicator.set!r} "
                f"must start with {prefix!r}"
            )


def _check_sets_listed(
    indicators: Iterable[Indicator], sets: Mapping[str, Texts], where: str
) -> None:
    for indicator in indicators:
        if indicator.set not in sets:
            raise CatalogueError(
                f"{where}: indicator {indicator.id!r} is in set {indicator.set!r}, "
                "which this version does not list under 'sets'"
            )


def _check_unique(indicators: Iterable[Indicator], where: str) -> None:
    seen: set[str] = set()
    for indicator in indicators:
        if indicator.id in seen:
            raise CatalogueError(f"{where}: duplicate indicator id {indicator.id!r}")
        seen.add(indicator.id)


# --------------------------------------------------------------------------------------------
# Translation overlays: i18n/<lang>.yaml next to the core file, one file per language.

_OVERLAY_KEYS = frozenset({"language", "themes", "sets", "dimensions", "indicators"})


def _apply_translations(
    directory: Path,
    sets: dict[str, Texts],
    dimensions: dict[str, Texts],
    themes: tuple[Theme, ...],
    indicators: tuple[Indicator, ...],
) -> tuple[dict[str, Texts], dict[str, Texts], tuple[Theme, ...], tuple[Indicator, ...]]:
    """Merge every ``i18n/<lang>.yaml`` beside the core file into the text maps.

    Each file is validated as a whole: its ``language`` is its file name, every key names a
    known theme, set, dimension or indicator, and every value is a non-empty string. Indicator
    entries may also name the indicators of any country extension in ``extensions/``; those of
    an extension that is not loaded are skipped. Missing entries fall back to English (see
    ``missing_translations`` for completeness checks).
    """
    i18n = directory / "i18n"
    files = sorted(i18n.glob("*.yaml")) if i18n.is_dir() else []
    if not files:
        return sets, dimensions, themes, indicators

    set_texts = {k: dict(v) for k, v in sets.items()}
    dimension_texts = {k: dict(v) for k, v in dimensions.items()}
    theme_texts = {t.id: dict(t.title) for t in themes}
    indicator_texts = {i.id: {f: dict(getattr(i, f)) for f in _TEXT_FIELDS} for i in indicators}
    extension_ids: frozenset[str] | None = None  # read only if an overlay needs them

    for file in files:
        where = f"i18n/{file.name}"
        data = _read_yaml(file)
        lang = file.stem
        if not _LANGUAGE_CODE.match(lang):
            raise CatalogueError(f"{where}: {lang!r} is not a lower-case language code")
        if lang == DEFAULT_LANGUAGE:
            raise CatalogueError(f"{where}: English lives in the core file, not in an overlay")
        if data.get("language") != lang:
            raise CatalogueError(
                f"{where}: 'language' is {data.get('language')!r} but the file name says {lang!r}"
            )
        extra = sorted(str(k) for k in set(data) - _OVERLAY_KEYS)
        if extra:
            raise CatalogueError(f"{where}: unknown sections {extra}")

        for section, targets in (
            ("themes", theme_texts),
            ("sets", set_texts),
            ("dimensions", dimension_texts),
        ):
            for key, text in _overlay_section(data, section, where).items():
                if key not in targets:
                    raise CatalogueError(
                        f"{where}: unknown {section[:-1]} {key!r}; known: {list(targets)}"
                    )
                _add_text(targets[key], lang, text, f"{where}: {section}.{key}")

        for ident, entry in _overlay_section(data, "indicators", where).items():
            at = f"{where}: indicator {ident!r}"
            if not isinstance(entry, dict) or not entry:
                raise CatalogueError(f"{at} must be a mapping of {list(_TEXT_FIELDS)} to text")
            unknown_fields = sorted(str(f) for f in set(entry) - set(_TEXT_FIELDS))
            if unknown_fields:
                raise CatalogueError(
                    f"{at}: unknown fields {unknown_fields}; allowed: {list(_TEXT_FIELDS)}"
                )
            texts = indicator_texts.get(ident)
            if texts is None:
                if extension_ids is None:
                    extension_ids = _all_extension_ids(directory / "extensions")
                if ident not in extension_ids:
                    raise CatalogueError(
                        f"{where}: unknown indicator {ident!r}: it is in neither the core "
                        "nor any extension file"
                    )
                # An indicator of an extension that is not loaded here: validated, then skipped.
                for field, text in entry.items():
                    _check_text(text, f"{at}.{field}")
                continue
            for field, text in entry.items():
                _add_text(texts[field], lang, text, f"{at}.{field}")

    frozen = MappingProxyType
    translated = []
    for i in indicators:
        texts = indicator_texts[i.id]
        translated.append(
            dataclasses.replace(
                i,
                text=frozen(texts["text"]),
                explore=frozen(texts["explore"]),
                not_meaning=frozen(texts["not_meaning"]),
            )
        )
    return (
        {k: frozen(v) for k, v in set_texts.items()},
        {k: frozen(v) for k, v in dimension_texts.items()},
        tuple(dataclasses.replace(t, title=frozen(theme_texts[t.id])) for t in themes),
        tuple(translated),
    )


def _overlay_section(data: Mapping[str, Any], section: str, where: str) -> dict[Any, Any]:
    value = data.get(section)
    if value is None:  # absent or left empty: nothing translated yet
        return {}
    if not isinstance(value, dict):
        raise CatalogueError(f"{where}: {section!r} must be a mapping")
    return value


def _check_text(text: Any, at: str) -> str:
    if not isinstance(text, str) or not text.strip():
        raise CatalogueError(f"{at}: the translation must be a non-empty string")
    return " ".join(text.split())  # as in the core file: YAML folding leaves no stray spaces


def _add_text(texts: dict[str, str], lang: str, text: Any, at: str) -> None:
    if lang in texts:
        raise CatalogueError(f"{at}: {lang!r} text is given both here and in the catalogue file")
    texts[lang] = _check_text(text, at)


def _all_extension_ids(extensions: Path) -> frozenset[str]:
    """Indicator ids of every extension file, loaded or not (translations may cover them)."""
    ids: set[str] = set()
    for file in sorted(extensions.glob("*.yaml")) if extensions.is_dir() else []:
        items = _read_yaml(file).get("indicators")
        if isinstance(items, list):
            ids.update(
                i["id"] for i in items if isinstance(i, dict) and isinstance(i.get("id"), str)
            )
    return frozenset(ids)


# --------------------------------------------------------------------------------------------
# Completeness of translations (kept apart from validation: English is enough to load).


def missing_translations(catalogue: Catalogue, languages: Iterable[str]) -> list[str]:
    """Every text of the catalogue lacking one of ``languages``, as ``"<where>: <lang>"`` lines.

    Loading requires only English; a test for a release can require completeness with
    ``assert missing_translations(cat, ["sv", "bg", ...]) == []``.
    """
    langs = list(languages)
    missing: list[str] = []

    def check(where: str, texts: Texts) -> None:
        missing.extend(f"{where}: {lang}" for lang in langs if lang not in texts)

    for key, texts in catalogue.sets.items():
        check(f"sets.{key}.title", texts)
    for key, texts in catalogue.dimensions.items():
        check(f"dimensions.{key}.title", texts)
    for theme in catalogue.themes:
        check(f"themes.{theme.id}.title", theme.title)
    for indicator in catalogue.indicators:
        for field in _TEXT_FIELDS:
            check(f"{indicator.id}.{field}", getattr(indicator, field))
    return missing


# --------------------------------------------------------------------------------------------
# Change log: catalogue/changelog.yaml, one entry per published version, newest first.


@dataclass(frozen=True, slots=True)
class VersionChanges:
    """What one published version changed, in words for professionals, by language."""

    version: str
    published: str  # ISO date
    summary: Texts
    changes: tuple[Texts, ...]

    def summary_for(self, lang: str) -> str:
        return _text_for(self.summary, lang)

    def changes_for(self, lang: str) -> list[str]:
        return [_text_for(change, lang) for change in self.changes]


_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def load_changelog(path: str | Path | None = None) -> tuple[VersionChanges, ...]:
    """The change log, newest version first, validated against the published versions.

    Every published version has exactly one entry and no entry names an unpublished version
    (with ``path`` given, only the entries' own form is checked). Raises ``CatalogueError``.
    """
    if path is None:
        return _default_changelog()
    return _parse_changelog(Path(path), None)


@functools.cache
def _default_changelog() -> tuple[VersionChanges, ...]:
    return _parse_changelog(CHANGELOG_PATH, published_versions())


def _parse_changelog(path: Path, published: tuple[str, ...] | None) -> tuple[VersionChanges, ...]:
    data = _read_yaml(path)
    where = path.name
    items = data.get("versions")
    if not isinstance(items, list) or not items:
        raise CatalogueError(f"{where}: 'versions' must be a non-empty list")
    entries: list[VersionChanges] = []
    for n, item in enumerate(items, start=1):
        if not isinstance(item, dict):
            raise CatalogueError(f"{where}: entry #{n} must be a mapping")
        version = _required_str(item, "version", f"{where}: entry #{n}")
        at = f"{where}: version {version!r}"
        published_on = str(item.get("published", ""))
        if not _DATE.match(published_on):
            raise CatalogueError(f"{at}: 'published' must be a date YYYY-MM-DD")
        changes = item.get("changes")
        if not isinstance(changes, list) or not changes:
            raise CatalogueError(f"{at}: 'changes' must be a non-empty list")
        entries.append(
            VersionChanges(
                version=version,
                published=published_on,
                summary=_parse_texts(item.get("summary"), at, "summary"),
                changes=tuple(
                    _parse_texts(change, f"{at}: change #{k}", "change")
                    for k, change in enumerate(changes, start=1)
                ),
            )
        )
    versions = [e.version for e in entries]
    if len(set(versions)) != len(versions):
        raise CatalogueError(f"{where}: a version has more than one entry")
    if published is not None and sorted(versions, key=version_key) != list(published):
        raise CatalogueError(
            f"{where}: entries {sorted(versions, key=version_key)} do not match the published "
            f"versions {list(published)}"
        )
    return tuple(sorted(entries, key=lambda e: version_key(e.version), reverse=True))


def missing_changelog_translations(
    entries: Iterable[VersionChanges], languages: Iterable[str]
) -> list[str]:
    """Every change-log text lacking one of ``languages``, as ``"<version>.<where>: <lang>"``."""
    langs = list(languages)
    missing: list[str] = []
    for entry in entries:
        texts = [("summary", entry.summary)] + [
            (f"change{n}", c) for n, c in enumerate(entry.changes, start=1)
        ]
        for name, value in texts:
            missing.extend(f"{entry.version}.{name}: {lang}" for lang in langs if lang not in value)
    return missing
