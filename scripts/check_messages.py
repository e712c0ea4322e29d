"""Fail on an untranslated, fuzzy, broken or missing message in any catalogue.

Extracts the current messages with Django's makemessages into a temporary copy of the source
tree and its catalogues (the project's, childpath/locale, and each app's own,
childpath/<app>/locale), so a string added to the code but not to the catalogues fails too
(needs GNU gettext). Then, for every catalogue and every language:

- every message has a translation, every plural message all the forms the language needs, and
  nothing is fuzzy (neither a message nor the header);
- the header's Plural-Forms gives the number of forms the language needs;
- a translation keeps the placeholders of its message (%(name)s, %s, %d) and its HTML tags;
- the Serbian Latin catalogue is the transliteration of the Serbian Cyrillic one
  (scripts/transliterate_sr.py).

The real catalogues are never written: makemessages runs in the copy, and the script fails if
they changed while it ran.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import read_po

# How many plural forms each language's catalogue must have (its Plural-Forms header).
NPLURALS = {"sv": 2, "bg": 2, "sr": 3, "sr_Latn": 3, "es": 2, "uk": 3}

sys.path.insert(0, str(Path(__file__).resolve().parent))
from catalogues import LANGUAGES, ROOT, locale_dirs  # noqa: E402
from transliterate_sr import transliterate  # noqa: E402

_NAMED = re.compile(r"%\(([^)]+)\)[-#0 +]*\d*(?:\.\d+)?[diouxXeEfFgGcrsa]")
_POSITIONAL = re.compile(r"%(?!\()[-#0 +]*\d*(?:\.\d+)?[diouxXeEfFgGcrsa]")
_TAG = re.compile(r"</?([A-Za-z][\w-]*)")


def _texts(value: str | tuple[str, ...] | list[str] | None) -> tuple[str, ...]:
    if isinstance(value, tuple | list):
        return tuple(value)
    return (value or "",)


def _shape(text: str) -> tuple[set[str], int, list[str]]:
    """Named placeholders, count of positional ones and HTML tags of a string."""
    bare = text.replace("%%", "")
    return set(_NAMED.findall(bare)), len(_POSITIONAL.findall(bare)), sorted(_TAG.findall(text))


def _message_problems(message: Message, nplurals: int) -> list[str]:
    ids = _texts(message.id)
    strings = _texts(message.string)
    if message.fuzzy:
        return ["fuzzy"]
    if message.pluralizable and len(strings) < nplurals:
        strings += ("",) * (nplurals - len(strings))
    if not all(strings):
        return ["untranslated"]
    found = []
    for index, string in enumerate(strings):
        source = ids[0] if index == 0 or len(ids) == 1 else ids[1]
        named, positional, tags = _shape(source)
        got_named, got_positional, got_tags = _shape(string)
        if message.pluralizable:
            # A form may leave the count out ("one case"), never bring in something new.
            plural_named = set().union(*(_shape(i)[0] for i in ids))
            if not got_named <= plural_named:
                found.append(f"placeholders {sorted(got_named - plural_named)} not in the message")
        elif got_named != named:
            found.append(f"placeholders {sorted(got_named)} instead of {sorted(named)}")
        if not message.pluralizable and got_positional != positional:
            found.append(f"{got_positional} positional placeholders instead of {positional}")
        if got_tags != tags:
            found.append(f"HTML tags {got_tags} instead of {tags}")
    return found


def _read(po_path: Path) -> Catalog:
    with po_path.open("rb") as handle:
        return read_po(handle)


def problems(po_path: Path, lang: str, shown_as: str | None = None) -> list[str]:
    name = shown_as or str(po_path)
    catalog = _read(po_path)
    found = []
    if catalog.fuzzy:
        found.append(f"{name}: the header is marked fuzzy")
    if catalog.num_plurals != NPLURALS[lang]:
        found.append(
            f"{name}: Plural-Forms has nplurals={catalog.num_plurals}, {lang} needs "
            f"{NPLURALS[lang]}"
        )
    for message in catalog:
        if not message.id:
            continue
        label = _texts(message.id)[0]
        found += [
            f"{name}: {problem}: {label!r}"
            for problem in _message_problems(message, NPLURALS[lang])
        ]
    return found


def latin_problems(cyrillic: Path, latin: Path, shown_as: str) -> list[str]:
    """Messages of the Serbian Latin catalogue that are not the transliteration of sr."""
    expected = {message.id: message.string for message in _read(cyrillic) if message.id}
    found = []
    for message in _read(latin):
        if not message.id or message.id not in expected:
            continue
        want = tuple(transliterate(text) for text in _texts(expected[message.id]))
        if _texts(message.string) != want:
            label = _texts(message.id)[0]
            found.append(
                f"{shown_as}: not the transliteration of sr (run scripts/transliterate_sr.py): "
                f"{label!r}"
            )
    return found


def _fingerprint() -> dict[str, str]:
    return {
        str(path): hashlib.sha256(path.read_bytes()).hexdigest()
        for locale in locale_dirs()
        for path in sorted(locale.rglob("*.po"))
    }


def _check(locale: Path, shown_locale: Path) -> list[str]:
    """Problems of the catalogues in locale, named by their real place shown_locale."""
    found = []
    for lang in LANGUAGES:
        path = locale / lang / "LC_MESSAGES" / "django.po"
        shown = str((shown_locale / lang / "LC_MESSAGES" / "django.po").relative_to(ROOT))
        if path.exists():
            found += problems(path, lang, shown)
        else:
            found.append(f"{shown}: no catalogue for {lang}")
    sr = locale / "sr" / "LC_MESSAGES" / "django.po"
    sr_latn = locale / "sr_Latn" / "LC_MESSAGES" / "django.po"
    if sr.exists() and sr_latn.exists():
        shown = str((shown_locale / "sr_Latn" / "LC_MESSAGES" / "django.po").relative_to(ROOT))
        found += latin_problems(sr, sr_latn, shown)
    return found


def extract_into(tree: Path) -> None:
    """Run makemessages for every language in tree, a copy of the childpath package.

    Walking the copy, makemessages writes an app's messages into the app's own locale directory
    and the rest into the project catalogue (CHILDPATH_LOCALE_DIR points at its copy).
    """
    command = [
        sys.executable,
        str(ROOT / "manage.py"),
        "makemessages",
        "--no-obsolete",
        "--no-location",
        *[arg for lang in LANGUAGES for arg in ("-l", lang)],
    ]
    result = subprocess.run(  # noqa: S603  (fixed arguments)
        command,
        cwd=tree,
        capture_output=True,
        text=True,
        env={**os.environ, "CHILDPATH_LOCALE_DIR": str(tree / "childpath" / "locale")},
        check=False,
    )
    if result.returncode:
        sys.stderr.write(result.stdout + result.stderr)
        raise SystemExit(f"makemessages failed with exit code {result.returncode}.")


def main() -> int:
    found = []
    if shutil.which("xgettext") and shutil.which("msgmerge"):
        before = _fingerprint()
        with tempfile.TemporaryDirectory() as tmp:
            tree = Path(tmp)
            shutil.copytree(
                ROOT / "childpath",
                tree / "childpath",
                ignore=shutil.ignore_patterns("__pycache__", "static", "*.mo"),
            )
            extract_into(tree)
            for locale in locale_dirs():
                found += _check(tree / locale.relative_to(ROOT), locale)
        if _fingerprint() != before:
            found.append("the catalogues changed while the check ran")
    else:
        print("GNU gettext not found: checking the committed catalogues only.")
        for locale in locale_dirs():
            found += _check(locale, locale)
    for line in found[:50]:
        print(line)
    if found:
        print(f"{len(found)} translation problems.")
        return 1
    print("Every message is translated.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
