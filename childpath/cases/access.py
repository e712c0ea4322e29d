"""The one way views and the API fetch a case (STYLE.md practice 1, DESIGN.md 6.3).

``case_for(user, reference)`` returns the case with what the user may do with it, in one
query: 404 when the user may not see it (the same answer as "no such case"). The answer is
kept on the case, so the service the view then calls (``require_edit``) does not ask again:
a POST checks access once.
"""

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import BooleanField, ExpressionWrapper
from django.http import Http404

from childpath.accounts.models import User
from childpath.cases.models import Case


def case_user(request: Any) -> User:
    """The signed-in user of a page or API request that works with cases.

    Analysts, administrators and auditors never see a single case (DESIGN.md section 3): 403.
    """
    user = request.user
    if not isinstance(user, User) or not user.may_see_cases:
        raise PermissionDenied
    return user


@dataclass(frozen=True)
class CaseAccess:
    """A case and what one user may do with it."""

    case: Case
    user: User
    may_edit: bool
    may_manage_team: bool

    def require_edit(self) -> None:
        """403 for a member of the team whose access is read-only."""
        if not self.may_edit:
            raise PermissionDenied

    def require_team(self) -> None:
        """403 for anyone but the coordinator and the lead agency's caseworkers."""
        if not self.may_manage_team:
            raise PermissionDenied


def case_for(user: User, reference: str, *, with_identity: bool = False) -> CaseAccess:
    """The case and the user's rights on it, in one query; 404 if the user may not see it.

    ``with_identity`` fetches the child's identity in the same query (it is decrypted as it
    is read, so only for a page that shows it: the case page).
    """
    cases = Case.objects
    related = ["coordinator__organisation", "created_by_organisation"]
    if with_identity:
        related.append("identity")
    visible = cases.visible_to(user, per_row=True)
    if not visible.query.is_empty():
        # The rules as columns of the case's own row: no second and third reading of it.
        visible = visible.annotate(
            _may_edit=ExpressionWrapper(
                cases.editor_rule(user, per_row=True), output_field=BooleanField()
            ),
            _may_manage_team=ExpressionWrapper(
                cases.team_manager_rule(user), output_field=BooleanField()
            ),
        )
    # The reference is unique: no ORDER BY.
    found = visible.select_related(*related).filter(reference=reference).order_by()
    case = next(iter(found[:1]), None)
    if case is None:
        raise Http404
    access = CaseAccess(
        case=case,
        user=user,
        may_edit=bool(case._may_edit),  # type: ignore[attr-defined]
        may_manage_team=bool(case._may_manage_team),  # type: ignore[attr-defined]
    )
    remember(case, access)
    return access


def remember(case: Case, access: CaseAccess) -> None:
    case.checked_access = access


def known_access(user: User, case: Case) -> CaseAccess | None:
    """The answer ``case_for`` kept on this case for this user, if any."""
    access = getattr(case, "checked_access", None)
    if isinstance(access, CaseAccess) and access.user.pk == user.pk:
        return access
    return None


def get_case_for_user(user: User, reference: str) -> Case:
    """The case, if the user may see it; otherwise 404, the same answer as "no such case"."""
    return case_for(user, reference).case


def may_edit(user: User, case: Case) -> bool:
    known = known_access(user, case)
    if known is not None:
        return known.may_edit
    return Case.objects.editable_by(user, per_row=True).filter(pk=case.pk).exists()


def may_manage_team(user: User, case: Case) -> bool:
    known = known_access(user, case)
    if known is not None:
        return known.may_manage_team
    return Case.objects.team_managed_by(user, per_row=True).filter(pk=case.pk).exists()
