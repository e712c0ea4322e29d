"""Extract the messages of one catalogue into its .po files, for every language.

    python scripts/update_messages.py                     # the project catalogue, childpath/locale
    python scripts/update_messages.py childpath/referrals # an app's own, childpath/referrals/locale

An app's catalogue holds the messages of the app's code and templates; the project catalogue
holds the rest. After extracting: translate the new entries, run scripts/transliterate_sr.py
(never translate sr_Latn by hand) and scripts/compile_messages.py; scripts/check_messages.py
(part of make check) fails on anything left untranslated or fuzzy.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from catalogues import LANGUAGES, PROJECT, ROOT, locale_dirs


def main(argv: list[str]) -> int:
    app = (ROOT / argv[0]).resolve() if argv else None
    args = ["--no-obsolete", "--no-location", *[a for lang in LANGUAGES for a in ("-l", lang)]]
    if app is None:
        cwd, locale = ROOT, PROJECT
        # Apps with their own catalogue are left out, so only the project catalogue is written.
        own = [d.parent.relative_to(ROOT) for d in locale_dirs() if d != PROJECT]
        for path in [Path(".venv"), Path("var"), *own]:
            args += ["--ignore", str(path)]
    else:
        cwd, locale = app, app / "locale"
        locale.mkdir(exist_ok=True)
    result = subprocess.run(  # noqa: S603  (fixed arguments)
        [sys.executable, str(ROOT / "manage.py"), "makemessages", *args],
        cwd=cwd,
        env={**os.environ, "CHILDPATH_LOCALE_DIR": str(locale)},
        check=False,
    )
    if locale != PROJECT:
        for lang in LANGUAGES:
            same_plurals(locale / lang / "LC_MESSAGES" / "django.po", lang)
    return result.returncode


def _plural_header(lines: list[str]) -> tuple[int, int]:
    """Where the (possibly wrapped) Plural-Forms header line starts and ends."""
    start = next(i for i, line in enumerate(lines) if line.startswith('"Plural-Forms:'))
    # A wrapped header continues on the next lines until one ends the header line.
    end = start
    while not lines[end].endswith('\\n"'):
        end += 1
    return start, end + 1


def same_plurals(po_path: Path, lang: str) -> None:
    """Give an app catalogue the project's Plural-Forms for the language, and its Language.

    makemessages copies the header from Django's own catalogue, whose plural rules for Spanish
    and Ukrainian have more forms than the project's (scripts/check_messages.py NPLURALS).
    """
    project = (PROJECT / lang / "LC_MESSAGES" / "django.po").read_text(encoding="utf-8")
    wanted_lines = project.splitlines()
    start, end = _plural_header(wanted_lines)
    lines = po_path.read_text(encoding="utf-8").splitlines()
    if any(line.startswith('"Plural-Forms:') for line in lines):
        here_start, here_end = _plural_header(lines)
    else:
        # No Plural-Forms at all (a catalogue rewritten by another tool): add it to the header.
        here_start = here_end = next(i for i, line in enumerate(lines) if not line)
    lines[here_start:here_end] = wanted_lines[start:end]
    # makemessages leaves "Language:" empty; scripts/transliterate_sr.py needs it.
    language = f'"Language: {lang}\\n"'
    at = next((i for i, line in enumerate(lines) if line.startswith('"Language:')), None)
    if at is None:
        team = next(i for i, line in enumerate(lines) if line.startswith('"Language-Team:'))
        lines.insert(team + 1, language)
    else:
        lines[at] = language
    po_path.write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
