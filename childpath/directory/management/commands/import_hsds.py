"""``python manage.py import_hsds PATH [PATH ...]``: HSDS v3 JSON files or CSV data packages.

All paths are imported in one transaction: if any record is rejected, the command lists every
rejected record with the reason, stores nothing and exits with status 1.
"""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from childpath.directory.hsds.files import read_paths
from childpath.directory.hsds.spec import TOP_LEVEL
from childpath.directory.problems import describe
from childpath.directory.services import import_batch


class Command(BaseCommand):
    help = "Import an HSDS v3 directory: JSON files (objects, lists, API pages) or CSV packages."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("paths", nargs="+", type=Path, help="JSON files or CSV directories.")
        parser.add_argument(
            "--kind",
            choices=TOP_LEVEL,
            help="What the JSON files hold, when neither file names nor keys tell.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        paths: list[Path] = options["paths"]
        batch = read_paths(paths, hint=options["kind"])
        report = import_batch(
            actor=None, batch=batch, source=", ".join(path.name for path in paths)
        )
        for problem in report.warnings:
            self.stderr.write(_("Warning: %(text)s") % {"text": describe(problem)})
        if not report.ok:
            for problem in report.rejected:
                self.stderr.write(_("Rejected: %(text)s") % {"text": describe(problem)})
            count = len(report.rejected)
            raise CommandError(
                ngettext(
                    "%(count)d problem found; nothing was imported.",
                    "%(count)d problems found; nothing was imported.",
                    count,
                )
                % {"count": count}
            )
        for table, created in report.created.items():
            updated = report.updated[table]
            self.stdout.write(
                _("%(table)s: %(created)d new, %(updated)d updated")
                % {"table": table, "created": created, "updated": updated}
            )
        self.stdout.write(self.style.SUCCESS(_("Imported.")))
