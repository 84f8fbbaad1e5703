from django.db import migrations


def charger_cog(apps, schema_editor):
    from backoffice.territoires.data.cog import DEPARTEMENTS, REGIONS

    Region = apps.get_model("territoires", "Region")
    Departement = apps.get_model("territoires", "Departement")
    Siao = apps.get_model("territoires", "Siao")
    for code, nom in REGIONS:
        Region.objects.update_or_create(code=code, defaults={"nom": nom})
    for code, nom, region in DEPARTEMENTS:
        departement, _ = Departement.objects.update_or_create(
            code=code, defaults={"nom": nom, "region_id": region}
        )
        # One SIAO per département by default ("1 SIAO = 1 département de rattachement").
        siao, _ = Siao.objects.get_or_create(nom=f"SIAO {nom} ({code})")
        siao.departements.add(departement)


class Migration(migrations.Migration):
    dependencies = [("territoires", "0001_initial")]
    operations = [migrations.RunPython(charger_cog, migrations.RunPython.noop)]
