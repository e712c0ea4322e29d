"""The catalogue loads, is complete in English, and bad files fail with a precise message."""

from __future__ import annotations

import copy
import functools
from pathlib import Path

import pytest
import yaml

from childpath.indicators.catalogue import (
    CORE_PATH,
    DIMENSIONS,
    FORMS,
    SET_PREFIXES,
    SETS,
    STRENGTHS,
    Catalogue,
    CatalogueError,
    UnknownVersion,
    load_catalogue,
    load_changelog,
    missing_changelog_translations,
    missing_translations,
    published_versions,
)


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return load_catalogue()


@functools.cache
def _parsed_core() -> dict[str, object]:
    data = yaml.safe_load(CORE_PATH.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def _core_data() -> dict[str, object]:
    """A fresh, mutable copy of the real core catalogue, to break in one place."""
    return copy.deepcopy(_parsed_core())


def _write(tmp_path: Path, data: object, name: str = "core.yaml") -> Path:
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def _first_indicator(data: dict[str, object]) -> dict[str, object]:
    indicators = data["indicators"]
    assert isinstance(indicators, list)
    first = indicators[0]
    assert isinstance(first, dict)
    return first


# ------------------------------------------------------------------------ the real catalogue


def test_it_loads_with_a_version(catalogue: Catalogue) -> None:
    assert catalogue.version == "2026.2"
    assert catalogue.country is None


def test_it_has_60_to_75_core_indicators(catalogue: Catalogue) -> None:
    assert 60 <= len(catalogue.core_indicators) <= 75


def test_it_has_unique_ids(catalogue: Catalogue) -> None:
    ids = [i.id for i in catalogue.indicators]
    assert len(ids) == len(set(ids))


def test_it_uses_only_known_sets_dimensions_and_strengths(catalogue: Catalogue) -> None:
    for indicator in catalogue.indicators:
        assert indicator.set in SETS
        assert indicator.dimension in DIMENSIONS
        assert indicator.strength in STRENGTHS


def test_it_covers_every_set_and_dimension(catalogue: Catalogue) -> None:
    assert {i.set for i in catalogue.indicators} == set(SETS)
    assert {i.dimension for i in catalogue.indicators} == set(DIMENSIONS)


def test_it_prefixes_ids_by_set(catalogue: Catalogue) -> None:
    for indicator in catalogue.indicators:
        assert indicator.id.startswith(SET_PREFIXES[indicator.set])


def test_it_keeps_risk_factors_in_the_at_risk_set_and_below_strong(catalogue: Catalogue) -> None:
    for indicator in catalogue.indicators:
        assert (indicator.set == "at_risk") == (indicator.dimension == "at_risk")
        if indicator.dimension == "at_risk":
            assert indicator.strength in ("medium", "weak")


def test_it_has_english_text_explore_and_not_meaning(catalogue: Catalogue) -> None:
    for indicator in catalogue.indicators:
        assert indicator.text["en"].strip()
        assert indicator.explore["en"].strip()
        assert indicator.not_meaning["en"].strip()


def test_it_cites_a_defined_source_for_every_indicator(catalogue: Catalogue) -> None:
    for indicator in catalogue.indicators:
        assert indicator.source in catalogue.sources
        assert catalogue.sources[indicator.source].title


def test_it_groups_indicators_into_titled_themes(catalogue: Catalogue) -> None:
    theme_ids = {t.id for t in catalogue.themes}
    assert {
        "how_it_started",
        "work_and_money",
        "control",
        "online_life",
        "living_situation",
        "health_and_safety",
    } <= theme_ids
    for theme in catalogue.themes:
        assert theme.title_for("en")
        assert catalogue.in_theme(theme.id), f"theme {theme.id} is empty"


def test_it_has_no_prompt_asking_why(catalogue: Catalogue) -> None:
    # "Why" questions sound like blame to a child (trauma-informed practice).
    for indicator in catalogue.indicators:
        assert not indicator.explore["en"].lower().startswith("why")
        assert " why " not in f" {indicator.explore['en'].lower()} "


def test_it_is_cached_for_the_default_path(catalogue: Catalogue) -> None:
    assert load_catalogue() is catalogue
    assert load_catalogue(extension="SE") is load_catalogue(extension="se")


def test_it_is_immutable(catalogue: Catalogue) -> None:
    indicator = catalogue.indicators[0]
    with pytest.raises(AttributeError):
        indicator.strength = "weak"  # type: ignore[misc]
    with pytest.raises(TypeError):
        indicator.text["en"] = "changed"  # type: ignore[index]


# --------------------------------------------------------------------------------- languages


@pytest.fixture
def english_only(tmp_path: Path) -> Catalogue:
    """The real core catalogue without the translation overlays (no i18n/ beside it)."""
    return load_catalogue(_write(tmp_path, _core_data()))


def test_it_falls_back_to_english(english_only: Catalogue) -> None:
    indicator = english_only.indicators[0]
    assert indicator.text_for("sv") == indicator.text["en"]
    assert indicator.explore_for("uk") == indicator.explore["en"]
    assert indicator.not_meaning_for("sr-latn") == indicator.not_meaning["en"]


def test_it_accepts_translations_in_the_same_maps(tmp_path: Path) -> None:
    data = _core_data()
    first = _first_indicator(data)
    first["text"] = {"en": "English text.", "sv": "Svensk text.", "sr-latn": "Tekst."}
    catalogue = load_catalogue(_write(tmp_path, data))
    indicator = catalogue.get(str(first["id"]))
    assert indicator.text_for("sv") == "Svensk text."
    assert indicator.text_for("sr-latn") == "Tekst."
    assert indicator.text_for("bg") == "English text."


def test_it_lists_missing_translations(english_only: Catalogue) -> None:
    catalogue = english_only
    assert missing_translations(catalogue, ["en"]) == []
    missing = missing_translations(catalogue, ["sv"])
    assert f"{catalogue.indicators[0].id}.text: sv" in missing
    assert "themes.control.title: sv" in missing


# -------------------------------------------------------------------------------- extension


def test_it_loads_the_illustrative_swedish_extension() -> None:
    catalogue = load_catalogue(extension="SE")
    extension = catalogue.extension_indicators
    assert catalogue.country == "SE"
    assert catalogue.extension_version and "illustrative" in catalogue.extension_version
    assert catalogue.extension_illustrative
    assert 2 <= len(extension) <= 4
    assert all(i.extension and i.id.startswith("se_") for i in extension)
    assert all(i.text["en"].startswith("ILLUSTRATIVE") for i in extension)
    assert len(catalogue.core_indicators) == len(load_catalogue().indicators)


def test_it_rejects_a_missing_extension() -> None:
    with pytest.raises(CatalogueError, match="not found"):
        load_catalogue(CORE_PATH, extension="ZZ")


def _extension(tmp_path: Path, indicator_id: str) -> Path:
    core = _write(tmp_path, _core_data())
    ext = {
        "country": "SE",
        "version": "1",
        "indicators": [{**_first_indicator(_core_data()), "id": indicator_id}],
    }
    _write(tmp_path, ext, "extensions/SE.yaml")
    return core


def test_it_rejects_extension_ids_without_the_country_prefix(tmp_path: Path) -> None:
    core = _extension(tmp_path, "cse_something_new")
    with pytest.raises(CatalogueError, match="must start with 'se_'"):
        load_catalogue(core, extension="SE")


def test_it_rejects_an_extension_for_another_country(tmp_path: Path) -> None:
    core = _extension(tmp_path, "se_something_new")
    (tmp_path / "extensions" / "SE.yaml").rename(tmp_path / "extensions" / "NO.yaml")
    with pytest.raises(CatalogueError, match="country 'SE' must be the two-letter code 'NO'"):
        load_catalogue(core, extension="NO")


# ------------------------------------------------------------------------------ bad catalogues


def test_it_rejects_a_duplicate_id(tmp_path: Path) -> None:
    data = _core_data()
    indicators = data["indicators"]
    assert isinstance(indicators, list)
    indicators.append(dict(indicators[0]))
    with pytest.raises(CatalogueError, match="duplicate indicator id 'cse_deceived_about_purpose'"):
        load_catalogue(_write(tmp_path, data))


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("dimension", "exploitation", "unknown dimension 'exploitation'"),
        ("strength", "very_strong", "unknown strength 'very_strong'"),
        ("set", "adult_labour", "unknown set 'adult_labour'"),
        ("source", "nowhere_2020", "source 'nowhere_2020' is not defined"),
        ("source", None, "missing source"),
        ("theme", "feelings", "unknown theme 'feelings'"),
        ("text", {"sv": "Bara svenska."}, "'text' has no English"),
        ("explore", None, "'explore' must be a mapping"),
        ("not_meaning", {"en": "  "}, "'not_meaning' text for 'en' is empty"),
        ("text", {"en": "Text.", "Swedish": "Text."}, "invalid language code 'Swedish'"),
        ("id", "Has Spaces", "non-snake_case id 'Has Spaces'"),
        ("consent", True, "unknown fields \\['consent'\\]"),
    ],
)
def test_it_rejects_a_bad_indicator(
    tmp_path: Path, field: str, value: object, message: str
) -> None:
    data = _core_data()
    first = _first_indicator(data)
    if value is None:
        first.pop(field)
    else:
        first[field] = value
    with pytest.raises(CatalogueError, match=message):
        load_catalogue(_write(tmp_path, data))


