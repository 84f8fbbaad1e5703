"""Normalised search column: filled for existing rows, trigram-indexed on PostgreSQL."""

from django.db import migrations, models

from backoffice.recherche.operations import IndexTrigramme, remplir_recherche


class Migration(migrations.Migration):

    dependencies = [
        ('offre', '0003_financement_convention'),
    ]

    operations = [
        migrations.AddField(
            model_name='dispositif',
            name='recherche',
            field=models.TextField(blank=True, default='', editable=False, verbose_name='texte de recherche'),
        ),
        migrations.AddField(
            model_name='entitegestionnaire',
            name='recherche',
            field=models.TextField(blank=True, default='', editable=False, verbose_name='texte de recherche'),
        ),
        migrations.AddField(
            model_name='financement',
            name='recherche',
            field=models.TextField(blank=True, default='', editable=False, verbose_name='texte de recherche'),
        ),
        migrations.AddField(
            model_name='groupedeplaces',
            name='recherche',
            field=models.TextField(blank=True, default='', editable=False, verbose_name='texte de recherche'),
        ),
        migrations.AddField(
            model_name='nature',
            name='recherche',
            field=models.TextField(blank=True, default='', editable=False, verbose_name='texte de recherche'),
        ),
        migrations.AddField(
            model_name='typedispositif',
            name='recherche',
            field=models.TextField(blank=True, default='', editable=False, verbose_name='texte de recherche'),
        ),
        remplir_recherche("offre", "dispositif", ("code", "nom", "commune", "siret", "finess", "reference_locale")),
        remplir_recherche("offre", "entitegestionnaire", ("raison_sociale", "siren", "commune")),
        remplir_recherche("offre", "financement", ("action",)),
        remplir_recherche("offre", "groupedeplaces", ("libelle", "commune")),
        remplir_recherche("offre", "nature", ("code", "libelle")),
        remplir_recherche("offre", "typedispositif", ("code", "libelle")),
        IndexTrigramme("dispositif"),
        IndexTrigramme("entitegestionnaire"),
        IndexTrigramme("financement"),
        IndexTrigramme("groupedeplaces"),
    ]
