"""Business functions of the schéma: its tree, a campaign's evaluations and summary, and saving
the evaluation page. Views only collect input and show results; perimeters are checked by the
callers (views fetch every object through the scoped querysets)."""

import hashlib
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Count, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from .models import (
    ORDRE_REALISATION,
    ActionSchema,
    CampagneEvaluation,
    EvaluationAction,
    Realisation,
)

# ---------------------------------------------------------------------------------------------
# Tree
# ---------------------------------------------------------------------------------------------


def arbre(schema):
    """The schéma's objectifs, each with `.thematiques.all()` and their `.actions.all()`
    prefetched (three queries whatever the size)."""
    return list(schema.objectifs.prefetch_related("thematiques__actions").order_by("numero"))


def actions_du_schema(schema):
    """Every action in tree order, with its thématique and objectif (one query)."""
    return (
        ActionSchema.objects.filter(thematique__objectif__schema=schema)
        .select_related("thematique__objectif")
        .order_by(
            "thematique__objectif__numero", "thematique__ordre", "thematique_id", "ordre", "pk"
        )
    )


def lignes_evaluation(campagne):
    """[(action, evaluation or None)] of every action of the campaign's schéma, in tree order
    (two queries). No evaluation row means "nc", no comment."""
    actions = list(actions_du_schema(campagne.schema_id))
    evaluations = {
        e.action_id: e
        for e in EvaluationAction.objects.filter(campagne=campagne).select_related("evalue_par")
    }
    return [(action, evaluations.get(action.pk)) for action in actions]


def valeur(evaluation):
    """(réalisation, commentaire) shown for an action: "nc" and empty without a row."""
    if evaluation is None:
        return (Realisation.NC.value, "")
    return (evaluation.realisation, evaluation.commentaire)


def signature(valeur_affichee):
    """Short fingerprint of a shown (réalisation, commentaire): sent with the evaluation page to
    detect, on saving, a value changed by someone else in between."""
    realisation, commentaire = valeur_affichee
    return hashlib.sha256(f"{realisation}\x1f{commentaire}".encode()).hexdigest()[:16]


# ---------------------------------------------------------------------------------------------
# Summary per objective
# ---------------------------------------------------------------------------------------------


@dataclass
class LigneSynthese:
    numero: int | None  # None: the total row
    libelle: str
    comptes: dict = field(default_factory=dict)  # réalisation → number of actions

    @property
    def total(self):
        return sum(self.comptes.values())

    def part(self, realisation):
        """Share of the actions with this réalisation, 0–100."""
        return 100 * self.comptes.get(realisation, 0) / self.total if self.total else 0.0

    @property
    def segments(self):
        """[(réalisation, label, count, share, offset)] for the stacked bar."""
        decalage = 0.0
        resultat = []
        for realisation in ORDRE_REALISATION:
            part = self.part(realisation)
            resultat.append(
                (realisation.value, realisation.label, self.comptes[realisation], part, decalage)
            )
            decalage += part
        return resultat


def synthese(campagne):
    """Number of actions per réalisation for each objective of the campaign's schéma, and the
    total row last. An action without an evaluation counts as "nc". Two queries."""
    objectifs = list(campagne.schema.objectifs.order_by("numero"))
    realisation = Subquery(
        EvaluationAction.objects.filter(campagne=campagne, action=OuterRef("pk")).values(
            "realisation"
        )[:1]
    )
    comptes = (
        ActionSchema.objects.filter(thematique__objectif__schema_id=campagne.schema_id)
        .annotate(statut=Coalesce(realisation, Value(Realisation.NC.value)))
        .values("thematique__objectif_id", "statut")
        .annotate(nombre=Count("pk"))
        .order_by()
    )
    lignes = {
        o.pk: LigneSynthese(o.numero, o.libelle, dict.fromkeys(ORDRE_REALISATION, 0))
        for o in objectifs
    }
    total = LigneSynthese(None, "Total", dict.fromkeys(ORDRE_REALISATION, 0))
    for compte in comptes:
        statut = Realisation(compte["statut"])
        lignes[compte["thematique__objectif_id"]].comptes[statut] += compte["nombre"]
        total.comptes[statut] += compte["nombre"]
    return [*lignes.values(), total]


# ---------------------------------------------------------------------------------------------
# Saving the evaluation page
# ---------------------------------------------------------------------------------------------


class ConflitEvaluation(Exception):
    """Someone saved other values for these actions since the page was displayed."""

    def __init__(self, actions):
        super().__init__("Évaluations modifiées entre-temps.")
        self.actions = actions


def enregistrer_evaluations(campagne, saisies, origines, utilisateur):
    """Save the evaluation page in one transaction.

    `saisies`: {action_id: (réalisation, commentaire)} as submitted; `origines`: {action_id:
    signature of the value the page showed}. Only the actions whose submitted value differs
    from the shown one are written. If one of them was changed by someone else meanwhile (its
    stored value is neither the shown one nor the submitted one), nothing is written and
    `ConflitEvaluation` lists them. Returns the number of evaluations written.
    """
    modifiees = {
        action_id: saisie
        for action_id, saisie in saisies.items()
        if signature(saisie) != origines.get(action_id)
    }
    if not modifiees:
        return 0
    maintenant = timezone.now()
    with transaction.atomic():
        # Serialises the saves of one campaign, so the conflict check below is reliable.
        CampagneEvaluation.objects.select_for_update().filter(pk=campagne.pk).first()
        actions = set(
            ActionSchema.objects.filter(
                pk__in=modifiees, thematique__objectif__schema_id=campagne.schema_id
            ).values_list("pk", flat=True)
        )
        actuelles = {
            e.action_id: e
            for e in EvaluationAction.objects.filter(campagne=campagne, action_id__in=actions)
        }
        conflits = []
        a_creer, a_modifier = [], []
        for action_id in sorted(actions):
            evaluation = actuelles.get(action_id)
            stockee = valeur(evaluation)
            realisation, commentaire = modifiees[action_id]
            if stockee == (realisation, commentaire):
                continue  # already saved (twice the same submission)
            if signature(stockee) != origines.get(action_id):
                conflits.append(action_id)
            elif evaluation is None:
                a_creer.append(
                    EvaluationAction(
                        campagne=campagne,
                        action_id=action_id,
                        realisation=realisation,
                        commentaire=commentaire,
                        evalue_par=utilisateur,
                        evalue_le=maintenant,
                    )
                )
            else:
                evaluation.realisation = realisation
                evaluation.commentaire = commentaire
                evaluation.evalue_par = utilisateur
                evaluation.evalue_le = maintenant
                a_modifier.append(evaluation)
        if conflits:
            raise ConflitEvaluation(conflits)
        EvaluationAction.objects.bulk_create(a_creer)
        EvaluationAction.objects.bulk_update(
            a_modifier, ["realisation", "commentaire", "evalue_par", "evalue_le"]
        )
    return len(a_creer) + len(a_modifier)
