"""Normalised search column: filled for existing rows, trigram-indexed on PostgreSQL."""

from django.db import migrations, models

from backoffice.recherche.operations import IndexTrigramme, remplir_recherche


class Migration(migrations.Migration):

    dependencies = [
        ('imports', '0001_initial'),
    ]

    operations = [
        migrations.AddField(
            model_name='importtemps1',
            name='recherche',
            field=models.TextField(blank=True, default='', editable=False, verbose_name='texte de recherche'),
        ),
        remplir_recherche("imports", "importtemps1", ("nom_fichier",)),
        IndexTrigramme("importtemps1"),
    ]
