"""Where the message catalogues live.

The project catalogue is childpath/locale. An app with its own locale directory
(childpath/<app>/locale) keeps its messages there: Django loads every installed app's
catalogue, and makemessages, walking the tree, writes an app's messages into the app's own
directory. Apps added by different people then never edit the same .po file.
"""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PROJECT = ROOT / "childpath" / "locale"
LANGUAGES = ["sv", "bg", "sr", "sr_Latn", "es", "uk"]


def locale_dirs() -> list[Path]:
    """The project catalogue first, then each app's, in a stable order."""
    return [PROJECT, *sorted(p for p in (ROOT / "childpath").glob("*/locale") if p.is_dir())]
