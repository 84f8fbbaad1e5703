"""The one transition service: every state change of every workflow goes through
`executer_transition`.

It fetches the object through the actor's scope (perimeter for an account, token for the public
requester), locks the row, checks that the transition is possible from the current state
(`can_proceed`) and allowed to this actor (`has_transition_perm`: role AND perimeter), runs it and
saves inside one transaction, then writes the audit entry (Wagtail log, visible in the object's
history and the site history report). A concurrent second action is refused with a clear message
and changes nothing.
"""

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django_fsm import ConcurrentTransition, can_proceed, has_transition_perm
from wagtail.log_actions import log, registry

from backoffice.acces.policies import policy_for

from .acteurs import est_compte, libelle_acteur
from .libelles import libelle_action, libelle_etat

ACTION_LOG = "workflows.transition"


class TransitionImpossible(Exception):
    """The transition cannot run now (state changed, concurrent action, invalid input)."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


def queryset_pour(model, acteur):
    """Rows the actor may act on: the perimeter for an account, its own request by token."""
    if est_compte(acteur):
        return policy_for(model).filtrer(model._default_manager.all(), acteur, ("view", "change"))
    return model.queryset_pour_demandeur(acteur)


def transitions_disponibles(objet, acteur):
    """Names of the transitions this actor may run on the object now (for buttons)."""
    champ = objet.CHAMP_ETAT
    methode_liste = getattr(objet, f"get_available_user_{champ}_transitions")
    return [t.name for t in methode_liste(acteur)]


def refus_traitement_groupe(nombre, elements="éléments"):
    """The French refusal of a bulk action given more rows than one request handles, or None.

    Each row is its own transition (checks, transaction, journal, notification): a few hundred
    milliseconds of a web worker per dozen rows. Above `ACTIONS_GROUPEES_MAX` the whole
    submission is refused before anything is done (docs/decisions.md)."""
    maximum = settings.ACTIONS_GROUPEES_MAX
    if nombre <= maximum:
        return None
    return (
        f"Au plus {maximum} {elements} par traitement groupé : vous en avez coché {nombre}. "
        "Rien n'a été effectué ; cochez-en moins et recommencez."
    )


def executer_transition(model, pk, nom, acteur, *, commentaire="", interne=False, **params):
    """Run transition `nom` on object `pk` of `model` as `acteur`; return the saved object.

    Raises Http404 (out of scope), PermissionDenied (role), TransitionImpossible (state,
    concurrency, business rule); in every case nothing is changed.
    """
    try:
        with transaction.atomic():
            try:
                # Lock the object's own row only: the perimeter filter may LEFT JOIN a nullable
                # relation, and PostgreSQL refuses FOR UPDATE on the nullable side of a join.
                objet = queryset_pour(model, acteur).select_for_update(of=("self",)).get(pk=pk)
            except ObjectDoesNotExist as exc:
                raise Http404("Objet introuvable.") from exc
            methode = getattr(objet, nom, None)
            if methode is None or not hasattr(methode, "_django_fsm"):
                raise TransitionImpossible(f"Action inconnue : « {nom} ».")
            etat_avant = getattr(objet, objet.CHAMP_ETAT)
            if not can_proceed(methode):
                raise TransitionImpossible(
                    "Cette action n'est plus possible : l'état est désormais « "
                    f"{objet.libelle_etat()} ». La page a peut-être été traitée par quelqu'un "
                    "d'autre entre-temps."
                )
            if not has_transition_perm(methode, acteur):
                raise PermissionDenied("Vous n'avez pas le droit d'effectuer cette action ici.")
            try:
                methode(acteur=acteur, commentaire=commentaire, **params)
            except ValidationError as exc:
                raise TransitionImpossible(" ".join(exc.messages)) from exc
            objet.save()
            log(
                instance=objet,
                action=ACTION_LOG,
                user=acteur if est_compte(acteur) else None,
                title=str(objet)[:255],
                data={
                    "transition": nom,
                    "de": etat_avant,
                    "vers": getattr(objet, objet.CHAMP_ETAT),
                    "commentaire": commentaire,
                    "interne": interne,
                    "acteur": libelle_acteur(acteur),
                },
            )
            apres = getattr(objet, "apres_transition", None)
            if apres:
                apres(nom, etat_avant, acteur, commentaire=commentaire, interne=interne)
            return objet
    except ConcurrentTransition as exc:
        raise TransitionImpossible(
            "Une autre personne vient de traiter cet élément : votre action n'a pas été "
            "enregistrée. Rechargez la page pour voir son nouvel état."
        ) from exc


def journaliser_creation(objet, acteur, *, transition="creer", commentaire=""):
    """The timeline's first entry: the object was born in its initial state (creation form,
    filing of a candidature, convention or avenant generated from a candidature)."""
    journaliser_evenement(objet, acteur, transition, de="", commentaire=commentaire)


def journaliser_evenement(objet, acteur, evenement, *, de=None, commentaire=""):
    """A timeline entry that is not a change of state (e.g. documents added to a request):
    same log as the transitions, `de` = `vers` = the current state unless told."""
    etat = getattr(objet, objet.CHAMP_ETAT)
    log(
        instance=objet,
        action=ACTION_LOG,
        user=acteur if est_compte(acteur) else None,
        title=str(objet)[:255],
        data={
            "transition": evenement,
            "de": etat if de is None else de,
            "vers": etat,
            "commentaire": commentaire,
            "interne": False,
            "acteur": libelle_acteur(acteur),
        },
    )


def chronologie(objet, *, publique=False):
    """The transitions of an object, oldest first. `publique` hides internal comments.

    Each entry keeps the stored codes (`transition`, `de`, `vers`) and gives what people read:
    `action`, `de_libelle`, `vers_libelle`."""
    entrees = (
        registry.get_logs_for_instance(objet)
        .filter(action=ACTION_LOG)
        .select_related("user")
        .order_by("timestamp", "pk")
    )
    model = type(objet)
    evenements = []
    for entree in entrees:
        donnees = entree.data or {}
        commentaire = donnees.get("commentaire", "")
        if publique and donnees.get("interne"):
            commentaire = ""
        evenements.append(
            {
                "date": entree.timestamp,
                "acteur": donnees.get("acteur", ""),
                "transition": donnees.get("transition", ""),
                "de": donnees.get("de", ""),
                "vers": donnees.get("vers", ""),
                "action": libelle_action(model, donnees.get("transition", "")),
                "de_libelle": libelle_etat(model, donnees.get("de", "")),
                "vers_libelle": libelle_etat(model, donnees.get("vers", "")),
                "commentaire": commentaire,
                "interne": bool(donnees.get("interne")),
            }
        )
    return evenements
