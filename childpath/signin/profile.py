"""The signed-in person's own profile: work phone, work e-mail and the language of e-mails.
Parse, call the audited service, render (STYLE.md practice 3)."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from childpath.accounts.forms import ProfileForm
from childpath.accounts.models import User
from childpath.auditing import accounts
from childpath.lib.urls import path_of


@never_cache
@login_required
def profile_view(request: HttpRequest) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    if request.method == "POST":
        form = ProfileForm(request.POST, instance=user)
        if form.is_valid():
            accounts.save_profile(actor=form.save(commit=False), changed=form.changed_data)
            messages.success(request, _("Your profile is saved."))
            return redirect("account-profile")
        # Bad input changes nothing: the form's errors, the account as it was.
        user.refresh_from_db()
        return render(request, "signin/profile.html", {"form": form}, status=400)
    return render(request, "signin/profile.html", {"form": ProfileForm(instance=user)})


def nav_profile(request: HttpRequest) -> dict[str, Any] | None:
    """The menu link to one's own profile."""
    if not request.user.is_authenticated:
        return None
    return {"url": path_of("account-profile"), "label": _("Your profile")}
