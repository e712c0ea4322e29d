"""Translated labels of what a referral shares and why a case is on the pathway list."""

from collections.abc import Iterable

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from childpath.directory.models import TaxonomyTerm
from childpath.directory.taxonomy_data import BY_CODE, term_name
from childpath.referrals import lifecycle, pathways, sharing

SHARE_LABELS: dict[str, Promise] = {
    sharing.NEEDS: _("What the child needs, and why (the reason you write below)"),
    sharing.AGE: _("Age (in years, or that the child is treated as a child)"),
    sharing.SEX: _("Sex / gender"),
    sharing.LANGUAGES: _("Languages the child speaks"),
    sharing.UNACCOMPANIED: _("Whether the child is unaccompanied"),
    sharing.NAME: _("First name or the name the child uses"),
    sharing.LEAD_CONTACT: _("Name, work e-mail and work phone of the lead professional"),
}

REASON_LABELS: dict[str, Promise] = {
    pathways.OVERDUE: _("A referral is overdue"),
    pathways.DECLINED: _("A referral was declined"),
    pathways.NO_RESPONSE: _("A referral got no response"),
    pathways.NO_COORDINATOR: _("No coordinator"),
    pathways.NO_REFERRAL: _("No open referral"),
    pathways.AWAITING: _("Waiting for a service to accept"),
}


def need_labels(codes: Iterable[str]) -> dict[str, str]:
    """Names of needs (taxonomy terms) by code: Childpath's own service types translated,
    other imported terms by their stored name (one query, only if there are such terms)."""
    wanted = {code for code in codes if code}
    labels = {code: term_name(code) for code in wanted if code in BY_CODE}
    others = wanted - set(labels)
    if others:
        labels |= dict(TaxonomyTerm.objects.filter(code__in=others).values_list("code", "name"))
    return labels


# The button that moves a referral to each status.
ACTION_LABELS: dict[str, Promise] = {
    lifecycle.ACKNOWLEDGED: _("Acknowledge"),
    lifecycle.ACCEPTED: _("Accept"),
    lifecycle.DECLINED: _("Decline"),
    lifecycle.ACTIVE: _("Support has started"),
    lifecycle.COMPLETED: _("Mark completed"),
    lifecycle.WITHDRAWN: _("Withdraw"),
    lifecycle.NO_RESPONSE: _("Mark as no response"),
}
