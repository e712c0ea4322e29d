"""The fictional demo instance (jurisdiction Sweden). Every name here is invented; family
names mean "example" in the children's languages so nobody mistakes them for real data."""

from datetime import date
from typing import Any

from childpath.accounts.models import Role, Sector

PASSWORD = "childpath-demo"  # noqa: S105  (a published demo password, by design)

# (key, name, sector, may_identify, is_focal_point, is_service_provider)
ORGANISATIONS = [
    ("social", "Norrvik Social Services (fictional)", Sector.SOCIAL_SERVICES, True, False, True),
    ("ngo", "Safe Harbour Children's Rights NGO (fictional)", Sector.NGO, True, False, True),
    ("police", "Norrvik Police District (fictional)", Sector.POLICE, True, False, False),
    ("hospital", "Norrvik Children's Hospital (fictional)", Sector.HEALTH, False, False, True),
    ("school", "Ekby Upper School (fictional)", Sector.EDUCATION, False, False, False),
    ("barnahus", "Norrvik Barnahus (fictional)", Sector.BARNAHUS, True, False, True),
    ("guardian", "Norrvik Guardian Service (fictional)", Sector.GUARDIAN, False, False, True),
    (
        "shelter",
        "Lighthouse Shelter for Young People (fictional)",
        Sector.SHELTER,
        False,
        False,
        True,
    ),
    (
        "focal",
        "National Focal Point for Trafficking (fictional)",
        Sector.GOVERNMENT,
        False,
        True,
        False,
    ),
    (
        "rapporteur",
        "Office of the National Rapporteur (fictional)",
        Sector.GOVERNMENT,
        False,
        False,
        False,
    ),
    ("system", "Childpath System Owner (fictional)", Sector.GOVERNMENT, False, False, False),
]

# Fictional contacts of the demo's users: addresses under a reserved domain (RFC 2606), phone
# numbers in a range no operator uses.
MAIL_DOMAIN = "norrvik.demo.invalid"
PHONE_PREFIX = "+46 00 000 00"

# (username, first, last, organisation key, role)
USERS = [
    ("teacher.anna", "Anna", "Lärare", "school", Role.FRONTLINE),
    ("nurse.omar", "Omar", "Sjuksköterska", "hospital", Role.FRONTLINE),
    ("police.erik", "Erik", "Polis", "police", Role.FRONTLINE),
    ("caseworker.sara", "Sara", "Handläggare", "social", Role.CASEWORKER),
    ("coordinator.lena", "Lena", "Samordnare", "social", Role.COORDINATOR),
    ("ngo.amir", "Amir", "Stödperson", "ngo", Role.CASEWORKER),
    ("panel.maria", "Maria", "Beslutsfattare", "barnahus", Role.DECISION_PANEL),
    ("shelter.nora", "Nora", "Boende", "shelter", Role.SERVICE_PROVIDER),
    ("focal.jonas", "Jonas", "Kontaktpunkt", "focal", Role.FOCAL_POINT),
    ("analyst.ida", "Ida", "Analytiker", "rapporteur", Role.ANALYST),
    ("admin.karl", "Karl", "Administratör", "system", Role.ADMINISTRATOR),
    ("auditor.eva", "Eva", "Dataskyddsombud", "system", Role.AUDITOR),
]

