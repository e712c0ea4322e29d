"""Administration of organisations and users, through the audited services of
``childpath.auditing.accounts``. Cases are deliberately not registered here: administrators
manage who works in Childpath, never what is recorded about a child. Nobody sets another
person's password here: the person gets an enrolment or reset link."""

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _

from childpath.accounts.admin import AdministratorOnly
from childpath.accounts.models import Organisation, User
from childpath.auditing import accounts


@admin.register(Organisation)
class OrganisationAdmin(AdministratorOnly, admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = [
        "name",
        "sector",
        "country",
        "may_identify",
        "is_focal_point",
        "is_service_provider",
    ]
    list_filter = ["sector", "country", "may_identify", "is_focal_point", "is_service_provider"]
    search_fields = ["name"]

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        assert isinstance(request.user, User)
        accounts.save_organisation(
            actor=request.user, organisation=obj, changed=form.changed_data, created=not change
        )


class AccountCreationForm(forms.ModelForm):  # type: ignore[type-arg]
    """A new account, without a password: the person chooses it through the e-mailed link."""

    class Meta:
        model = User
        fields = ["username", "first_name", "last_name", "email", "organisation", "role"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["email"].required = True
        self.fields["email"].help_text = _(
            "The enrolment link goes to this address: the person chooses the password."
        )


class AccountChangeForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = User
        fields = [
            "username",
            "first_name",
            "last_name",
            "email",
            "organisation",
            "role",
            "work_phone",
            "work_email",
            "language",
            "is_active",
            "is_staff",
        ]


@admin.register(User)
class UserAdmin(AdministratorOnly, BaseUserAdmin):  # type: ignore[type-arg]
    form = AccountChangeForm
    add_form = AccountCreationForm
    list_display = ["username", "first_name", "last_name", "organisation", "role", "is_active"]
    list_filter = ["role", "organisation", "is_active"]
    fieldsets = (
        (None, {"fields": ("username",)}),
        (_("Person"), {"fields": ("first_name", "last_name", "email")}),
        (_("Work"), {"fields": ("organisation", "role", "work_phone", "work_email", "language")}),
        (_("Status"), {"fields": ("is_active", "is_staff", "last_login", "date_joined")}),
    )
    add_fieldsets = (
        (
            None,
            {"fields": ("username", "first_name", "last_name", "email", "organisation", "role")},
        ),
    )
    readonly_fields = ["last_login", "date_joined"]
    actions = ["send_reset_link"]

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        assert isinstance(request.user, User)
        accounts.save_account(
            actor=request.user, user=obj, changed=form.changed_data, created=not change
        )

    def user_change_password(
        self, request: HttpRequest, id: str, form_url: str = ""
    ) -> HttpResponse:
        # Administrators manage accounts without being able to use them (DESIGN.md 7).
        raise PermissionDenied

    @admin.action(description=_("Send a link to choose a new password"))
    def send_reset_link(self, request: HttpRequest, queryset: "QuerySet[User]") -> None:
        assert isinstance(request.user, User)
        for user in queryset:
            accounts.send_link(actor=request.user, user=user)
        messages.success(request, _("The links are sent to the people's own e-mail addresses."))
