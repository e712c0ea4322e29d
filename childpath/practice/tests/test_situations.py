"""The practice data: validated at load, covering what the issue asks, and each expected result
the engine's own. A catalogue change that alters an expected result fails here."""

import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from childpath.indicators.catalogue import SETS, load_catalogue
from childpath.indicators.engine import evaluate
from childpath.practice.catalogue import situations
from childpath.practice.situations import (
    DATA_DIR,
    LANGUAGES,
    SituationError,
    load_situations,
)

CATALOGUE = load_catalogue()
SITUATIONS = situations()


@pytest.mark.parametrize("situation", SITUATIONS, ids=[s.id for s in SITUATIONS])
def test_the_engine_gives_the_expected_result(situation):
    evaluation = evaluate(
        CATALOGUE,
        observations=situation.observations,
        age_at_exploitation=situation.age,
        age_uncertain=situation.age_uncertain,
    )
    assert evaluation.result == situation.expected_result


def test_there_are_at_least_24_situations():
    assert len(SITUATIONS) >= 24


def test_every_set_is_covered():
    used = {CATALOGUE.get(i).set for s in SITUATIONS for i in s.expected}
    assert used == set(SETS)


@pytest.mark.parametrize(
    "tag", ["online", "offline", "boy", "girl", "age_in_doubt", "family", "agreed", "silent"]
)
def test_every_kind_of_situation_is_covered(tag):
    assert any(tag in s.tags for s in SITUATIONS)


def test_ages_run_from_9_to_19():
    ages = {s.age for s in SITUATIONS if s.age is not None}
    assert min(a for a in ages if a >= 9) == 9
    assert 19 in ages


def test_some_situations_are_not_trafficking():
    negative = [s for s in SITUATIONS if "not_trafficking" in s.tags]
    assert len(negative) >= 3
    assert all(s.expected_result == "no_indication" for s in negative)


def test_every_result_is_expected_somewhere():
    assert {s.expected_result for s in SITUATIONS} == {
        "presumed_victim",
        "at_risk",
        "no_indication",
    }


def test_each_new_form_of_exploitation_has_a_situation():
    forms = {CATALOGUE.get(i).form for s in SITUATIONS for i in s.expected}
    assert {"online_sexual", "forced_marriage", "illegal_adoption", "surrogacy"} <= forms
    assert "sale_of_child" in forms


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_situation_is_in_every_language(lang):
    for situation in SITUATIONS:
        for field in ("title", "story", "why"):
            assert lang in getattr(situation, field), (situation.id, field)


def test_the_translations_differ_from_the_english():
    for situation in SITUATIONS:
        for lang in LANGUAGES[1:]:
            assert situation.story[lang] != situation.story["en"], (situation.id, lang)


# ------------------------------------------------------- validation, on a copy of the data


def _copy(tmp_path: Path) -> Path:
    target = tmp_path / "situations"
    shutil.copytree(DATA_DIR, target)
    return target


def _edit(directory: Path, change) -> None:
    path = directory / "situations.yaml"
    data: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def test_it_loads_a_faithful_copy(tmp_path):
    assert len(load_situations(CATALOGUE, _copy(tmp_path))) == len(SITUATIONS)


def test_it_rejects_an_indicator_the_catalogue_does_not_have(tmp_path):
    directory = _copy(tmp_path)
    _edit(directory, lambda d: d["situations"][0]["expected"].update({"cse_no_such": "observed"}))
    with pytest.raises(SituationError, match="cse_no_such"):
        load_situations(CATALOGUE, directory)


def test_it_rejects_an_indicator_of_a_later_catalogue(tmp_path):
    old = load_catalogue(version="2026.1")
    with pytest.raises(SituationError, match=r"not in catalogue 2026\.1"):
        load_situations(old, _copy(tmp_path))


def test_it_rejects_an_unknown_status(tmp_path):
    directory = _copy(tmp_path)
    _edit(directory, lambda d: d["situations"][0]["expected"].update({"cse_sold_for_sex": "yes"}))
    with pytest.raises(SituationError, match="unknown status"):
        load_situations(CATALOGUE, directory)


def test_it_rejects_a_missing_language(tmp_path):
    directory = _copy(tmp_path)
    path = directory / "i18n" / "uk.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["situations"].pop(SITUATIONS[3].id)
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(SituationError, match="missing in \\['uk'\\]"):
        load_situations(CATALOGUE, directory)


def test_it_rejects_a_translation_of_an_unknown_situation(tmp_path):
    directory = _copy(tmp_path)
    path = directory / "i18n" / "sv.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["situations"]["no-such-situation"] = {"title": "x", "story": "y", "why": "z"}
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(SituationError, match="unknown situations"):
        load_situations(CATALOGUE, directory)


def test_it_rejects_an_unknown_tag(tmp_path):
    directory = _copy(tmp_path)
    _edit(directory, lambda d: d["situations"][0]["tags"].append("sensational"))
    with pytest.raises(SituationError, match="'tags'"):
        load_situations(CATALOGUE, directory)


def test_it_rejects_a_not_sign_that_counts(tmp_path):
    directory = _copy(tmp_path)
    _edit(
        directory,
        lambda d: (
            d["situations"][0]
            .setdefault("not_signs", {})
            .update({"clc_forced_begging": "suspected"})
        ),
    )
    with pytest.raises(SituationError, match="not_observed"):
        load_situations(CATALOGUE, directory)


def test_the_serbian_latin_file_is_the_transliteration_of_the_cyrillic_one():
    root = Path(__file__).resolve().parents[3]
    result = subprocess.run(
        [sys.executable, str(root / "scripts" / "transliterate_practice_sr.py"), "--check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout
