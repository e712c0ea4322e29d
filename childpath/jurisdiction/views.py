"""The active jurisdiction profile, for every signed-in user: the rules everyone works under."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from childpath.jurisdiction.active import current_profile
from childpath.jurisdiction.presenters import profile_data
from childpath.lib import slots


@login_required
def profile_page(request: HttpRequest) -> HttpResponse:
    context = {
        "profile": profile_data(current_profile()),
        # The indicator catalogue's change log, from the screening app.
        "sections": slots.fill("rules", request),
    }
    return render(request, "jurisdiction/profile.html", context)
