from typing import Any

from django.db import migrations, models


def rebuild_rollup(apps: Any, schema_editor: Any) -> None:
    """The times are now kept by day and by tenth within a day, rounded half up: the old
    "d:" rows (by tenth, rounded half to even) are replaced by a rebuild from the facts (one
    SQL statement per fact table on PostgreSQL)."""
    from childpath.stats import rollup

    rollup.rebuild()


class Migration(migrations.Migration):
    dependencies = [
        ("stats", "0001_initial"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="rollup",
            index=models.Index(
                fields=["name", "organisation", "month"], name="stats_rollup_name_org"
            ),
        ),
        migrations.RunPython(rebuild_rollup, migrations.RunPython.noop, elidable=True),
    ]
