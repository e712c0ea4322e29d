"""Load the service types and eligibility terms Childpath ships (taxonomy_data.py)."""

from django.db import migrations


def load(apps, schema_editor):
    from childpath.directory.taxonomy_data import hsds_taxonomies

    Taxonomy = apps.get_model("directory", "Taxonomy")
    TaxonomyTerm = apps.get_model("directory", "TaxonomyTerm")
    for term in hsds_taxonomies():
        detail = term["taxonomy_detail"]
        Taxonomy.objects.update_or_create(
            id=detail["id"],
            defaults={
                "name": detail["name"],
                "description": detail["description"],
                "version": detail["version"],
            },
        )
        TaxonomyTerm.objects.update_or_create(
            id=term["id"],
            defaults={
                "code": term["code"],
                "name": term["name"],
                "description": term["description"],
                "taxonomy": term["taxonomy"],
                "language": term["language"],
                "taxonomy_detail_id": detail["id"],
            },
        )


class Migration(migrations.Migration):
    dependencies = [("directory", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
