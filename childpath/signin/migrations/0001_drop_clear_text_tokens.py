"""Drop the clear-text API tokens of Django REST framework's ``authtoken`` app, which Childpath
used before its tokens moved to django-rest-knox (stored hashed, expiring). The app is no
longer installed, so nothing else would ever remove that table and its secrets."""

from django.db import migrations

DROP = "DROP TABLE IF EXISTS authtoken_token"


class Migration(migrations.Migration):
    dependencies = [("knox", "0009_extend_authtoken_field")]

    operations = [migrations.RunSQL(DROP, reverse_sql=migrations.RunSQL.noop, elidable=True)]
