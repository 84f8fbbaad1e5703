"""Rules of the schéma screens: who may do what on one schéma (role AND perimeter), what may be
deleted, and the numbering of a new child. The views only ask; the grid import and the evaluation
page ask the same questions here."""

from django.db.models import Max

from backoffice.acces import perimetres

from .models import ActionSchema, EvaluationAction, Objectif, SchemaRegional, Thematique

# ---------------------------------------------------------------------------------------------
# Rights on one schéma
# ---------------------------------------------------------------------------------------------


def peut(user, label, action, schema_id):
    """Whether `user` holds `action` on model `label` for the schéma `schema_id` (role AND
    perimeter)."""
    perimetre = perimetres.perimetre_pour(user, label, action)
    if perimetre.vide:
        return False
    return perimetres.filtrer(SchemaRegional.objects.filter(pk=schema_id), perimetre).exists()


def peut_evaluer(user, schema_id):
    return peut(user, "schemas.evaluationaction", "change", schema_id)


def peut_importer(user, schema_id):
    return all(
        peut(user, label, "add", schema_id)
        for label in ("schemas.actionschema", "schemas.campagneevaluation")
    ) and peut_evaluer(user, schema_id)


def peut_modifier_arbre(user, schema_id):
    return peut(user, "schemas.actionschema", "change", schema_id)


def peut_ajouter_campagne(user, schema_id):
    return peut(user, "schemas.campagneevaluation", "add", schema_id)


# ---------------------------------------------------------------------------------------------
# Deletion: nothing that would take evaluations along
# ---------------------------------------------------------------------------------------------

REFUS_SUPPRESSION = {
    SchemaRegional: (
        "Ce schéma a des campagnes d'évaluation : supprimez-les d'abord (leurs "
        "évaluations seraient perdues)."
    ),
    Objectif: (
        "Des actions de cet objectif ont été évaluées : supprimez d'abord les campagnes "
        "concernées, ou gardez l'objectif."
    ),
    Thematique: (
        "Des actions de cette thématique ont été évaluées : supprimez d'abord les campagnes "
        "concernées, ou gardez la thématique."
    ),
    ActionSchema: (
        "Cette action a été évaluée : supprimez d'abord les campagnes concernées, ou gardez "
        "l'action."
    ),
}


def _retenu(objet):
    if isinstance(objet, SchemaRegional):
        return objet.campagnes.exists()
    if isinstance(objet, Objectif):
        return EvaluationAction.objects.filter(action__thematique__objectif=objet).exists()
    if isinstance(objet, Thematique):
        return EvaluationAction.objects.filter(action__thematique=objet).exists()
    return objet.evaluations.exists()


def refus_suppression(objet):
    """The French reason why `objet` (schéma, objectif, thématique or action) may not be
    deleted, or None when it may."""
    return REFUS_SUPPRESSION[type(objet)] if _retenu(objet) else None


# ---------------------------------------------------------------------------------------------
# The tree
# ---------------------------------------------------------------------------------------------


def schema_de(objet):
    """The id of the schéma an objectif, thématique, action or campaign belongs to."""
    if isinstance(objet, Thematique):
        return objet.objectif.schema_id
    if isinstance(objet, ActionSchema):
        return objet.thematique.objectif.schema_id
    return objet.schema_id


def prochain_ordre(queryset):
    """The `ordre` of a child added after the others of `queryset`."""
    return (queryset.aggregate(m=Max("ordre"))["m"] or 0) + 1


def prochain_numero(schema):
    """The number of an objectif added after the others of `schema`."""
    return (schema.objectifs.aggregate(m=Max("numero"))["m"] or 0) + 1
