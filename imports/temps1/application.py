"""Applying a checked workbook: all or nothing, in one transaction, history naming the import.

Rows are written in bulk (`bulk_create` / `bulk_update`), then their django-simple-history
records in one `INSERT … SELECT` per model and batch: a copy of the rows just written, with the
import's label as change reason, the importing user, one date and the type (`+` created, `~`
changed) — exactly the rows simple-history writes, which `bulk_history_create` would build as
50,000 Python objects (half the time of a national import). Objects left unchanged are not
touched (no history row), which makes importing the same file twice a no-op.
"""

from collections import defaultdict

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from backoffice.offre.models import (
    ContactReferent,
    Dispositif,
    EntiteGestionnaire,
    Financement,
    reserver_codes_dispositif,
)

TAILLE_LOT = 1000
TAILLE_LOT_HISTORIQUE = 5000
COLONNES_HISTORIQUE = {
    "history_id", "history_date", "history_change_reason", "history_type", "history_user_id",
}  # fmt: skip


class ImportImpossible(Exception):
    """The report cannot be applied (errors, already applied, no plan)."""


def ecrire_historique(objets, modele, type_, user, motif, date):
    """History rows of objects just written (`type_`: "+" created, "~" changed)."""
    if not objets or not getattr(settings, "SIMPLE_HISTORY_ENABLED", True):
        return
    historique = modele.history.model
    paires = [
        (f.column, historique._meta.get_field(f.name).column) for f in historique.tracked_fields
    ]
    colonnes = {f.column for f in historique._meta.concrete_fields}
    imprevues = colonnes - {cible for _, cible in paires} - COLONNES_HISTORIQUE
    if imprevues or any(o.pk is None for o in objets):
        # A history model with extra fields, or a database that returns no primary keys from a
        # bulk insert: simple-history's own (slower) way.
        modele.history.bulk_history_create(
            objets, batch_size=TAILLE_LOT, update=type_ == "~", default_user=user,
            default_change_reason=motif, default_date=date,
        )  # fmt: skip
        return
    q = connection.ops.quote_name
    champ_date = historique._meta.get_field("history_date")
    champ_motif = historique._meta.get_field("history_change_reason")
    parametres = [
        champ_date.get_db_prep_save(date, connection),
        champ_motif.get_db_prep_save(motif, connection),
        type_,
        user.pk if user is not None else None,
    ]
    cibles = ", ".join(q(cible) for _, cible in paires)
    sources = ", ".join(q(source) for source, _ in paires)
    pks = [o.pk for o in objets]
    with connection.cursor() as curseur:
        for debut in range(0, len(pks), TAILLE_LOT_HISTORIQUE):
            lot = pks[debut : debut + TAILLE_LOT_HISTORIQUE]
            curseur.execute(
                f"INSERT INTO {q(historique._meta.db_table)} ({cibles}, history_date, "
                "history_change_reason, history_type, history_user_id) "
                f"SELECT {sources}, %s, %s, %s, %s FROM {q(modele._meta.db_table)} "
                f"WHERE {q(modele._meta.pk.column)} IN ({', '.join(['%s'] * len(lot))})",
                [*parametres, *lot],
            )


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

    maintenant = timezone.now()

    def creer(objets, modele):
        if objets:
            modele.objects.bulk_create(objets, batch_size=TAILLE_LOT)
            ecrire_historique(objets, modele, "+", user, libelle, maintenant)

    def modifier(objets, modele, champs):
        if objets:
            modele.objects.bulk_update(objets, _noms(modele, champs), batch_size=TAILLE_LOT)
            ecrire_historique(objets, modele, "~", user, libelle, maintenant)

    try:
        with transaction.atomic():
            _ecrire(plan, creer, modifier, etape, maintenant)
    except BaseException:
        # The instances now carry primary keys the rollback erased: this plan is spent.
        rapport.plan = None
        raise
    rapport.applied = True
    return rapport


def _ecrire(plan, creer, modifier, etape, maintenant):
    """The writes, in dependency order (inside the caller's transaction)."""
    # Entités first: dispositifs point to them.
    creer(plan.entites_creees, EntiteGestionnaire)
    for entite in plan.entites_modifiees:
        entite.modifie_le = maintenant  # bulk writes do not run auto_now
    modifier(plan.entites_modifiees, EntiteGestionnaire, plan.champs_entites | {"modifie_le"})
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
            dispositifs, reserver_codes_dispositif(departement, len(dispositifs)), strict=True
        ):
            dispositif.code = code
    creer(plan.dispositifs_crees, Dispositif)
    champ_entite = Dispositif._meta.get_field("entite")
    for dispositif in plan.dispositifs_modifies:
        entite = champ_entite.get_cached_value(dispositif, None)
        if entite is not None:  # moved to another entité, maybe one created above
            dispositif.entite_id = entite.pk
        dispositif.modifie_le = maintenant
    modifier(plan.dispositifs_modifies, Dispositif, plan.champs_dispositifs | {"modifie_le"})
    etape(60)

    for financement in plan.financements_crees:
        financement.dispositif_id = financement.dispositif.pk
    creer(plan.financements_crees, Financement)
    modifier(plan.financements_modifies, Financement, plan.champs_financements)
    etape(100)
