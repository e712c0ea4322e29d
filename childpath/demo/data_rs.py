"""The fictional Serbian demo instance, paired with the Swedish one for cross-border referrals.
Every name here is invented ("Novi Grad" is not a real municipality; "Primer" means
"example"). Organisation names are given in Serbian (Latin script) with English beside them."""

from datetime import date
from typing import Any

from childpath.accounts.models import Role, Sector

# Apps whose demo part applies to this instance (the Swedish parts name Swedish children).
EXTENSIONS = ("signin", "exchange")

# (key, name, sector, may_identify, is_focal_point, is_service_provider)
ORGANISATIONS = [
    (
        "social",
        "Centar za socijalni rad Novi Grad / Novi Grad Centre for Social Work (fictional)",
        Sector.SOCIAL_SERVICES,
        True,
        False,
        True,
    ),
    (
        "ngo",
        "Udruženje Putokaz / Signpost Association (fictional)",
        Sector.NGO,
        False,
        False,
        True,
    ),
    (
        "shelter",
        "Prihvatilište Most za decu / Bridge Children's Shelter (fictional)",
        Sector.SHELTER,
        False,
        False,
        True,
    ),
    (
        "focal",
        "Nacionalna kontakt tačka za trgovinu ljudima / National Focal Point (fictional)",
        Sector.GOVERNMENT,
        False,
        True,
        False,
    ),
    (
        "system",
        "Vlasnik sistema Childpath RS / Childpath RS System Owner (fictional)",
        Sector.GOVERNMENT,
        False,
        False,
        False,
    ),
]

# Fictional contacts (see data.py).
MAIL_DOMAIN = "novigrad.demo.invalid"
PHONE_PREFIX = "+381 00 000 00"

# (username, first, last, organisation key, role)

USERS = [
    ("focal.milica", "Milica", "Kontakt", "focal", Role.FOCAL_POINT),
    ("csr.marko", "Marko", "Savetnik", "social", Role.CASEWORKER),
    ("koordinator.jelena", "Jelena", "Koordinator", "social", Role.COORDINATOR),
    ("putokaz.ivana", "Ivana", "Podrška", "ngo", Role.CASEWORKER),
    ("admin.dragan", "Dragan", "Administrator", "system", Role.ADMINISTRATOR),
]

# One child known here already: Stefan, registered by the Novi Grad centre a year ago, in
# Cyrillic. The Swedish focal point can ask "is this child known in Serbia?" from his Swedish
# case (a match query through the federation: keyed encodings, never his name) and finds
# this case's reference. Other children arrive from Sweden in the tour.
CHILDREN: list[dict[str, Any]] = [
    {
        "by": "csr.marko",
        "lead": "social",
        "coordinator": "koordinator.jelena",
        "child": {
            "given_names": "Стефан",
            "family_name": "Пример",
            "sex": "male",
            "date_of_birth": date(2011, 3, 14),
            "citizenship": "RS",
            "languages": ["sr"],
            "unaccompanied": "no",
        },
        "encounter": {
            "came_to_notice": "social_services",
            "days_ago": 400,
            "place": "Novi Grad (fictional)",
            "observations": "Reported missing by his aunt, who looked after him; last seen "
            "with adults who promised him work abroad. (Fictional.)",
        },
    },
]
