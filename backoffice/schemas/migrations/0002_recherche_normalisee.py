"""Normalised search column: filled for existing rows, trigram-indexed on PostgreSQL."""

from django.db import migrations, models

from backoffice.recherche.operations import IndexTrigramme, remplir_recherche


class Migration(migrations.Migration):

    dependencies = [
        ('schemas', '0001_initial'),
    ]

    operations = [
        migrations.AddField(
            model_name='actionschema',
            name='recherche',
            field=models.TextField(blank=True, default='', editable=False, verbose_name='texte de recherche'),
        ),
        migrations.AddField(
            model_name='campagneevaluation',
            name='recherche',
            field=models.TextField(blank=True, default='', editable=False, verbose_name='texte de recherche'),
        ),
        migrations.AddField(
            model_name='objectif',
            name='recherche',
            field=models.TextField(blank=True, default='', editable=False, verbose_name='texte de recherche'),
        ),
        migrations.AddField(
            model_name='schemaregional',
            name='recherche',
            field=models.TextField(blank=True, default='', editable=False, verbose_name='texte de recherche'),
        ),
        migrations.AddField(
            model_name='thematique',
            name='recherche',
            field=models.TextField(blank=True, default='', editable=False, verbose_name='texte de recherche'),
        ),
        remplir_recherche("schemas", "actionschema", ("libelle", "pilote")),
        remplir_recherche("schemas", "campagneevaluation", ("libelle",)),
        remplir_recherche("schemas", "objectif", ("libelle",)),
        remplir_recherche("schemas", "schemaregional", ("titre", "description")),
        remplir_recherche("schemas", "thematique", ("libelle",)),
        IndexTrigramme("actionschema"),
        IndexTrigramme("campagneevaluation"),
        IndexTrigramme("objectif"),
        IndexTrigramme("schemaregional"),
        IndexTrigramme("thematique"),
    ]
