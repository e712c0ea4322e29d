"""python manage.py reindex_names: rebuild every case's blind-index tokens from its names.

Cases registered before the index held each word of each name (a given name alone, an alias
word) are found by one name only after this has run once; it is safe to run again at any
time (each batch replaces its cases' tokens in one transaction) and on a live instance.
"""

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db import transaction

from childpath.audit.services import record
from childpath.cases.models import Case, SearchToken
from childpath.cases.search import tokens_for
from childpath.cases.services import RESULT_FIELDS


class Command(BaseCommand):
    help = "Rebuild the blind index of the names (whole names and each word) of every case."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--batch", type=int, default=500, help="cases per transaction")

    def handle(self, *args: Any, **options: Any) -> None:
        size = max(1, options["batch"])
        last, done = 0, 0
        while True:
            batch = list(
                Case.objects.filter(pk__gt=last)
                .select_related("identity")
                .defer("identity__documents", "identity__contacts")
                .order_by("pk")[:size]
            )
            if not batch:
                break
            with transaction.atomic():
                SearchToken.objects.filter(case__in=batch).delete()
                SearchToken.objects.bulk_create(
                    SearchToken(case=case, token=token)
                    for case in batch
                    for token in tokens_for(case.identity.all_names(), case.identity.birth_date)
                )
            last, done = batch[-1].pk, done + len(batch)
        with transaction.atomic():
            # The names were decrypted by the system, not read by a person: one event says so.
            record(actor=None, action="cases.reindex_names", fields=RESULT_FIELDS)
        self.stdout.write(f"Indexed the names of {done} cases.")
