"""System checks: every model declares its perimeter, every endpoint of an installed app has a
decision. `manage.py check` (hence `make test`) fails otherwise: perimeters fail closed."""

from django.apps import apps
from django.core import checks
from django.core.exceptions import FieldDoesNotExist
from django.db.models import ForeignKey

from . import perimetres, tiers


@checks.register(checks.Tags.models)
def perimetres_declares(app_configs=None, **kwargs):
    erreurs = verifier_modeles(apps.get_models())
    connus = {m._meta.label_lower for m in apps.get_models()}
    for label in perimetres.libelles_declares() - connus:
        erreurs.append(
            checks.Warning(
                f"Périmètre déclaré pour un modèle absent : {label}.",
                hint="Retirez la déclaration (backoffice/acces/tiers.py).",
                id="acces.W001",
            )
        )
    return erreurs


def verifier_modeles(modeles):
    erreurs = []
    for model in modeles:
        label = model._meta.label_lower
        trouvees = perimetres.declarations_de(model)
        if not trouvees:
            erreurs.append(
                checks.Error(
                    f"{label} ne déclare ni son périmètre ni qu'il est un référentiel.",
                    hint="Ajoutez REFERENTIEL, PERIMETRE_NATIONAL, PERIMETRE_PAR ou "
                    "q_perimetre() au modèle, ou perimetres.declarer() pour le modèle d'une "
                    "application installée (backoffice/acces/tiers.py).",
                    obj=model,
                    id="acces.E001",
                )
            )
        elif len(trouvees) > 1:
            erreurs.append(
                checks.Error(
                    f"{label} déclare plusieurs périmètres : "
                    f"{', '.join(d.genre for d in trouvees)}.",
                    obj=model,
                    id="acces.E002",
                )
            )
        elif trouvees[0].genre == perimetres.PAR_PARENT:
            erreurs += _parent_valide(model, trouvees[0].champ)
    return erreurs


def _parent_valide(model, champ):
    label = model._meta.label_lower
    try:
        champ_parent = model._meta.get_field(champ)
    except FieldDoesNotExist:
        champ_parent = None
    if not isinstance(champ_parent, ForeignKey):
        return [
            checks.Error(
                f"{label}.PERIMETRE_PAR = {champ!r} ne nomme pas une clé étrangère.",
                obj=model,
                id="acces.E003",
            )
        ]
    return []


@checks.register(checks.Tags.urls)
def points_d_acces_decides(app_configs=None, **kwargs):
    return verifier_points_d_acces()


def verifier_points_d_acces(patterns=None):
    erreurs = []
    for route, view_name, namespaces, callback in tiers.points_d_acces(patterns):
        if tiers.est_notre_vue(callback) or tiers.decision(view_name, namespaces):
            continue
        erreurs.append(
            checks.Error(
                f"Point d'accès d'une application installée sans décision : {view_name} "
                f"(/{route}, {tiers.vue_de(callback)}).",
                hint="Décidez-le dans backoffice/acces/tiers.py (ouvert, périmètre, national "
                "ou fermé) et dans docs/securite.md.",
                id="acces.E004",
            )
        )
    return erreurs
