"""The one way views and the API fetch a case (STYLE.md practice 1)."""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404

from childpath.accounts.models import User
from childpath.cases.models import Case


def case_user(request: Any) -> User:
    """The signed-in user of a page or API request that works with cases.

    Analysts and administrators never see a single case (DESIGN.md section 3): 403.
    """
    user = request.user
    if not isinstance(user, User) or not user.may_see_cases:
        raise PermissionDenied
    return user


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
