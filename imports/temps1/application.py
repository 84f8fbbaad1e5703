"""Applying a checked workbook: all or nothing, in one transaction, history naming the import.

Creations and updates are written in bulk with django-simple-history's bulk helpers, which write
one history row per object with the import's label as change reason and the importing user:
the same history a form save gives, without a query per row. Objects left unchanged are not
touched (no history row), which makes importing the same file twice a no-op.
"""

from collections import defaultdict

from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from backoffice.offre.models import (
    CompteurCode,
    ContactReferent,
    Dispositif,
    EntiteGestionnaire,
    Financement,
)

TAILLE_LOT = 1000


class ImportImpossible(Exception):
    """The report cannot be applied (errors, already applied, no plan)."""


def reserver_codes(departement, nombre):
    """Draw `nombre` national codes of a département at once (`44-00013`, `44-00014`…).

    Same counter and format as `offre.models.prochain_code_dispositif`, locked once per
    département instead of once per dispositif (12,000 creations would otherwise cost ~50,000
    queries). The unique constraint on the code backs it, as for single creations.
    """
    CompteurCode.objects.get_or_create(departement_id=departement)
    compteur = CompteurCode.objects.select_for_update().get(departement_id=departement)
    premier = compteur.dernier + 1
    compteur.dernier += nombre
    compteur.save(update_fields=["dernier"])
    return [f"{departement}-{rang:05d}" for rang in range(premier, premier + nombre)]


def _noms(modele, champs):
    """bulk_update wants field names; the plan records attnames or names."""
    resultat = set()
    for champ in champs:
        resultat.add(modele._meta.get_field(champ).name)
    return sorted(resultat)


def appliquer(rapport, user=None, libelle="Import Temps 1", progression=None):
    """Write the plan of an error-free report, atomically. Returns the report, `applied=True`.

    `libelle` becomes the history's change reason of every created or changed object, e.g.
    "Import Temps 1 n° 12 (offre-44.xlsx)". `progression(pourcentage)` is called between steps.
    Any exception rolls everything back: nothing is ever half applied.
    """
    if not rapport.ok:
        raise ImportImpossible("Le fichier contient des erreurs : rien n'est appliqué.")
    if rapport.applied:
        raise ImportImpossible("Cet import a déjà été appliqué.")
    plan = rapport.plan
    if plan is None:
        raise ImportImpossible(
            "Ce rapport ne contient pas de plan : analysez à nouveau le fichier."
        )

    def etape(pourcentage):
        if progression:
            progression(pourcentage)

    historique = {"default_user": user, "default_change_reason": libelle, "batch_size": TAILLE_LOT}
    maintenant = timezone.now()
    with transaction.atomic():
        # Entités first: dispositifs point to them.
        if plan.entites_creees:
            bulk_create_with_history(plan.entites_creees, EntiteGestionnaire, **historique)
        if plan.entites_modifiees:
            for entite in plan.entites_modifiees:
                entite.modifie_le = maintenant
            bulk_update_with_history(
                plan.entites_modifiees,
                EntiteGestionnaire,
                fields=_noms(EntiteGestionnaire, plan.champs_entites | {"modifie_le"}),
                **historique,
            )
        for contact in plan.contacts_crees:
            contact.entite_id = contact.entite.pk
        ContactReferent.objects.bulk_create(plan.contacts_crees, batch_size=TAILLE_LOT)
        ContactReferent.objects.bulk_update(
            plan.contacts_modifies, ["nom", "courriel"], batch_size=TAILLE_LOT
        )
        if plan.contacts_supprimes:
            ContactReferent.objects.filter(pk__in=plan.contacts_supprimes).delete()
        etape(30)

        par_departement = defaultdict(list)
        for dispositif in plan.dispositifs_crees:
            dispositif.entite_id = dispositif.entite.pk
            par_departement[dispositif.departement_id].append(dispositif)
        for departement, dispositifs in sorted(par_departement.items()):
            for dispositif, code in zip(
                dispositifs, reserver_codes(departement, len(dispositifs)), strict=True
            ):
                dispositif.code = code
        if plan.dispositifs_crees:
            bulk_create_with_history(plan.dispositifs_crees, Dispositif, **historique)
        if plan.dispositifs_modifies:
            for dispositif in plan.dispositifs_modifies:
                dispositif.entite_id = dispositif.entite.pk
                dispositif.modifie_le = maintenant
            bulk_update_with_history(
                plan.dispositifs_modifies,
                Dispositif,
                fields=_noms(Dispositif, plan.champs_dispositifs | {"modifie_le"}),
                **historique,
            )
        etape(60)

        for financement in plan.financements_crees:
            financement.dispositif_id = financement.dispositif.pk
        if plan.financements_crees:
            bulk_create_with_history(plan.financements_crees, Financement, **historique)
        if plan.financements_modifies:
            bulk_update_with_history(
                plan.financements_modifies,
                Financement,
                fields=_noms(Financement, plan.champs_financements),
                **historique,
            )
        etape(100)
    rapport.applied = True
    return rapport
