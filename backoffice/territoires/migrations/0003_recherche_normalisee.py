"""Normalised search column, filled for existing rows (reference data: no trigram index, a
sequential scan of a few hundred rows is what PostgreSQL would choose anyway)."""

from django.db import migrations, models

from backoffice.recherche.operations import remplir_recherche


class Migration(migrations.Migration):

    dependencies = [
        ('territoires', '0002_cog'),
    ]

    operations = [
        migrations.AddField(
            model_name='departement',
            name='recherche',
            field=models.TextField(blank=True, default='', editable=False, verbose_name='texte de recherche'),
        ),
        migrations.AddField(
            model_name='region',
            name='recherche',
            field=models.TextField(blank=True, default='', editable=False, verbose_name='texte de recherche'),
        ),
        migrations.AddField(
            model_name='siao',
            name='recherche',
            field=models.TextField(blank=True, default='', editable=False, verbose_name='texte de recherche'),
        ),
        remplir_recherche("territoires", "departement", ("code", "nom")),
        remplir_recherche("territoires", "region", ("code", "nom")),
        remplir_recherche("territoires", "siao", ("nom",)),
    ]
