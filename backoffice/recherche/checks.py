"""System checks: a searchable model whose writes could bypass its `recherche` column."""

from django.apps import apps
from django.core import checks
from django.core.exceptions import FieldDoesNotExist

from .modeles import Recherchable, RechercheQuerySet


@checks.register(checks.Tags.models)
def verifier_modeles_recherchables(app_configs=None, **kwargs):
    modeles = (
        apps.get_models()
        if app_configs is None
        else [m for config in app_configs for m in config.get_models()]
    )
    return [erreur for m in modeles if issubclass(m, Recherchable) for erreur in erreurs(m)]


def erreurs(modele):
    nom = modele._meta.label
    resultat = []
    queryset = type(modele._default_manager.get_queryset())
    if not issubclass(queryset, RechercheQuerySet):
        resultat.append(
            checks.Error(
                f"{nom} : son gestionnaire par défaut n'utilise pas RechercheQuerySet ; "
                "bulk_create, bulk_update et update n'y tiendraient pas la colonne `recherche` "
                "à jour.",
                hint="Dériver le QuerySet du modèle de "
                "backoffice.recherche.modeles.RechercheQuerySet.",
                obj=modele,
                id="recherche.E001",
            )
        )
    if not modele.champs_recherche:
        resultat.append(
            checks.Error(f"{nom} : `champs_recherche` est vide.", obj=modele, id="recherche.E002")
        )
    for chemin in modele.champs_recherche:
        try:
            modele._meta.get_field(chemin.split(".", 1)[0])
        except FieldDoesNotExist:
            resultat.append(
                checks.Error(
                    f"{nom} : « {chemin} » ne désigne aucun champ du modèle.",
                    obj=modele,
                    id="recherche.E003",
                )
            )
    return resultat