def test_it_rejects_an_id_with_the_wrong_set_prefix(tmp_path: Path) -> None:
    data = _core_data()
    _first_indicator(data)["id"] = "risk_promised_a_job"
    with pytest.raises(CatalogueError, match="must start with 'cse_'"):
        load_catalogue(_write(tmp_path, data))


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (lambda d: d.pop("version"), "'version' is missing"),
        (lambda d: d.pop("sources"), "'sources' must be a non-empty mapping"),
        (lambda d: d["sources"].update({"bad": {"url": "x"}}), "source 'bad'.*'title'"),
        (lambda d: d["sets"].update({"organ_removal": {"title": {"en": "X"}}}), "unknown sets"),
        (lambda d: d["dimensions"].pop("at_risk"), "dimensions without a title"),
        (lambda d: d["themes"].update({"Bad Theme": {"title": {"en": "X"}}}), "invalid theme"),
        (lambda d: d.update({"indicators": []}), "'indicators' must be a non-empty list"),
    ],
)
def test_it_rejects_a_bad_top_level(tmp_path: Path, mutate: object, message: str) -> None:
    data = _core_data()
    assert callable(mutate)
    mutate(data)
    with pytest.raises(CatalogueError, match=message):
        load_catalogue(_write(tmp_path, data))


def test_it_rejects_invalid_yaml(tmp_path: Path) -> None:
    path = tmp_path / "core.yaml"
    path.write_text("version: [unclosed\n", encoding="utf-8")
    with pytest.raises(CatalogueError, match="not valid YAML"):
        load_catalogue(path)


