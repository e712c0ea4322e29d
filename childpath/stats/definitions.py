"""The standard tables: each defined once, here, with its definition beside it, the same in
every instance (DESIGN.md 6.7), so that countries' published tables add up.

A *breakdown* is a field of the roll-up (``CaseFact`` or ``ReferralFact``) with its categories,
in a fixed order (every category is listed, zero or not: the layout of a table never depends on
the data, which disclosure control relies on). A *table* counts one unit (children or
referrals) in one universe, by one breakdown; any table can be cross-tabulated by one other
breakdown of the same unit. The HTCDS name of each breakdown is used in the JSON release.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Q
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from childpath.cases.models import CameToNotice, Sex, YesNoUnknown
from childpath.directory.taxonomy_data import SERVICE_TYPE_TERMS
from childpath.identification import htcds
from childpath.referrals.models import Status as ReferralStatus
from childpath.referrals.models import Urgency
from childpath.stats import exploitation
from childpath.stats.facts import CTDC_BANDS

CHILDREN, REFERRALS = "children", "referrals"
Categories = tuple[tuple[str, Promise | str], ...]


@dataclass(frozen=True)
class Breakdown:
    name: str
    unit: str
    field: str
    label: Promise
    htcds: str
    categories: Categories | Callable[[], Categories]
    # Values counted under another category (presumed and identified are "registered").
    merge: dict[str, str] = dataclasses.field(default_factory=dict)
    # A category that is the total of other tables: never hidden as a partner.
    fixed: str | None = None

    def category_list(self) -> Categories:
        if isinstance(self.categories, tuple):
            return self.categories
        return self.categories()


@dataclass(frozen=True)
class Table:
    name: str
    title: Promise
    definition: Promise
    breakdown: str
    universe: Q
    unit: str = CHILDREN


UNKNOWN: Promise = _("Not known")
REGISTERED = Q(status__in=["presumed", "identified"])
EVERY = Q()


def _countries(field_name: str) -> Categories:
    """The ten most frequent countries over all time (the same list for every period at a
    given moment, so two periods' tables line up), then "other countries"."""
    from childpath.stats.selectors import top_countries

    codes = top_countries(field_name)
    return (*((code, code) for code in codes), ("other", _("Other countries")))


BREAKDOWNS: dict[str, Breakdown] = {
    b.name: b
    for b in (
        Breakdown(
            "status", CHILDREN, "status", _("Status"), "TraffickingStatus",
            (("registered", _("Registered victims (presumed and identified)")),
             ("at_risk", _("At risk")), ("not_victim", _("Not a victim of trafficking")),
             ("none", _("No status yet"))),
            merge={"presumed": "registered", "identified": "registered"}, fixed="registered",
        ),
        Breakdown(
            "legal_status", CHILDREN, "status", _("Legal status"), "TraffickingStatus",
            (("presumed", _("Presumed victim")), ("identified", _("Identified victim"))),
        ),
        Breakdown("sex", CHILDREN, "sex", _("Sex"), "Gender", tuple(Sex.choices)),
        Breakdown(
            "age_group", CHILDREN, "age_group", _("Child or adult at the exploitation"),
            "AgeWhenTrafficked",
            (("child", _("Child")), ("adult", _("Adult")),
             ("unknown", _("Age not known (treated as a child)"))),
        ),
        Breakdown(
            "age_eurostat", CHILDREN, "age_eurostat", _("Age band (Eurostat)"),
            "AgeWhenTrafficked",
            (("0-11", "0-11"), ("12-17", "12-17"), ("18+", "18+"), ("unknown", UNKNOWN)),
        ),
        Breakdown(
            "age_ctdc", CHILDREN, "age_ctdc", _("Age band (CTDC)"), "AgeWhenTrafficked",
            (*((band, band) for _top, band in CTDC_BANDS), ("48+", "48+"),
             ("unknown", UNKNOWN)),
        ),
        Breakdown(
            "citizenship", CHILDREN, "citizenship_group", _("Citizenship"), "Citizenship",
            (("national", _("This country")), ("eu", _("Another EU country")),
             ("non_eu", _("Outside the EU")), ("unknown", UNKNOWN)),
        ),
        Breakdown(
            "citizenship_country", CHILDREN, "citizenship", _("Country of citizenship"),
            "Citizenship", lambda: _countries("citizenship"),
        ),
        Breakdown(
            "exploitation", CHILDREN, "exploitation", _("Form of exploitation"),
            "TypeOfExploitation",
            ((exploitation.SEXUAL, _("Sexual exploitation")),
             (exploitation.ONLINE_SEXUAL, _("Online sexual exploitation")),
             (exploitation.FORCED_LABOUR, _("Forced labour")),
             (exploitation.FORCED_CRIMINALITY, _("Forced criminality")),
             (exploitation.BEGGING, _("Forced begging")),
             (exploitation.FORCED_MARRIAGE, _("Forced marriage")),
             (exploitation.OTHER, _("Other forms")),
             (exploitation.NOT_ESTABLISHED, _("Not established by a screening"))),
        ),
        Breakdown(
            "online", CHILDREN, "online", _("Online or offline"), "MethodOfRecruitment",
            (("online", _("Online")), ("offline", _("Offline")), ("both", _("Both")),
             ("unknown", UNKNOWN)),
        ),
        Breakdown(
            "path", CHILDREN, "path", _("Identification path"), "IdentificationPath",
            (("social", _("Social path")), ("criminal_justice", _("Criminal justice path")),
             ("judicial", _("Judicial path")),
             ("presumption", _("Presumed only (no formal decision yet)")),
             ("unknown", UNKNOWN)),
        ),
        Breakdown(
            "deciding_sector", CHILDREN, "deciding_sector", _("Deciding sector"),
            "TraffickingStatusDecisionMakingOrg",
            ((htcds.POLICE, _("Police")), (htcds.NGO, _("NGO")),
             (htcds.COURT_OR_PROSECUTION, _("Court or prosecution")),
             (htcds.NON_POLICE_GOVERNMENT, _("Government body other than the police")),
             (htcds.OTHER, _("Other or a multi-agency panel"))),
        ),
        Breakdown(
            "came_to_notice", CHILDREN, "came_to_notice", _("How the child came to notice"),
            "IdentificationSource", tuple(CameToNotice.choices),
        ),
        Breakdown(
            "unaccompanied", CHILDREN, "unaccompanied", _("Unaccompanied"),
            "Unaccompanied", tuple(YesNoUnknown.choices),
        ),
        Breakdown(
            "service", REFERRALS, "service", _("Service type"), "ReferralServiceType",
            (*((t.code, t.name) for t in SERVICE_TYPE_TERMS), ("other", _("Other services"))),
        ),
        Breakdown(
            "urgency", REFERRALS, "urgency", _("Urgency"), "ReferralUrgency",
            tuple(Urgency.choices),
        ),
        Breakdown(
            "outcome", REFERRALS, "outcome", _("Outcome"), "ReferralStatus",
            tuple(ReferralStatus.choices),
        ),
        Breakdown(
            "partner_country", REFERRALS, "partner_country", _("Partner country"),
            "ReferredToCountry", lambda: _countries("partner_country"),
        ),
    )
}  # fmt: skip

_REG = _(
    "Children who came to notice in the period (the month the concern was recorded) and are "
    "registered victims, presumed or identified, as Eurostat counts them (crim_thb)."
)

TABLES: dict[str, Table] = {
    t.name: t
    for t in (
        Table(
            "status", _("Children by status"),
            _("Every child who came to notice in the period (the month the concern was "
              "recorded), by the status in force when the table is made: registered victims "
              "(presumed or identified, HTCDS PossibleVictimOfTrafficking and "
              "ActualVictimOfTrafficking), at risk, not a victim, or no status yet."),
            "status", EVERY,
        ),
        Table("legal_status", _("Registered victims by legal status"),
              _("Counted by presumed or formally identified.") , "legal_status", REGISTERED),
        Table("sex", _("Registered victims by sex"), _("Counted by sex as recorded."), "sex",
              REGISTERED),
        Table("age_group", _("Registered victims: child or adult"),
              _("Counted by age at the time of the exploitation (from the screening, else the "
                "age given; a disputed age counts as not known)."), "age_group", REGISTERED),
        Table("age_eurostat", _("Registered victims by age band (Eurostat)"),
              _("Counted by age at the exploitation in Eurostat's bands."), "age_eurostat",
              REGISTERED),
        Table("age_ctdc", _("Registered victims by age band (CTDC)"),
              _("Counted by age at the exploitation in the CTDC's bands."), "age_ctdc",
              REGISTERED),
        Table("citizenship", _("Registered victims by citizenship"),
              _("Counted by citizenship: this country, another EU Member State, or outside "
                "the EU."), "citizenship", REGISTERED),
        Table("citizenship_country", _("Registered victims by country of citizenship"),
              _("Counted by country (ISO 3166): the ten most frequent, then the others."),
              "citizenship_country", REGISTERED),
        Table("exploitation", _("Registered victims by form of exploitation"),
              _("Counted by the form the latest completed screening established (one form "
                "per child; the mapping of indicators to forms is kept per catalogue version)."),
              "exploitation", REGISTERED),
        Table("online", _("Registered victims: online, offline or both"),
              _("Counted by whether the screening found online indicators, others, or both."),
              "online", REGISTERED),
        Table("path", _("Registered victims by identification path"),
              _("Counted by the path of the decision in force."), "path", REGISTERED),
        Table("deciding_sector", _("Registered victims by deciding sector"),
              _("Counted by the sector of the organisation that made the decision in force "
                "(HTCDS TraffickingStatusDecisionMakingOrg)."), "deciding_sector", REGISTERED),
        Table("came_to_notice", _("Registered victims by how they came to notice"),
              _("Counted by how the child came to notice at the first contact."),
              "came_to_notice", REGISTERED),
        Table("unaccompanied", _("Registered victims: unaccompanied"),
              _("Counted by whether the child is unaccompanied."), "unaccompanied", REGISTERED),
        Table("referral_service", _("Referrals by service type"),
              _("Referrals sent in the period, by the need the service was asked to meet."),
              "service", EVERY, REFERRALS),
        Table("referral_urgency", _("Referrals by urgency"),
              _("Referrals sent in the period, by urgency."), "urgency", EVERY, REFERRALS),
        Table("referral_outcome", _("Referrals by outcome"),
              _("Referrals sent in the period, by their status when the table is made."),
              "outcome", EVERY, REFERRALS),
        Table("cross_border", _("Cross-border referrals by partner country"),
              _("Referrals sent in the period to an organisation in another country, by that "
                "country."), "partner_country", ~Q(partner_country=""), REFERRALS),
    )
}  # fmt: skip


def definition(table: Table) -> str:
    """The table's definition; the registered-victim tables open with what they count."""
    if table.universe == REGISTERED:
        return f"{_REG} {table.definition}"
    return str(table.definition)


def breakdowns_for(table: Table) -> list[Breakdown]:
    """The breakdowns a table can be cross-tabulated by: the same unit, not on its own field,
    with a fixed list of categories (not the top countries). The status table (every child)
    is not crossed by the legal status; a registered-victim table (its "registered" row) is not
    crossed by the status."""
    own = BREAKDOWNS[table.breakdown]
    excluded = {"legal_status"} if table.universe == EVERY else {"status"}
    return [
        b
        for b in BREAKDOWNS.values()
        if b.unit == table.unit
        and b.field != own.field
        and b.name not in excluded
        and isinstance(b.categories, tuple)
    ]
