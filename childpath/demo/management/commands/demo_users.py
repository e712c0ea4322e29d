import json
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

from childpath.accounts.models import User
from childpath.demo import data
from childpath.demo.loader import dataset


class Command(BaseCommand):
    help = "Print the demo users with their roles, organisations and password."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--json", action="store_true", help="Machine-readable output.")

    def handle(self, *args: Any, **options: Any) -> None:
        usernames = [row[0] for row in dataset().USERS]
        users = {
            u.username: u
            for u in User.objects.filter(username__in=usernames).select_related("organisation")
        }
        rows = [
            {
                "username": name,
                "role": users[name].role,
                "role_label": str(users[name].get_role_display()),
                "organisation": str(users[name].organisation),
                "password": data.PASSWORD,
            }
            for name in usernames
            if name in users
        ]
        if options["json"]:
            self.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2))
            return
        self.stdout.write(
            f"{settings.CHILDPATH_INSTANCE_NAME}: demo users (password for all: {data.PASSWORD})"
        )
        width = max(len(row["username"]) for row in rows) if rows else 10
        for row in rows:
            self.stdout.write(
                f"  {row['username']:<{width}}  {row['role_label']}, {row['organisation']}"
            )
