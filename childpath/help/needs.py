"""What a child can ask for on the help pages, and which directory service types answer it.

Each need leads to the services of the directory that accept children directly and offer one of
its service types (childpath/directory/taxonomy_data.py). The icons are drawn here, as the
path of a 24 by 24 SVG, so the pages load no image file and nothing from elsewhere.
"""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Need:
    code: str
    label: Promise
    codes: tuple[str, ...]
    icon: str  # SVG path data, 24x24, stroked


NEEDS = (
    Need(
        "sleep",
        _("A safe place to sleep tonight"),
        ("safe_accommodation",),
        "M3 18V7M3 14h18v4M21 14v-2a3 3 0 0 0-3-3h-7v5M7 12a1.5 1.5 0 1 0 0-.1",
    ),
    Need(
        "talk",
        _("Someone to talk to"),
        ("helpline", "psychosocial_support"),
        "M4 5h16v10H9l-5 4z M8 9h8M8 12h5",
    ),
    Need(
        "doctor",
        _("A doctor or a nurse"),
        ("health", "sexual_reproductive_health"),
        "M12 21s-8-5-8-11a4.5 4.5 0 0 1 8-3 4.5 4.5 0 0 1 8 3c0 6-8 11-8 11z M12 9v6M9 12h6",
    ),
    Need(
        "police_lawyer",
        _("Help with the police or a lawyer"),
        ("legal_aid",),
        "M12 3v18M7 21h10M5 7h14M5 7l-3 7a3 3 0 0 0 6 0zM19 7l-3 7a3 3 0 0 0 6 0z",
    ),
    Need(
        "online",
        _("Someone has my pictures or is threatening me online"),
        ("helpline", "psychosocial_support", "legal_aid"),
        "M7 2h10v20H7z M11 18h2 M12 6l3 1.5v2c0 2-1.5 3.5-3 4-1.5-.5-3-2-3-4v-2z",
    ),
    Need(
        "friend",
        _("Help for a friend"),
        ("helpline", "psychosocial_support"),
        "M8 11a3 3 0 1 0 0-.1M16 11a3 3 0 1 0 0-.1M2 20a6 6 0 0 1 12 0M10 20a6 6 0 0 1 12 0",
    ),
    Need(
        "abroad",
        _("I am from another country"),
        ("safe_accommodation", "legal_aid", "helpline", "guardian", "interpretation"),
        "M12 3a9 9 0 1 0 0 18 9 9 0 1 0 0-18M3 12h18M12 3c3 3 3 15 0 18M12 3c-3 3-3 15 0 18",
    ),
)
BY_CODE = {need.code: need for need in NEEDS}
