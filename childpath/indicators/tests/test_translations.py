"""Translation overlays (catalogue/i18n/<lang>.yaml): merged at load, validated, and reported.

Every test but the first builds its own catalogue directory under tmp_path (a copy of the real
core and SE extension, and small overlay files), so it does not depend on the shipped
translations, which other people edit.
"""

from __future__ import annotations

import copy
import functools
from pathlib import Path
from typing import Any

import pytest
import yaml

from childpath.indicators.catalogue import (
    CORE_PATH,
    DIMENSIONS,
    EXTENSIONS_DIR,
    I18N_DIR,
    SETS,
    CatalogueError,
    load_catalogue,
    missing_translations,
)

FIRST = "cse_deceived_about_purpose"  # the first core indicator
SECOND = "cse_false_romantic_relationship"  # the second
SE_ID = "se_contact_via_social_services_placement"  # from the illustrative SE extension


@functools.cache
def _parsed(path: Path) -> dict[str, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def _dump(path: Path, data: object) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")


def _tree(tmp_path: Path, **overlays: object) -> Path:
    """A catalogue directory: core.yaml, extensions/SE.yaml and i18n/<lang>.yaml per overlay.

    Keyword names are file stems with "-" written "_" (sr_latn= writes i18n/sr-latn.yaml).
    Returns the core file's path, for load_catalogue(path=...).
    """
    core = tmp_path / "core.yaml"
    _dump(core, copy.deepcopy(_parsed(CORE_PATH)))
    _dump(tmp_path / "extensions" / "SE.yaml", copy.deepcopy(_parsed(EXTENSIONS_DIR / "SE.yaml")))
    for stem, data in overlays.items():
        _dump(tmp_path / "i18n" / f"{stem.replace('_', '-')}.yaml", data)
    return core


SWEDISH = {
    "language": "sv",
    "themes": {"how_it_started": "Hur det började"},
    "sets": {"online": "På nätet"},
    "dimensions": {"deceptive_recruitment": "Vilseledande rekrytering"},
    "indicators": {
        FIRST: {"text": "Svensk text.", "explore": "Vad hände?", "not_meaning": "Inte bevis."},
        SECOND: {"text": "Bara texten."},
        SE_ID: {"text": "ILLUSTRATIVT. Placerat barn."},
    },
}


def test_the_shipped_overlays_load_and_are_used() -> None:
    catalogue = load_catalogue()
    assert load_catalogue() is catalogue  # the default load is still cached
    languages = sorted(p.stem for p in I18N_DIR.glob("*.yaml")) if I18N_DIR.is_dir() else []
    for lang in languages:
        theme = catalogue.themes[0]
        assert lang in theme.title or any(lang in i.text for i in catalogue.indicators), lang


def test_it_merges_an_overlay_into_the_text_maps(tmp_path: Path) -> None:
    catalogue = load_catalogue(_tree(tmp_path, sv=SWEDISH))
    first = catalogue.get(FIRST)
    assert first.text_for("sv") == "Svensk text."
    assert first.explore_for("sv") == "Vad hände?"
    assert first.not_meaning_for("sv") == "Inte bevis."
    assert first.text_for("en") == first.text["en"] != "Svensk text."
    assert first.text_for("bg") == first.text["en"]  # no Bulgarian file: English
    theme = next(t for t in catalogue.themes if t.id == "how_it_started")
    assert theme.title_for("sv") == "Hur det började"
    assert catalogue.sets["online"]["sv"] == "På nätet"
    assert catalogue.dimensions["deceptive_recruitment"]["sv"] == "Vilseledande rekrytering"


def test_missing_entries_fall_back_to_english(tmp_path: Path) -> None:
    catalogue = load_catalogue(_tree(tmp_path, sv=SWEDISH))
    second = catalogue.get(SECOND)
    assert second.text_for("sv") == "Bara texten."
    assert second.explore_for("sv") == second.explore["en"]
    other = catalogue.indicators[5]
    assert other.text_for("sv") == other.text["en"]
    control = next(t for t in catalogue.themes if t.id == "control")
    assert control.title_for("sv") == control.title["en"]


def test_it_merges_several_languages(tmp_path: Path) -> None:
    serbian_latin = {"language": "sr-latn", "indicators": {FIRST: {"text": "Tekst."}}}
    spanish = {"language": "es", "sets": {"at_risk": "Niños en riesgo"}}
    catalogue = load_catalogue(_tree(tmp_path, sv=SWEDISH, sr_latn=serbian_latin, es=spanish))
    assert catalogue.get(FIRST).text_for("sr-latn") == "Tekst."
    assert catalogue.get(FIRST).text_for("sv") == "Svensk text."
    assert catalogue.sets["at_risk"]["es"] == "Niños en riesgo"


def test_it_normalises_whitespace_like_the_core(tmp_path: Path) -> None:
    overlay = {"language": "sv", "indicators": {FIRST: {"text": "  Två\n  rader.\n"}}}
    catalogue = load_catalogue(_tree(tmp_path, sv=overlay))
    assert catalogue.get(FIRST).text_for("sv") == "Två rader."


def test_it_accepts_an_overlay_with_empty_sections(tmp_path: Path) -> None:
    overlay: dict[str, object] = {"language": "uk", "themes": None, "indicators": {}}
    catalogue = load_catalogue(_tree(tmp_path, uk=overlay))
    assert catalogue.get(FIRST).text_for("uk") == catalogue.get(FIRST).text["en"]


def test_it_translates_loaded_extension_indicators(tmp_path: Path) -> None:
    catalogue = load_catalogue(_tree(tmp_path, sv=SWEDISH), extension="SE")
    assert catalogue.get(SE_ID).text_for("sv") == "ILLUSTRATIVT. Placerat barn."
    assert catalogue.get(FIRST).text_for("sv") == "Svensk text."


def test_it_ignores_entries_for_an_extension_not_loaded(tmp_path: Path) -> None:
    catalogue = load_catalogue(_tree(tmp_path, sv=SWEDISH))
    assert SE_ID not in catalogue.by_id
    assert catalogue.get(FIRST).text_for("sv") == "Svensk text."


def test_it_is_unchanged_without_an_i18n_directory(tmp_path: Path) -> None:
    catalogue = load_catalogue(_tree(tmp_path))
    assert all(set(i.text) == {"en"} for i in catalogue.indicators)
    assert all(set(t.title) == {"en"} for t in catalogue.themes)


def test_missing_translations_reports_what_an_overlay_lacks(tmp_path: Path) -> None:
    catalogue = load_catalogue(_tree(tmp_path, sv=SWEDISH), extension="SE")
    missing = missing_translations(catalogue, ["sv"])
    assert f"{FIRST}.text: sv" not in missing
    assert f"{SECOND}.text: sv" not in missing
    assert f"{SECOND}.explore: sv" in missing
    assert f"{SECOND}.not_meaning: sv" in missing
    assert f"{SE_ID}.text: sv" not in missing
    assert f"{SE_ID}.explore: sv" in missing
    assert "themes.how_it_started.title: sv" not in missing
    assert "themes.control.title: sv" in missing
    assert "sets.online.title: sv" not in missing
    assert "sets.at_risk.title: sv" in missing
    assert "dimensions.deceptive_recruitment.title: sv" not in missing
    assert "dimensions.at_risk.title: sv" in missing
    # Every text the catalogue has, counted once per language asked for.
    texts = len(SETS) + len(DIMENSIONS) + len(catalogue.themes) + 3 * len(catalogue.indicators)
    assert len(missing_translations(catalogue, ["bg"])) == texts
    assert len(missing_translations(catalogue, ["sv", "bg"])) == len(missing) + texts


def test_a_complete_overlay_leaves_nothing_missing(tmp_path: Path) -> None:
    core = _parsed(CORE_PATH)
    overlay = {
        "language": "es",
        "themes": dict.fromkeys(core["themes"], "T"),
        "sets": dict.fromkeys(SETS, "S"),
        "dimensions": dict.fromkeys(DIMENSIONS, "D"),
        "indicators": {
            i["id"]: {"text": "t", "explore": "e", "not_meaning": "n"} for i in core["indicators"]
        },
    }
    catalogue = load_catalogue(_tree(tmp_path, es=overlay))
    assert missing_translations(catalogue, ["es"]) == []


# ------------------------------------------------------------------------------ bad overlays


@pytest.mark.parametrize(
    ("overlay", "message"),
    [
        (
            {"language": "sv", "indicators": {"cse_no_such_thing": {"text": "X."}}},
            "i18n/sv.yaml: unknown indicator 'cse_no_such_thing': it is in neither",
        ),
        (
            {"language": "sv", "indicators": {"no_such_thing": {"text": "X."}}},
            "i18n/sv.yaml: unknown indicator 'no_such_thing'",
        ),
        ({"language": "sv", "themes": {"feelings": "Känslor"}}, "unknown theme 'feelings'"),
        ({"language": "sv", "sets": {"organ_removal": "X"}}, "unknown set 'organ_removal'"),
        (
            {"language": "sv", "dimensions": {"exploitation": "X"}},
            "unknown dimension 'exploitation'",
        ),
        ({"language": "bg"}, "i18n/sv.yaml: 'language' is 'bg' but the file name says 'sv'"),
        ({"themes": {}}, "'language' is None but the file name says 'sv'"),
        (
            {"language": "sv", "indicators": {FIRST: {"text": ""}}},
            f"indicator '{FIRST}'.text: the translation must be a non-empty string",
        ),
        (
            {"language": "sv", "indicators": {FIRST: {"text": "   "}}},
            "must be a non-empty string",
        ),
        ({"language": "sv", "indicators": {FIRST: {"text": 3}}}, "must be a non-empty string"),
        ({"language": "sv", "themes": {"control": None}}, "themes.control: the translation"),
        ({"language": "sv", "sets": {"online": ["a"]}}, "sets.online: the translation"),
        (
            {"language": "sv", "indicators": {FIRST: {"text": "X.", "source": "y"}}},
            "unknown fields \\['source'\\]",
        ),
        (
            {"language": "sv", "indicators": {FIRST: {"title": "X."}}},
            "unknown fields \\['title'\\]",
        ),
        ({"language": "sv", "indicators": {FIRST: "Bara text."}}, "must be a mapping of"),
        ({"language": "sv", "indicators": {FIRST: {}}}, "must be a mapping of"),
        ({"language": "sv", "indicators": [FIRST]}, "'indicators' must be a mapping"),
        ({"language": "sv", "glossary": {"a": "b"}}, "unknown sections \\['glossary'\\]"),
        (
            {"language": "sv", "indicators": {SE_ID: {"text": ""}}},
            f"indicator '{SE_ID}'.text: the translation must be a non-empty string",
        ),
        (["not", "a", "mapping"], "sv.yaml: the top level must be a mapping"),
    ],
)
def test_it_rejects_a_bad_overlay(tmp_path: Path, overlay: object, message: str) -> None:
    core = _tree(tmp_path, sv=overlay)
    with pytest.raises(CatalogueError, match=message):
        load_catalogue(core)


def test_it_rejects_an_unknown_id_also_with_the_extension_loaded(tmp_path: Path) -> None:
    overlay = {"language": "sv", "indicators": {"se_not_in_any_file": {"text": "X."}}}
    with pytest.raises(CatalogueError, match=r"i18n/sv\.yaml: unknown indicator 'se_not_in_any"):
        load_catalogue(_tree(tmp_path, sv=overlay), extension="SE")


def test_it_knows_ids_of_extensions_that_are_not_loaded(tmp_path: Path) -> None:
    # An id from another country's file is fine, even while a different extension is loaded.
    core = _tree(tmp_path)
    norway = copy.deepcopy(_parsed(EXTENSIONS_DIR / "SE.yaml"))
    norway["country"] = "NO"
    norway["indicators"] = [{**norway["indicators"][0], "id": "no_only_in_norway"}]
    _dump(tmp_path / "extensions" / "NO.yaml", norway)
    overlay = {"language": "sv", "indicators": {"no_only_in_norway": {"text": "Norsk."}}}
    _dump(tmp_path / "i18n" / "sv.yaml", overlay)
    catalogue = load_catalogue(core, extension="SE")
    assert "no_only_in_norway" not in catalogue.by_id
    assert load_catalogue(core, extension="NO").get("no_only_in_norway").text_for("sv") == "Norsk."


def test_it_rejects_english_as_an_overlay(tmp_path: Path) -> None:
    with pytest.raises(CatalogueError, match=r"i18n/en\.yaml: English lives in the core file"):
        load_catalogue(_tree(tmp_path, en={"language": "en"}))


def test_it_rejects_a_file_name_that_is_not_a_language_code(tmp_path: Path) -> None:
    core = _tree(tmp_path)
    _dump(tmp_path / "i18n" / "Swedish.yaml", {"language": "Swedish"})
    with pytest.raises(CatalogueError, match=r"i18n/Swedish\.yaml: 'Swedish' is not a lower-case"):
        load_catalogue(core)


def test_it_rejects_a_text_given_twice(tmp_path: Path) -> None:
    core = _tree(tmp_path, sv=SWEDISH)
    data = copy.deepcopy(_parsed(CORE_PATH))
    data["indicators"][0]["text"]["sv"] = "Redan här."
    _dump(core, data)
    with pytest.raises(CatalogueError, match=f"'{FIRST}'.text: 'sv' text is given both"):
        load_catalogue(core)


def test_it_rejects_invalid_yaml_in_an_overlay(tmp_path: Path) -> None:
    core = _tree(tmp_path)
    (tmp_path / "i18n").mkdir()
    (tmp_path / "i18n" / "sv.yaml").write_text("language: [sv\n", encoding="utf-8")
    with pytest.raises(CatalogueError, match=r"sv\.yaml: not valid YAML"):
        load_catalogue(core)


def test_the_overlay_texts_are_immutable(tmp_path: Path) -> None:
    catalogue = load_catalogue(_tree(tmp_path, sv=SWEDISH))
    with pytest.raises(TypeError):
        catalogue.get(FIRST).text["sv"] = "changed"  # type: ignore[index]
    with pytest.raises(TypeError):
        catalogue.sets["online"]["sv"] = "changed"  # type: ignore[index]
