"""Child-friendly texts and helplines: complete in every language, validated, transliterated."""

from typing import Any

import pytest
import yaml

from childpath.jurisdiction.profile import RIGHT_CODES
from childpath.rights import childinfo
from childpath.rights.childinfo import (
    HELPLINES,
    HERE,
    LANGUAGES,
    STEPS,
    UI_KEYS,
    ChildInfoError,
    check_all,
    helplines,
    load,
    make_sr_latn,
    parse,
    parse_helplines,
    supported,
)


def _raw(language: str) -> dict[str, Any]:
    with (HERE / f"{language}.yaml").open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_language_has_every_text(language):
    info = load(language)
    assert set(info.ui) == set(UI_KEYS)
    assert set(info.rights) == set(RIGHT_CODES)
    assert set(info.steps) == set(STEPS)
    for text in [*info.rights.values(), *info.steps.values()]:
        assert text.title.strip()
        assert text.text and all(paragraph.strip() for paragraph in text.text)
    assert all(value.strip() for value in info.ui.values())


@pytest.mark.parametrize("language", [lang for lang in LANGUAGES if lang != "en"])
def test_no_text_is_left_in_english(language):
    english, info = load("en"), load(language)
    same = [
        key
        for key in RIGHT_CODES
        if info.rights[key].text == english.rights[key].text
        or info.rights[key].title == english.rights[key].title
    ]
    assert same == []


def test_the_texts_tell_the_child_it_is_not_their_fault():
    for language in LANGUAGES:
        assert load(language).ui["not_your_fault"]


def test_sentences_stay_short_for_a_12_year_old():
    """No sentence longer than 30 words in the English source, the reference the others follow."""
    info = load("en")
    paragraphs = [p for t in [*info.rights.values(), *info.steps.values()] for p in t.text]
    for paragraph in paragraphs:
        for sentence in paragraph.replace("!", ".").replace("?", ".").split("."):
            assert len(sentence.split()) <= 30, sentence


def test_serbian_latin_is_the_transliteration_of_serbian_cyrillic():
    assert _raw("sr-latn") == make_sr_latn.expected()
    assert make_sr_latn.main(["--check"]) == 0


def test_serbian_latin_has_no_cyrillic_letter_left():
    text = (HERE / "sr-latn.yaml").read_text(encoding="utf-8")
    assert not [char for char in text if "\u0400" <= char <= "\u04ff"]


def test_it_lists_every_missing_key_of_a_broken_file():
    raw = _raw("en")
    del raw["rights"]["guardian"]
    raw["steps"]["now"]["text"] = [""]
    raw["ui"]["title"] = " "
    with pytest.raises(ChildInfoError) as error:
        parse(raw, language="en")
    problems = " | ".join(error.value.problems)
    assert "rights.guardian: missing" in problems
    assert "steps.now.text: empty paragraph" in problems
    assert "ui.title: missing or empty" in problems


def test_it_refuses_a_file_for_another_language():
    with pytest.raises(ChildInfoError, match="does not match"):
        parse(_raw("sv"), language="en")


def test_it_refuses_an_unknown_key():
    raw = _raw("en")
    raw["rights"]["flying"] = {"title": "x", "text": ["y"]}
    with pytest.raises(ChildInfoError, match=r"rights\.flying: unknown key"):
        parse(raw, language="en")


def test_it_refuses_a_language_without_texts():
    with pytest.raises(ChildInfoError):
        load("xx")


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("sv", "sv"),
        ("SV", "sv"),
        ("sv-SE", "sv"),
        ("sr-Latn", "sr-latn"),
        ("sr_Latn", "sr-latn"),
        ("uk", "uk"),
        ("ru", None),
        ("", None),
    ],
)
def test_it_finds_the_language_of_the_texts(code, expected):
    assert supported(code) == expected


def test_every_data_file_validates():
    assert check_all() == []


@pytest.mark.parametrize("path", sorted(HELPLINES.glob("*.yaml")), ids=lambda p: p.stem)
def test_every_helpline_file_has_the_european_child_helpline(path):
    with path.open(encoding="utf-8") as handle:
        lines = parse_helplines(yaml.safe_load(handle), where=path.name)
    assert any(line.kind == "child_helpline" and line.phone == "116 111" for line in lines)
    assert any(line.kind == "emergency" for line in lines)


def test_a_country_without_a_file_gets_the_european_lines():
    assert helplines("FR") == helplines(None) == helplines("../SE")
    assert helplines("se")[0].name == "BRIS"


def test_it_refuses_a_helpline_without_a_phone_or_kind():
    with pytest.raises(ChildInfoError) as error:
        parse_helplines({"lines": [{"kind": "pizza"}]}, where="x.yaml")
    assert len(error.value.problems) == 2


def test_the_system_check_passes_with_the_shipped_files():
    from childpath.rights.apps import check_child_information

    assert check_child_information() == []


def test_the_loader_is_cached():
    assert childinfo.load("uk") is childinfo.load("uk")
