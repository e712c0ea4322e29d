"""Every UI string is translated, compiled and served in the user's language (DESIGN.md 6.8)."""

import re
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po
from django.conf import settings
from django.test import Client
from django.utils.html import escape
from django.utils.translation import gettext, ngettext, override, to_locale

from childpath.accounts.models import User
from conftest import verified_client

ROOT = Path(__file__).resolve().parent.parent
TRANSLATED = [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]
CYRILLIC = re.compile("[\u0400-\u04ff]")


def _key(value: str | list[str] | tuple[str, ...] | None) -> str | tuple[str, ...] | None:
    """Babel reads plural messages as tuples from .po files and as lists from .mo files."""
    return tuple(value) if isinstance(value, list | tuple) else value


def _main(html: str) -> str:
    """The page's <main> element: the header's language menu names languages in their scripts."""
    match = re.search(r"<main\b.*?</main>", html, re.DOTALL)
    assert match, "the page has no <main> element"
    return match.group(0)


def test_every_message_is_translated() -> None:
    """Re-extracts the messages from the code, so an untranslated new string fails here."""
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "check_messages.py")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Every message is translated." in result.stdout


@pytest.mark.parametrize("script", ["transliterate_sr.py", "transliterate_catalogue_sr.py"])
def test_the_serbian_latin_catalogue_is_the_transliteration_of_the_cyrillic_one(
    script: str,
) -> None:
    """Both the UI messages and the indicator catalogue (scripts/transliterate_*_sr.py)."""
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / script), "--check"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("code", TRANSLATED)
def test_every_language_has_an_up_to_date_compiled_catalogue(code: str) -> None:
    messages = Path(settings.LOCALE_PATHS[0]) / to_locale(code) / "LC_MESSAGES"
    po, mo = messages / "django.po", messages / "django.mo"
    assert po.exists(), f"no catalogue for {code}"
    assert mo.exists(), f"{code} is not compiled: run scripts/compile_messages.py"
    with po.open("rb") as handle:
        catalogue = read_po(handle)
    with mo.open("rb") as handle:
        compiled = {_key(m.id): _key(m.string) for m in read_mo(handle) if m.id}
    stale = [
        message.id
        for message in catalogue
        if message.id
        and not message.fuzzy
        and compiled.get(_key(message.id)) != _key(message.string)
    ]
    assert not stale, f"{mo} is out of date (run scripts/compile_messages.py): {stale[:3]}"


@pytest.mark.parametrize("code", TRANSLATED)
def test_the_sign_in_page_speaks_the_language_the_browser_asks_for(code: str, db: None) -> None:
    response = Client().get("/accounts/login/", HTTP_ACCEPT_LANGUAGE=code)
    with override(code):
        sign_in = gettext("Sign in")
    assert sign_in != "Sign in"
    html = response.content.decode()
    assert escape(sign_in) in html
    assert f'<html lang="{code}"' in html


@pytest.mark.parametrize("code", TRANSLATED)
def test_the_home_page_offers_to_record_a_concern_in_the_users_language(
    code: str, frontline: User
) -> None:
    client = Client()
    verified_client(frontline, client)
    response = client.get("/", HTTP_ACCEPT_LANGUAGE=code)
    assert response.status_code == 200
    with override(code):
        record = gettext("Record a concern")
    assert record != "Record a concern"
    main = _main(response.content.decode())
    assert escape(record) in main
    assert "Record a concern" not in main
    if code == "sr-latn":
        assert not CYRILLIC.search(main), "Serbian Latin page shows Cyrillic text"


def test_the_language_chosen_in_the_menu_wins_over_the_browser(frontline: User) -> None:
    client = Client()
    verified_client(frontline, client)
    client.post("/i18n/setlang/", {"language": "uk", "next": "/"})
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="sv")
    with override("uk"):
        assert escape(gettext("Record a concern")) in response.content.decode()


@pytest.mark.parametrize(
    ("code", "forms"),
    [("sv", 2), ("bg", 2), ("es", 2), ("sr", 3), ("sr-latn", 3), ("uk", 3)],
)
def test_plural_forms_follow_the_language(code: str, forms: int) -> None:
    # 1, 2 and 5 cover "one", "few" and "many" in the Slavic languages with three forms.
    with override(code):
        texts = {
            ngettext("%(counter)s case found", "%(counter)s cases found", n) % {"counter": n}
            for n in (1, 2, 5)
        }
        eleven = ngettext("%(counter)s case found", "%(counter)s cases found", 11)
        twenty_one = ngettext("%(counter)s case found", "%(counter)s cases found", 21)
    assert len({re.sub(r"\d+", "N", text) for text in texts}) == forms
    assert eleven != twenty_one or forms == 2


def test_the_indicator_catalogue_is_translated_into_every_language() -> None:
    """Issue 3: every indicator text, prompt and title in every UI language."""
    from childpath.indicators.catalogue import load_catalogue, missing_translations

    languages = [code for code, _name in settings.LANGUAGES if code != "en"]
    catalogue = load_catalogue(extension="SE")
    assert missing_translations(catalogue, languages) == []
