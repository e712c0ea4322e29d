"""The auditor's page: the audit trail with filters, its CSV export and the chain's state."""

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from childpath.audit.verify import verify
from childpath.auditing import selectors, services
from childpath.auditing.access import auditor
from childpath.auditing.forms import FilterForm
from childpath.lib.pagination import page_number, window

PAGE_SIZE = 50


@login_required
def events(request: HttpRequest) -> HttpResponse:
    user = auditor(request)
    form = FilterForm(request.GET or None)
    filters = form.filters()
    services.record_audit_read(actor=user, filters=filters)
    page = window(selectors.events(filters), page_number(request.GET.get("page")), PAGE_SIZE)
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "page": page,
        "query": query.urlencode(),
        "actions": selectors.actions(),
        "state": request.session.pop("audit_state", None),
    }
    return render(request, "auditing/events.html", context, status=400 if form.errors else 200)


@login_required
def export(request: HttpRequest) -> StreamingHttpResponse:
    user = auditor(request)
    filters = FilterForm(request.GET or None).filters()
    services.record_audit_read(actor=user, filters=filters, purpose="csv export")
    response = StreamingHttpResponse(
        selectors.csv_lines(selectors.events(filters)), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="childpath-audit.csv"'
    return response


@login_required
@require_POST
def verify_chain(request: HttpRequest) -> HttpResponse:
    user = auditor(request)
    state = verify()
    services.record_verification(actor=user)
    request.session["audit_state"] = {"intact": state.intact, "message": state.message}
    if state.intact:
        messages.success(request, _("The audit chain is intact."))
    else:
        messages.error(request, _("The audit chain is broken. Tell the system owner."))
    return redirect("audit-events")


class EnrolView(auth_views.PasswordResetConfirmView):
    """Choose a password from an enrolment or reset link (sent to the person's own address;
    an administrator never sets it)."""

    template_name = "auditing/enrol.html"
    success_url = reverse_lazy("login")
    post_reset_login = False
    title = gettext_lazy("Choose your password")

    def form_valid(self, form):  # type: ignore[no-untyped-def]
        response = super().form_valid(form)
        messages.success(self.request, _("Your password is set. You can sign in now."))
        return response
