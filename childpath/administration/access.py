"""The one access rule of these pages: the administrator role (or a superuser), signed in.

Everyone else signed in gets 403, whatever the address names: these pages say nothing about
which organisations, accounts or jobs exist to anyone who may not manage them.
"""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

from childpath.accounts.admin import is_administrator
from childpath.accounts.models import User

View = Callable[..., HttpResponse]


def administrator_only(view: View) -> View:
    @login_required
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not is_administrator(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


def actor(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)
    return user
