from decimal import Decimal

from django.contrib.postgres.operations import UnaccentExtension
from django.db import migrations


def charger_nomenclature(apps, schema_editor):
    from backoffice.offre.data.nomenclature import NATURES, PROGRAMMES, PUBLICS_SPECIFIQUES, TYPES

    Nature = apps.get_model("offre", "Nature")
    TypeDispositif = apps.get_model("offre", "TypeDispositif")
    Programme = apps.get_model("offre", "Programme")
    PublicSpecifique = apps.get_model("offre", "PublicSpecifique")
    for code, libelle, directe, sans_places, ordre in NATURES:
        Nature.objects.update_or_create(
            code=code,
            defaults={
                "libelle": libelle,
                "validation_directe_siao": directe,
                "sans_places": sans_places,
                "ordre": ordre,
            },
        )
    for ordre, (code, nature, libelle, regime, cout, directe) in enumerate(TYPES):
        TypeDispositif.objects.update_or_create(
            code=code,
            defaults={
                "nature_id": nature,
                "libelle": libelle,
                "regime": regime,
                "cout_journalier_reference": Decimal(cout) if cout else None,
                "validation_directe_siao": directe,
                "ordre": ordre,
            },
        )
    for code, libelle in PROGRAMMES:
        Programme.objects.update_or_create(code=code, defaults={"libelle": libelle})
    for code, libelle in PUBLICS_SPECIFIQUES:
        PublicSpecifique.objects.update_or_create(code=code, defaults={"libelle": libelle})


class Migration(migrations.Migration):
    dependencies = [("offre", "0001_initial")]
    operations = [
        # Accent-insensitive search on PostgreSQL; a no-op on SQLite.
        UnaccentExtension(),
        migrations.RunPython(charger_nomenclature, migrations.RunPython.noop),
    ]
