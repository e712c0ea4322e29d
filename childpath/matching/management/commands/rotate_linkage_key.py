"""python manage.py rotate_linkage_key PEER [--key-file K]: a new key version for a peer."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from childpath.linkage import KeyFileError
from childpath.matching.services import rotate_key


class Command(BaseCommand):
    help = "Rotate the linkage key shared with a peer (new key, or the key file it sent)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("peer")
        parser.add_argument("--key-file", help="the key file made by the peer (keygen)")

    def handle(self, *args: Any, **options: Any) -> None:
        text = Path(options["key_file"]).read_text() if options["key_file"] else None
        try:
            key = rotate_key(actor=None, peer=options["peer"], key_file=text)
        except (KeyFileError, ValueError) as error:
            raise CommandError(str(error)) from None
        self.stdout.write(f"{key.peer}: key version {key.version} ({key.key_id}); re-encoding")
