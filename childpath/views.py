"""The home page, liveness and the state of one's own session."""

from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

from childpath.accounts.models import Role, User
from childpath.cases.views import home_cases, stage_counts
from childpath.lib import slots


@login_required
def home(request: HttpRequest) -> HttpResponse:
    user = request.user
    assert isinstance(user, User)
    context: dict[str, object] = {}
    if user.may_see_cases:
        context.update(home_cases(user))
    elif user.role == Role.ANALYST:
        context["stages"] = stage_counts()
    # Cards the outer apps register (children without a pathway, turning 18, ...).
    context["cards"] = slots.fill("home", request)
    return render(request, "home.html", context)


def healthz(request: HttpRequest) -> HttpResponse:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


@login_required
def session_status(request: HttpRequest) -> HttpResponse:
    """The signed-in person's session: who, and how many seconds of inactivity are left.

    The cheapest signed-in view there is (the session and the user, no case data): a page
    script can warn before the idle timeout, and the benchmarks measure the fixed cost of a
    signed-in request with it.
    """
    user = request.user
    assert isinstance(user, User)
    return JsonResponse(
        {"username": user.get_username(), "expires_in": request.session.get_expiry_age()},
        headers={"Cache-Control": "no-store"},
    )
