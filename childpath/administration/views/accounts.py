from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from django_otp.plugins.otp_totp.models import TOTPDevice

from childpath.accounts.models import User
from childpath.administration import services
from childpath.administration.access import actor, administrator_only
from childpath.administration.forms import AccountForm, InviteForm, ReasonForm, UserFilterForm
from childpath.administration.views.forms_errors import add_errors
from childpath.administration.views.paging import page_of


def _account(request: HttpRequest, username: str) -> User:
    user = get_object_or_404(User, username=username)
    if user.is_superuser and not actor(request).is_superuser:
        raise PermissionDenied  # a superuser is managed by a superuser only
    return user


@administrator_only
@require_http_methods(["GET"])
def user_list(request: HttpRequest) -> HttpResponse:
    form = UserFilterForm(request.GET or None)
    people = User.objects.order_by("last_name", "first_name", "username")
    status = ""
    if form.is_valid():
        data = form.cleaned_data
        if data["q"]:
            people = people.filter(
                Q(username__icontains=data["q"])
                | Q(first_name__icontains=data["q"])
                | Q(last_name__icontains=data["q"])
                | Q(email__icontains=data["q"])
            )
        if data["role"]:
            people = people.filter(role=data["role"])
        if data["organisation"]:
            people = people.filter(organisation=data["organisation"])
        status = data["status"]
    if status == "inactive":
        people = people.filter(is_active=False)
    elif status != "all":
        people = people.filter(is_active=True)
    query = request.GET.copy()
    query.pop("page", None)
    context = {"form": form, "page": page_of(request, people), "query": query.urlencode()}
    return render(request, "administration/users.html", context)


@administrator_only
@require_http_methods(["GET", "POST"])
def user_invite(request: HttpRequest) -> HttpResponse:
    form = InviteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = services.invite(actor=actor(request), user=form.save(commit=False))
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(
                request,
                _("The account %(username)s is open. The enrolment link is sent to %(email)s.")
                % {"username": user.username, "email": user.email},
            )
            return redirect("administration-user", username=user.username)
    return render(request, "administration/user_invite.html", {"form": form})


@administrator_only
@require_http_methods(["GET", "POST"])
def user_edit(request: HttpRequest, username: str) -> HttpResponse:
    user = _account(request, username)
    form = AccountForm(request.POST or None, instance=user)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_account(
                actor=actor(request), user=form.save(commit=False), changed=form.changed_data
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(
                request, _("The account %(username)s is saved.") % {"username": username}
            )
            return redirect("administration-user", username=username)
    context = {
        "form": form,
        "account": user,
        "authenticators": TOTPDevice.objects.filter(user=user, confirmed=True).count(),
    }
    return render(request, "administration/user_edit.html", context)


@administrator_only
@require_http_methods(["GET", "POST"])
def user_deactivate(request: HttpRequest, username: str) -> HttpResponse:
    user = _account(request, username)
    errors: list[str] = []
    if request.method == "POST":
        try:
            services.deactivate_account(actor=actor(request), user=user)
        except ValidationError as error:
            errors = error.messages
        else:
            messages.success(
                request,
                _("The account %(username)s is deactivated; its API tokens are revoked.")
                % {"username": username},
            )
            return redirect("administration-user", username=username)
    context = {"account": user, "errors": errors}
    return render(request, "administration/user_deactivate.html", context)


@administrator_only
@require_POST
def user_reactivate(request: HttpRequest, username: str) -> HttpResponse:
    user = _account(request, username)
    try:
        services.reactivate_account(actor=actor(request), user=user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, _("The account %(username)s is active again.") % {"username": username}
        )
    return redirect("administration-user", username=username)


@administrator_only
@require_POST
def user_password_link(request: HttpRequest, username: str) -> HttpResponse:
    user = _account(request, username)
    try:
        services.send_password_link(actor=actor(request), user=user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("A link to choose a new password is sent to %(email)s.") % {"email": user.email},
        )
    return redirect("administration-user", username=username)


@administrator_only
@require_http_methods(["GET", "POST"])
def user_two_factor_reset(request: HttpRequest, username: str) -> HttpResponse:
    user = _account(request, username)
    form = ReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.reset_two_factor(
                actor=actor(request), user=user, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(
                request,
                _(
                    "The two-factor sign-in of %(username)s is reset. They set up a new "
                    "authenticator app at their next sign-in."
                )
                % {"username": username},
            )
            return redirect("administration-user", username=username)
    return render(request, "administration/user_two_factor.html", {"form": form, "account": user})
