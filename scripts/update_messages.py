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
    return result.returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
