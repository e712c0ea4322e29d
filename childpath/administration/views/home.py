from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from childpath.accounts.models import Organisation, User
from childpath.administration.access import administrator_only
from childpath.administration.models import ImportJob
from childpath.administration.profile import profile_facts
from childpath.directory.models import Service


@administrator_only
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    counts = {
        "organisations": Organisation.objects.count(),
        "users": User.objects.filter(is_active=True).count(),
        "services": Service.objects.filter(retired_at__isnull=True).count(),
    }
    imports = ImportJob.objects.select_related("started_by").defer("content")[:5]
    return render(request, "administration/home.html", {"counts": counts, "imports": imports})


@administrator_only
@require_GET
def profile(request: HttpRequest) -> HttpResponse:
    return render(request, "administration/profile.html", {"facts": profile_facts()})