def test_it_rejects_a_file_that_is_not_a_mapping(tmp_path: Path) -> None:
    with pytest.raises(CatalogueError, match="top level must be a mapping"):
        load_catalogue(_write(tmp_path, ["a", "list"]))


def test_it_rejects_a_missing_file(tmp_path: Path) -> None:
    with pytest.raises(CatalogueError, match="not found"):
        load_catalogue(tmp_path / "nope.yaml")


def test_catalogue_error_is_a_value_error() -> None:
    assert issubclass(CatalogueError, ValueError)


# ------------------------------------------------------------------------ child_sufficient

# Used or offered by others for sex, sexual images or streams, crime or begging (RULES.md 4).
CHILD_SUFFICIENT = {
    "cse_sold_for_sex",
    "onl_live_streamed_abuse",
    "clc_forced_criminality",
    "clc_forced_begging",
    # From 2026.2 (RULES.md section 4 gives the basis of each):
    "onl_coerced_self_generated_images",
    "clc_made_to_recruit_others",
    "mas_married_by_others",
    "mas_adoption_for_payment",
    "mas_surrogacy_pregnancy",
    "mas_child_sold",
}


def _indicator(data: dict[str, object], ident: str) -> dict[str, object]:
    indicators = data["indicators"]
    assert isinstance(indicators, list)
    found = next(i for i in indicators if isinstance(i, dict) and i.get("id") == ident)
    assert isinstance(found, dict)
    return found


def test_it_marks_exactly_the_child_sufficient_indicators(catalogue: Catalogue) -> None:
    marked = {i.id for i in catalogue.indicators if i.child_sufficient}
    assert marked == CHILD_SUFFICIENT
    for ident in marked:
        indicator = catalogue.get(ident)
        assert (indicator.dimension, indicator.strength) == ("exploitative_conditions", "strong")
        assert not indicator.extension
    # "The child is advertised" does not say that another person offers the child.
    assert not catalogue.get("onl_advertised_for_sex").child_sufficient


def test_child_sufficient_defaults_to_false(tmp_path: Path) -> None:
    data = _core_data()
    for ident in CHILD_SUFFICIENT:
        _indicator(data, ident).pop("child_sufficient")
    catalogue = load_catalogue(_write(tmp_path, data))
    assert not any(i.child_sufficient for i in catalogue.indicators)


def test_the_extension_has_no_child_sufficient_indicator() -> None:
    assert not any(i.child_sufficient for i in load_catalogue(extension="SE").extension_indicators)


