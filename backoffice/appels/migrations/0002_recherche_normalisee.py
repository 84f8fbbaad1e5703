"""Normalised search column: filled for existing rows, trigram-indexed on PostgreSQL."""

from django.db import migrations, models

from backoffice.recherche.operations import IndexTrigramme, remplir_recherche


class Migration(migrations.Migration):

    dependencies = [
        ('appels', '0001_initial'),
    ]

    operations = [
        migrations.AddField(
            model_name='appelaprojets',
            name='recherche',
            field=models.TextField(blank=True, default='', editable=False, verbose_name='texte de recherche'),
        ),
        migrations.AddField(
            model_name='candidature',
            name='recherche',
            field=models.TextField(blank=True, default='', editable=False, verbose_name='texte de recherche'),
        ),
        remplir_recherche("appels", "appelaprojets", ("reference", "titre")),
        remplir_recherche("appels", "candidature", ("nom_projet", "communes")),
        IndexTrigramme("appelaprojets"),
        IndexTrigramme("candidature"),
    ]
