"""Anomalies are recomputed after each change of the offer or of a convention.

Receivers collect the ids of what changed in one pending batch per transaction and register ONE
`transaction.on_commit` callback for it: a Temps 1 import saving 50,000 rows in one transaction
triggers one recomputation of the dispositifs it touched, after the commit (a rolled-back
transaction triggers none). Outside a transaction (autocommit), each save is its own commit and
is recomputed at once. Bulk operations (`bulk_create`, `QuerySet.update`) send no signal: the
nightly `verifier_qualite` covers them, and the rules depending on the date.
"""

import logging

from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_delete
from django.dispatch import receiver

from backoffice.conventions.models import Convention, LigneConvention
from backoffice.grammaire import compter
from backoffice.offre.models import Dispositif, EntiteGestionnaire, Financement, GroupeDePlaces

from . import services

logger = logging.getLogger(__name__)

# Attribute of the database connection holding the pending batch of the current transaction.
ATTRIBUT_LOT = "_qualite_lot_en_attente"


class Lot:
    """What changed in one transaction; recomputed once, on commit."""

    def __init__(self):
        self.dispositifs = set()
        self.entites = set()
        self.conventions = set()
        # Where the callback sits in connection.run_on_commit (to notice a rollback).
        self.liste = None
        self.rang = None

    def ajouter(self, dispositifs=(), entites=(), conventions=()):
        self.dispositifs.update(d for d in dispositifs if d)
        self.entites.update(e for e in entites if e)
        self.conventions.update(c for c in conventions if c)

    def dispositifs_concernes(self):
        ids = set(self.dispositifs)
        if self.entites:
            ids.update(
                Dispositif.objects.filter(entite_id__in=self.entites).values_list("pk", flat=True)
            )
        if self.conventions:
            ids.update(
                LigneConvention.objects.filter(convention_id__in=self.conventions).values_list(
                    "dispositif_id", flat=True
                )
            )
            ids.update(
                Financement.objects.filter(convention_id__in=self.conventions).values_list(
                    "dispositif_id", flat=True
                )
            )
        return ids

    def executer(self):
        connection = transaction.get_connection()
        if getattr(connection, ATTRIBUT_LOT, None) is self:
            setattr(connection, ATTRIBUT_LOT, None)
        ids = self.dispositifs_concernes()
        if ids:
            bilan = services.recalculer(dispositifs=ids)
            logger.debug(
                "Qualité recalculée pour %s : %s",
                compter(len(ids), "dispositif", "dispositifs"),
                bilan,
            )


def _lot_en_attente(connection):
    """The batch whose callback is still registered in this transaction, else None (the
    transaction committed or rolled back, or the savepoint that registered it rolled back)."""
    lot = getattr(connection, ATTRIBUT_LOT, None)
    if lot is None:
        return None
    liste = connection.run_on_commit
    # Fast path: same list object (Django builds a new one on any rollback), same place.
    if (
        lot.liste is liste
        and lot.rang < len(liste)
        and getattr(liste[lot.rang][1], "__self__", None) is lot
    ):
        return lot
    for rang, (_, fonction, _) in enumerate(liste):
        if getattr(fonction, "__self__", None) is lot:
            lot.liste, lot.rang = liste, rang
            return lot
    setattr(connection, ATTRIBUT_LOT, None)
    return None


def planifier(dispositifs=(), entites=(), conventions=()):
    """Recompute these dispositifs (and those of these entités and conventions) after the
    current transaction commits; at once outside a transaction."""
    connection = transaction.get_connection()
    lot = _lot_en_attente(connection)
    if lot is not None:
        lot.ajouter(dispositifs, entites, conventions)
        return
    lot = Lot()
    lot.ajouter(dispositifs, entites, conventions)
    if connection.in_atomic_block:
        setattr(connection, ATTRIBUT_LOT, lot)
        # robust: the user's change is committed whatever happens here; a failure is logged
        # and the nightly check catches up.
        transaction.on_commit(lot.executer, robust=True)
        lot.liste = connection.run_on_commit
        lot.rang = len(lot.liste) - 1
    else:
        transaction.on_commit(lot.executer, robust=True)


# ---------------------------------------------------------------------------------------------
# Receivers
# ---------------------------------------------------------------------------------------------


@receiver(post_save, sender=Dispositif, dispatch_uid="qualite_dispositif_save")
@receiver(post_delete, sender=Dispositif, dispatch_uid="qualite_dispositif_delete")
def dispositif_modifie(sender, instance, **kwargs):
    planifier(dispositifs=[instance.pk])


@receiver(post_save, sender=GroupeDePlaces, dispatch_uid="qualite_groupe_save")
@receiver(post_delete, sender=GroupeDePlaces, dispatch_uid="qualite_groupe_delete")
@receiver(post_save, sender=Financement, dispatch_uid="qualite_financement_save")
@receiver(post_delete, sender=Financement, dispatch_uid="qualite_financement_delete")
@receiver(post_save, sender=LigneConvention, dispatch_uid="qualite_ligne_save")
@receiver(post_delete, sender=LigneConvention, dispatch_uid="qualite_ligne_delete")
def ligne_modifiee(sender, instance, **kwargs):
    planifier(dispositifs=[instance.dispositif_id])


@receiver(post_save, sender=EntiteGestionnaire, dispatch_uid="qualite_entite_save")
def entite_modifiee(sender, instance, **kwargs):
    # The SIREN feeds the SIRET rule of every dispositif of the entité.
    planifier(entites=[instance.pk])


@receiver(post_save, sender=Convention, dispatch_uid="qualite_convention_save")
def convention_modifiee(sender, instance, **kwargs):
    planifier(conventions=[instance.pk])


@receiver(pre_delete, sender=Convention, dispatch_uid="qualite_convention_delete")
def convention_supprimee(sender, instance, **kwargs):
    # Its financing lines are unlinked (SET_NULL, no signal) and its lines deleted: collect
    # their dispositifs while they are still linked.
    dispositifs = set(
        Financement.objects.filter(convention=instance).values_list("dispositif_id", flat=True)
    )
    dispositifs.update(instance.lignes.values_list("dispositif_id", flat=True))
    planifier(dispositifs=dispositifs)
