from typing import Any

from django.core.management.base import BaseCommand, CommandError

from childpath.audit.verify import verify


class Command(BaseCommand):
    help = (
        "Verify the audit hash chain and the case timeline it covers; exit non-zero and name "
        "the first broken event."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        state = verify()
        if not state.intact:
            raise CommandError(state.message)
        self.stdout.write(self.style.SUCCESS(state.message))
