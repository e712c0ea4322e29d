"""Compile every .po catalogue to .mo with Babel, so no system gettext is needed."""

import sys
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

sys.path.insert(0, str(Path(__file__).resolve().parent))
from catalogues import locale_dirs


def main() -> None:
    for po_path in [p for d in locale_dirs() for p in sorted(d.glob("*/LC_MESSAGES/*.po"))]:
        mo_path = po_path.with_suffix(".mo")
        if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
            continue
        with po_path.open("rb") as handle:
            catalog = read_po(handle)
        with mo_path.open("wb") as handle:
            write_mo(handle, catalog)


if __name__ == "__main__":
    main()
