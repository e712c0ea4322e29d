"""The one way views and the API fetch a case (STYLE.md practice 1)."""

from django.http import Http404

from childpath.accounts.models import User
from childpath.cases.models import Case


def get_case_for_user(user: User, reference: str) -> Case:
    """The case, if the user may see it; otherwise 404, the same answer as "no such case"."""
    case = (
        Case.objects.visible_to(user, per_row=True)
        .select_related("coordinator__organisation", "created_by_organisation")
        .filter(reference=reference)
        .first()
    )
    if case is None:
        raise Http404
    return case


def may_edit(user: User, case: Case) -> bool:
    return Case.objects.editable_by(user, per_row=True).filter(pk=case.pk).exists()
