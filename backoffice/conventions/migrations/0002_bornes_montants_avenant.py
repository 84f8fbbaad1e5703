"""Before the exercice of an avenant's amounts is bounded (0003): the amount lines of a year
outside 2000–2100 on an avenant not applied yet are removed. Such a line could never be applied
(the convention's amounts refuse that year), and it kept its avenant from being signed; the
avenant itself stays, and can now be sent back to its draft or given up. Lines of an avenant
already applied are left untouched (0003 then stops and lists them)."""

from django.db import migrations

ANNEE_MIN, ANNEE_MAX = 2000, 2100


def retirer_montants_hors_bornes(apps, schema_editor):
    MontantAvenant = apps.get_model("conventions", "MontantAvenant")
    fautifs = MontantAvenant.objects.filter(avenant__applique_le__isnull=True).exclude(
        exercice__gte=ANNEE_MIN, exercice__lte=ANNEE_MAX
    )
    for montant in fautifs.select_related("avenant"):
        print(
            f"\n  Avenant {montant.avenant_id} : montant de l'exercice {montant.exercice} "
            f"({montant.montant} €) retiré, hors de {ANNEE_MIN}–{ANNEE_MAX}."
        )
    fautifs.delete()


class Migration(migrations.Migration):
    dependencies = [("conventions", "0001_initial")]

    operations = [
        migrations.RunPython(retirer_montants_hors_bornes, migrations.RunPython.noop),
    ]
