"""Normalised search column: filled for existing rows, trigram-indexed on PostgreSQL."""

from django.db import migrations, models

from backoffice.recherche.operations import IndexTrigramme, remplir_recherche


class Migration(migrations.Migration):

    dependencies = [
        ('demandes', '0001_initial'),
    ]

    operations = [
        migrations.AddField(
            model_name='demande',
            name='recherche',
            field=models.TextField(blank=True, default='', editable=False, verbose_name='texte de recherche'),
        ),
        remplir_recherche("demandes", "demande", ("donnees_dispositif.nom", "nouvelle_entite.raison_sociale", "demandeur_organisation", "demandeur_nom")),
        IndexTrigramme("demande"),
    ]
