"""Normalised search column: filled for existing rows, trigram-indexed on PostgreSQL."""

from django.db import migrations, models

from backoffice.recherche.operations import IndexTrigramme, remplir_recherche


class Migration(migrations.Migration):

    dependencies = [
        ('conventions', '0001_initial'),
    ]

    operations = [
        migrations.AddField(
            model_name='avenant',
            name='recherche',
            field=models.TextField(blank=True, default='', editable=False, verbose_name='texte de recherche'),
        ),
        migrations.AddField(
            model_name='convention',
            name='recherche',
            field=models.TextField(blank=True, default='', editable=False, verbose_name='texte de recherche'),
        ),
        remplir_recherche("conventions", "avenant", ("objet",)),
        remplir_recherche("conventions", "convention", ("numero", "intitule")),
        IndexTrigramme("avenant"),
        IndexTrigramme("convention"),
    ]
