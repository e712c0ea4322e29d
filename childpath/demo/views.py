"""The demo's own pages: the e-mails it sent (only on the demo instance)."""

from pathlib import Path

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET

from childpath.demo import mailbox


def _require_demo() -> None:
    # Off the demo the page does not exist: a real instance's e-mail is nobody's to browse.
    if not settings.CHILDPATH_DEMO:
        raise Http404


def mail_list(request: HttpRequest) -> HttpResponse:
    """What the demo sent, newest first. Signed-in only: even demo e-mails hold one-time
    links that set a password on a demo account."""
    _require_demo()
    return _mail_list(request)


@login_required
@require_GET
def _mail_list(request: HttpRequest) -> HttpResponse:
    folder = Path(getattr(settings, "EMAIL_FILE_PATH", "") or settings.BASE_DIR / "var" / "mail")
    files_backend = settings.EMAIL_BACKEND == "django.core.mail.backends.filebased.EmailBackend"
    mails = mailbox.read(folder) if files_backend else []
    context = {"mails": mails, "files_backend": files_backend, "limit": mailbox.LIMIT}
    return render(request, "demo/mail.html", context)


def home_mail(request: HttpRequest) -> dict[str, str] | None:
    """The home page card that leads a tester to the sent e-mails (demo only)."""
    if not settings.CHILDPATH_DEMO:
        return None
    return {"url": reverse("demo-mail")}
