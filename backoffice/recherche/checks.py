"""System checks: a searchable model whose writes could bypass its `recherche` column."""

from django.apps import apps
from django.core import checks
from django.core.exceptions import FieldDoesNotExist

from .modeles import Recherchable, RechercheQuerySet


@checks.register(checks.Tags.models)
def verifier_modeles_recherchables(app_configs=None, **kwargs):
    erreurs = []
    for modele in apps.get_models():
        if not issubclass(modele, Recherchable):
            continue
        nom = modele._meta.label
        queryset = type(modele._default_manager.get_queryset())
        if not issubclass(queryset, RechercheQuerySet):
            erreurs.append(
                checks.Error(
                    f"{nom} : son gestionnaire par défaut n'utilise pas RechercheQuerySet ; "
                    "bulk_create, bulk_update et update n'y tiendraient pas la colonne "
                    "`recherche` à jour.",
                    hint="Dériver le QuerySet du modèle de "
                    "backoffice.recherche.modeles.RechercheQuerySet.",
                    obj=modele,
                    id="recherche.E001",
                )
            )
        if not modele.champs_recherche:
            erreurs.append(
                checks.Error(
                    f"{nom} : `champs_recherche` est vide.", obj=modele, id="recherche.E002"
                )
            )
        for chemin in modele.champs_recherche:
            try:
                modele._meta.get_field(chemin.split(".", 1)[0])
            except FieldDoesNotExist:
                erreurs.append(
                    checks.Error(
                        f"{nom} : « {chemin} » ne désigne aucun champ du modèle.",
                        obj=modele,
                        id="recherche.E003",
                    )
                )
    return erreurs