@pytest.mark.parametrize(
    ("ident", "value", "message"),
    [
        # weak, in the right dimension
        ("cse_child_items_where_sex_sold", True, "only on a strong indicator, not a weak one"),
        # medium, in the right dimension
        ("cse_no_control_of_earnings", True, "only on a strong indicator, not a medium one"),
        # strong, in another dimension
        (
            "cse_deceived_about_purpose",
            True,
            "only in the 'exploitative_conditions' dimension, not in 'deceptive_recruitment'",
        ),
        ("cse_sold_for_sex", "yes", "'child_sufficient' must be true or false, not 'yes'"),
    ],
)
def test_it_rejects_child_sufficient_where_it_does_not_belong(
    tmp_path: Path, ident: str, value: object, message: str
) -> None:
    data = _core_data()
    _indicator(data, ident)["child_sufficient"] = value
    with pytest.raises(CatalogueError, match=f"indicator '{ident}': .*{message}"):
        load_catalogue(_write(tmp_path, data))


def test_it_rejects_child_sufficient_on_an_extension_indicator(tmp_path: Path) -> None:
    core = _write(tmp_path, _core_data())
    sold = _indicator(_core_data(), "cse_sold_for_sex")
    assert sold["child_sufficient"] is True
    ext = {"country": "SE", "version": "1", "indicators": [{**sold, "id": "se_sold_for_sex"}]}
    _write(tmp_path, ext, "extensions/SE.yaml")
    assert load_catalogue(core).by_id["cse_sold_for_sex"].child_sufficient  # core alone loads
    with pytest.raises(CatalogueError, match="not allowed on an extension indicator"):
        load_catalogue(core, extension="SE")


# ---------------------------------------------------------------- versions, forms, change log


def test_it_publishes_every_version_oldest_first() -> None:
    assert published_versions() == ("2026.1", "2026.2")


def test_it_still_loads_the_first_published_version() -> None:
    old = load_catalogue(version="2026.1")
    assert (old.version, len(old.core_indicators)) == ("2026.1", 55)
    assert not any(i.set == "marriage_adoption_sale" for i in old.indicators)


def test_every_2026_1_indicator_is_still_in_the_current_version(catalogue: Catalogue) -> None:
    # Nothing removed or renamed: every earlier answer carries over to a re-screening.
    old = load_catalogue(version="2026.1")
    assert {i.id for i in old.indicators} <= set(catalogue.by_id)


def test_it_refuses_an_unpublished_version() -> None:
    with pytest.raises(UnknownVersion):
        load_catalogue(version="1999.1")


def test_every_exploitation_indicator_names_its_form(catalogue: Catalogue) -> None:
    for indicator in catalogue.indicators:
        if indicator.dimension == "exploitative_conditions":
            assert indicator.form in FORMS, indicator.id
        else:
            assert indicator.form is None, indicator.id


def test_it_rejects_an_unknown_form(tmp_path: Path) -> None:
    data = _core_data()
    _indicator(data, "cse_sold_for_sex")["form"] = "unknown_form"
    with pytest.raises(CatalogueError, match="unknown form"):
        load_catalogue(_write(tmp_path, data))


def test_it_rejects_a_form_outside_exploitative_conditions(tmp_path: Path) -> None:
    data = _core_data()
    _indicator(data, "cse_cannot_refuse")["form"] = "sexual"
    with pytest.raises(CatalogueError, match="'form' is given only"):
        load_catalogue(_write(tmp_path, data))


def test_it_rejects_an_indicator_of_a_set_the_version_does_not_list(tmp_path: Path) -> None:
    data = _core_data()
    data["sets"].pop("marriage_adoption_sale")
    with pytest.raises(CatalogueError, match="does not list"):
        load_catalogue(_write(tmp_path, data))


def test_the_change_log_has_one_entry_per_published_version_newest_first() -> None:
    assert [entry.version for entry in load_changelog()] == ["2026.2", "2026.1"]


def test_the_change_log_is_in_every_language() -> None:
    languages = ["sv", "bg", "sr", "sr-latn", "es", "uk"]
    assert missing_changelog_translations(load_changelog(), languages) == []


def test_the_change_log_refuses_an_entry_without_changes(tmp_path: Path) -> None:
    path = tmp_path / "changelog.yaml"
    path.write_text(
        'versions:\n  - {version: "1", published: "2026-01-01", summary: {en: x}, changes: []}\n',
        encoding="utf-8",
    )
    with pytest.raises(CatalogueError, match="'changes' must be a non-empty list"):
        load_changelog(path)


def test_the_new_indicators_are_translated_into_every_language(catalogue: Catalogue) -> None:
    languages = ["sv", "bg", "sr", "sr-latn", "es", "uk"]
    assert missing_translations(catalogue, languages) == []
