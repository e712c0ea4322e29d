"""The translated message of each error code of the statistics (periods, tables, releases)."""

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

MESSAGES: dict[str, Promise] = {
    "bad_date": _("Write the date as YYYY-MM-DD (or a month as YYYY-MM)."),
    "bad_quarter": _("Choose a quarter such as 2026-Q1."),
    "bad_year": _("Choose a year such as 2026."),
    "both_dates": _("Give both the first and the last date of the period."),
    "ends_before_start": _("The period ends before it starts."),
    "future": _("The period lies in the future: there are no figures for it yet."),
    "too_long": _("Choose a period from the year 2000 on, of at most ten years."),
    "unknown_table": _("There is no such table."),
    "unknown_breakdown": _("This table cannot be broken down that way."),
    "unknown_organisation": _("There is no such organisation."),
    "title": _("Give the release a title."),
    "title_long": _("The title is too long (at most 200 characters)."),
    "method": _("Choose how the figures are protected."),
    "period_open": _("A release is frozen: choose a period that has ended."),
    "rounding": _("Round to a multiple from 2 to 100."),
    "epsilon_range": _("Epsilon must be from 0.01 to 10."),
    "epsilon_budget": _("This epsilon is more than the privacy budget left for the period."),
    "unknown_release": _("There is no such release to correct."),
    "already_corrected": _("This release has already been corrected: correct the newest one."),
    "malformed": _("This file is not a Childpath statistics release."),
    "format": _("This release uses a format this instance does not read."),
    "signature": _("The signature of this release does not match: it may have been changed."),
    "peer_key": _(
        "This release is signed with a key the federation registry does not list for "
        "that instance: it is refused."
    ),
    "same_instance": _(
        "Two of the files are releases of the same instance: combine one release per instance."
    ),
    "too_few": _("Upload at least two releases to combine."),
    "periods_differ": _("The releases cover different periods; combine releases of one period."),
    "table_missing": _("One of the releases does not contain this table."),
    "layouts_differ": _("The releases list different categories for this table."),
}


# Whose key signed a release (signing.trust), as the combine and release pages say it.
TRUST: dict[str, Promise] = {
    "own": _("Signed with this instance's federation key."),
    "own_earlier": _(
        "Signed with this instance's earlier statistics key (before releases were "
        "signed with the federation key)."
    ),
    "verified": _("Verified: signed with the key the federation registry holds for %(peer)s."),
    "unconfirmed": _(
        "Not verified: the fingerprint of %(peer)s has not been confirmed in the "
        "federation registry, or the peer is not active."
    ),
    "unknown": _("Not verified: this instance is not in the federation registry."),
}


def trust_message(status: str, peer: str = "") -> str:
    return str(TRUST[status]) % {"peer": peer}


def message(code: str) -> str:
    return str(MESSAGES.get(code, _("The request is not valid.")))