# Fictional children. Each dict: who registers, the child, the encounter, and what follows.
CHILDREN: list[dict[str, Any]] = [
    {
        "by": "teacher.anna",
        "lead": "social",
        "coordinator": "coordinator.lena",
        "screening": {
            "by": "coordinator.lena",
            "age_at_exploitation": 16,
            "observations": {
                "onl_older_online_contact": "reported",
                "onl_gifts_or_credit": "observed",
                "onl_secrecy_requested": "reported",
                "onl_image_requests": "suspected",
                "cse_false_romantic_relationship": "suspected",
                "risk_out_of_school": "observed",
                "risk_older_partner_or_unexplained_money": "observed",
                "cse_sold_for_sex": "unknown",
            },
        },
        "child": {
            "given_names": "Mira",
            "family_name": "Exempel",
            "sex": "female",
            "date_of_birth": date(2010, 3, 14),
            "citizenship": "SE",
            "languages": ["sv"],
            "migration_status": "national",
            "unaccompanied": "no",
        },
        "encounter": {
            "came_to_notice": "school",
            "days_ago": 12,
            "place": "Ekby Upper School (fictional)",
            "observations": "Often absent on Mondays; new expensive phone; talks about an older "
            "boyfriend met in a game chat who asks her to keep secrets. (Fictional.)",
        },
    },
    {
        "by": "police.erik",
        "lead": "social",
        "coordinator": None,
        "screening": {
            "by": "police.erik",
            "age_at_exploitation": None,
            "observations": {
                "clc_forced_criminality": "observed",
                "clc_no_access_to_parents": "reported",
                "clc_violence_or_threats": "reported",
                "clc_documents_taken": "suspected",
                "risk_unaccompanied_migrant": "observed",
                "risk_fleeing_war": "reported",
            },
        },
        "child": {
            "given_names": "Oleksandr",
            "family_name": "Приклад",
            "sex": "male",
            "claimed_age": 16,
            "age_disputed": True,
            "citizenship": "UA",
            "languages": ["uk", "ru"],
            "migration_status": "temporary_protection",
            "unaccompanied": "yes",
            "aliases": ["Sasha"],
        },
        "encounter": {
            "came_to_notice": "police",
            "days_ago": 3,
            "place": "Norrvik central station (fictional)",
            "observations": "Found at night selling small packages; no documents; an adult "
            "collected his money. Says he is 16. (Fictional.)",
        },
    },
    {
        "by": "nurse.omar",
        "lead": "social",
        "coordinator": "caseworker.sara",
        "child": {
            "given_names": "Elena",
            "family_name": "Пример",
            "sex": "female",
            "date_of_birth": date(2009, 8, 2),
            "citizenship": "BG",
            "languages": ["bg", "rom"],
            "migration_status": "eu_citizen",
            "unaccompanied": "unknown",
        },
        "encounter": {
            "came_to_notice": "health",
            "days_ago": 30,
            "place": "Emergency department (fictional)",
            "observations": "Came with an older woman who answered every question; injuries "
            "not explained; a tattoo of a name on her wrist. (Fictional.)",
        },
    },
    {
        "by": "caseworker.sara",
        "lead": None,
        "coordinator": "coordinator.lena",
        "screening": {
            "by": "caseworker.sara",
            "age_at_exploitation": 15,
            "observations": {
                "cse_false_romantic_relationship": "reported",
                "cse_sold_for_sex": "reported",
                "cse_no_control_of_earnings": "reported",
                "cse_cannot_refuse": "reported",
                "risk_family_involved_in_exploitation": "reported",
            },
        },
        "child": {
            "given_names": "Ana",
            "family_name": "Primer",
            "sex": "female",
            "date_of_birth": date(2006, 11, 1),
            "citizenship": "RS",
            "languages": ["sr"],
            "migration_status": "eu_citizen",
            "unaccompanied": "no",
        },
        "encounter": {
            "came_to_notice": "self",
            "days_ago": 5,
            "place": "",
            "observations": "Now 20. Tells of being sold for sex by her stepfather's friend "
            "from age 15. (Fictional.)",
        },
    },
    {
        "by": "ngo.amir",
        "lead": "social",
        "coordinator": None,
        "child": {
            "given_names": "",
            "family_name": "",
            "sex": "unknown",
            "citizenship": "",
            "languages": ["ar"],
            "migration_status": "undocumented",
            "unaccompanied": "yes",
            "aliases": ["'Sami' (name used online)"],
        },
        "encounter": {
            "came_to_notice": "outreach",
            "days_ago": 1,
            "place": "Harbour area (fictional)",
            "observations": "Young person sleeping in a car park; would not give name or age. "
            "(Fictional.)",
        },
    },
    {
        "by": "teacher.anna",
        "lead": "social",
        "coordinator": "caseworker.sara",
        "screening": {
            "by": "caseworker.sara",
            "age_at_exploitation": None,
            "observations": {
                "risk_running_away": "observed",
                "risk_out_of_school": "observed",
                "risk_behaviour_changed": "reported",
                "cse_sold_for_sex": "not_observed",
                "clc_forced_criminality": "unknown",
            },
        },
        "child": {
            "given_names": "Luis",
            "family_name": "Ejemplo",
            "sex": "male",
            "date_of_birth": date(2012, 5, 20),
            "citizenship": "ES",
            "languages": ["es", "sv"],
            "migration_status": "eu_citizen",
            "unaccompanied": "no",
        },
        "encounter": {
            "came_to_notice": "school",
            "days_ago": 45,
            "place": "Ekby Upper School (fictional)",
            "observations": "Ran away from home twice this term; out of school for weeks. "
            "(Fictional.)",
        },
    },
    {
        # Turns 18 soon without a handover plan: childpath/age_assessment/demo.py records her
        # date of birth (from her passport, found later) relative to the day of the first load.
        "by": "caseworker.sara",
        "lead": None,
        "coordinator": "coordinator.lena",
        "child": {
            "given_names": "Leyla",
            "family_name": "Örnek",
            "sex": "female",
            "claimed_age": 17,
            "citizenship": "TR",
            "languages": ["tr", "sv"],
            "migration_status": "asylum_seeker",
            "unaccompanied": "yes",
        },
        "encounter": {
            "came_to_notice": "social_services",
            "days_ago": 60,
            "place": "",
            "observations": "Made to work unpaid in a relative's restaurant; now in a foster "
            "home. Says she is 17. (Fictional.)",
        },
    },
    {
        # Referred to Serbia: childpath/exchange/demo.py records his caseworker's request to
        # the national focal point, waiting for focal.jonas to send it.
        "by": "police.erik",
        "lead": "social",
        "coordinator": "coordinator.lena",
        "child": {
            "given_names": "Stefan",
            "family_name": "Primer",
            "sex": "male",
            "date_of_birth": date(2011, 3, 14),
            "citizenship": "RS",
            "languages": ["sr"],
            "migration_status": "undocumented",
            "unaccompanied": "yes",
            "contacts": "Fictional: an aunt's telephone number in Novi Grad, written on his arm.",
        },
        "encounter": {
            "came_to_notice": "police",
            "days_ago": 3,
            "place": "Norrvik bus station (fictional)",
            "observations": "Alone at night, no papers; says adults brought him to sell goods "
            "on the street and kept the money. Wants to go back to his aunt. (Fictional.)",
        },
    },
]
