"""Second half of 0003: once every attachment points at its document (0003's transaction is
committed, its deferred foreign-key checks done), the link becomes required and the columns the
document now holds go."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("demandes", "0003_pieces_jointes_documents")]

    operations = [
        migrations.AlterField(
            model_name="piecejointe",
            name="document",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="wagtaildocs.document",
            ),
        ),
        migrations.RemoveField("piecejointe", "fichier"),
        migrations.RemoveField("piecejointe", "taille"),
        migrations.RemoveField("piecejointe", "type_mime"),
    ]
