"""Fail on an untranslated, fuzzy or missing message in any catalogue.

Extracts the current messages with Django's makemessages into a temporary copy, so a
string added to the code but not to the catalogues fails too (needs GNU gettext).
"""

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parent.parent
LOCALE = ROOT / "childpath" / "locale"
LANGUAGES = ["sv", "bg", "sr", "sr_Latn", "es", "uk"]


def problems(po_path: Path) -> list[str]:
    with po_path.open("rb") as handle:
        catalog = read_po(handle)
    found = []
    for message in catalog:
        if not message.id:
            continue
        label = message.id if isinstance(message.id, str) else message.id[0]
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.fuzzy:
            found.append(f"{po_path.relative_to(ROOT)}: fuzzy: {label!r}")
        elif not all(strings):
            found.append(f"{po_path.relative_to(ROOT)}: untranslated: {label!r}")
    return found


def main() -> int:
    missing = [
        lang for lang in LANGUAGES if not (LOCALE / lang / "LC_MESSAGES" / "django.po").exists()
    ]
    found = [f"no catalogue for {lang}" for lang in missing]
    if shutil.which("xgettext"):
        with tempfile.TemporaryDirectory() as tmp:
            copy = Path(tmp) / "locale"
            shutil.copytree(LOCALE, copy)
            subprocess.run(  # noqa: S603  (fixed arguments)
                [
                    sys.executable,
                    "manage.py",
                    "makemessages",
                    "--no-obsolete",
                    "--no-location",
                    "--ignore",
                    ".venv",
                    "--ignore",
                    "var",
                    *[arg for lang in LANGUAGES for arg in ("-l", lang)],
                ],
                cwd=ROOT,
                check=True,
                capture_output=True,
                env={**__import__("os").environ, "CHILDPATH_LOCALE_DIR": str(copy)},
            )
            for lang in LANGUAGES:
                path = copy / lang / "LC_MESSAGES" / "django.po"
                if path.exists():
                    found += problems(path)
    else:
        print("xgettext not found: checking the committed catalogues only.")
        for lang in LANGUAGES:
            path = LOCALE / lang / "LC_MESSAGES" / "django.po"
            if path.exists():
                found += problems(path)
    for line in found[:50]:
        print(line)
    if found:
        print(f"{len(found)} translation problems.")
        return 1
    print("Every message is translated.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
