"""Second factors and tokens stay out of the administration: an authenticator's secret in a
list view would let whoever reads it give anyone's second factor. Administrators reset a
user's two-factor sign-in on its own audited page (``signin-reset``) instead."""

from django.contrib import admin
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice
from knox.models import AuthToken

for model in (TOTPDevice, StaticDevice, AuthToken):
    if admin.site.is_registered(model):
        admin.site.unregister(model)
