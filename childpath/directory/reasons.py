"""Sentences for the search reasons of ranking.py, translated at display time."""

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from childpath.directory.ranking import Reason
from childpath.directory.taxonomy_data import term_name
from childpath.lib.geo import language_name


def _ages(span: str | None) -> str:
    if span is None:
        return _("No age limit")
    low, high = span.split("-")
    if low and high:
        return _("Ages %(low)s to %(high)s") % {"low": low, "high": high}
    if low:
        return _("Ages %(low)s and older") % {"low": low}
    return _("Ages up to %(high)s") % {"high": high}


def fit_text(reason: Reason) -> str:
    value = reason.value
    match reason.code:
        case "need":
            return _("Offers %(need)s") % {"need": term_name(str(value))}
        case "distance":
            return _("%(km)s km away") % {"km": number_format(value or 0, 1)}
        case "remote":
            return _("Reachable from anywhere, by phone or online")
        case "language":
            return _("Speaks %(language)s") % {"language": language_name(str(value))}
        case "age":
            return _ages(None if value is None else str(value))
        case "always_open":
            return _("Open 24/7")
        case "open_now":
            return _("Open now")
        case "emergency":
            return _("Takes emergencies")
        case "trafficking_specialist":
            return _("Specialised in trafficking and sexual exploitation")
        case "free":
            return _("Free of charge")
    return reason.code


def miss_text(reason: Reason) -> str:
    value = reason.value
    match reason.code:
        case "language":
            return _("Does not list %(language)s") % {"language": language_name(str(value))}
        case "age":
            return _("Only for: %(ages)s") % {"ages": _ages(None if value is None else str(value))}
        case "closed_now":
            return _("Closed now")
        case "hours_unknown":
            return _("Opening hours not known")
        case "not_emergency":
            return _("Not an emergency service")
        case "gender":
            return _("Girls only") if value == "female" else _("Boys only")
    return reason.code
