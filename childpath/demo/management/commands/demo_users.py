import json
import time
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django_otp.plugins.otp_totp.models import TOTPDevice

from childpath.accounts.models import User
from childpath.demo import data
from childpath.signin.demo import DEMO_DEVICE, current_code


class Command(BaseCommand):
    help = (
        "Print the demo users with their roles, organisations, password and current one-time "
        "code. Runs only on the demo instance (CHILDPATH_DEMO=true, which `make run` sets)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--json", action="store_true", help="Machine-readable output.")

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.CHILDPATH_DEMO:
            raise CommandError(
                "This instance is not the demo (CHILDPATH_DEMO is not true): demo_users prints "
                "passwords and one-time codes, so it runs only on the fictional demo."
            )
        usernames = [row[0] for row in data.USERS]
        users = {
            u.username: u
            for u in User.objects.filter(username__in=usernames).select_related("organisation")
        }
        devices = {
            d.user_id: d
            for d in TOTPDevice.objects.filter(
                user__username__in=usernames, name=DEMO_DEVICE, confirmed=True
            )
        }
        step = 30
        valid_for = step - int(time.time()) % step
        rows = [
            {
                "username": name,
                "role": users[name].role,
                "role_label": str(users[name].get_role_display()),
                "organisation": str(users[name].organisation),
                "password": data.PASSWORD,
                "otp": current_code(devices[users[name].pk]) if users[name].pk in devices else "",
                "otp_valid_seconds": valid_for,
            }
            for name in usernames
            if name in users
        ]
        if options["json"]:
            self.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2))
            return
        self.stdout.write(
            f"Demo users (password for all: {data.PASSWORD}; one-time code valid for "
            f"{valid_for} more seconds, run `python manage.py demo_users` again for the next)"
        )
        width = max(len(str(row["username"])) for row in rows) if rows else 10
        for row in rows:
            self.stdout.write(
                f"  {row['username']:<{width}}  code {row['otp'] or '(none)':<6}  "
                f"{row['role_label']}, {row['organisation']}"
            )
