"""Public pages (no account): file a creation request, follow it with the private link.

See docs/demandes-publiques.md for the design decisions (anti-abuse, uploads, follow-up token).
"""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.cache import add_never_cache_headers
from django.views.decorators.http import require_http_methods

from backoffice.acces.roles import Role
from backoffice.demandes.models import Demande, EtatDemande
from backoffice.demandes.services import enregistrer_pieces, supprimer_fichiers
from backoffice.documents.telechargement import servir_fichier
from backoffice.fichiers.envoi import limite_envoi
from backoffice.grammaire import compter
from workflows.acteurs import Demandeur, libelle_acteur
from workflows.services import (
    TransitionImpossible,
    chronologie,
    executer_transition,
    journaliser_evenement,
    transitions_disponibles,
)

from .forms.demande import FormulaireDemande
from .forms.pieces import PiecesForm
from .forms.suivi import AnnulationForm, ReponseForm
from .limitation import compter_envoi, limite_atteinte
from .uploads import purger_lots_anciens

# The honeypot: a text field hidden from people (CSS, aria-hidden, no tab stop) that bots fill.
CHAMP_PIEGE = "site_web"
SESSION_CONFIRMATION = "demande_publique_envoyee"
# Documents the requester may add to one request over its life, on top of the first ones.
PIECES_MAX_PAR_DEMANDE = 30


# Files past the public limit stop being read (backoffice/fichiers/envoi.py): nothing larger is
# written to disk; the form then says which file was too big.
_avec_limite_upload = limite_envoi(lambda: settings.DEMANDE_TAILLE_MAX_FICHIER)


def _prive(reponse):
    """The follow-up pages carry a secret in their URL: never cached, indexed or leaked.

    « same-origin » sends the Referer (which holds the token) to this site only, never to another
    one. Not « no-referrer »: with it Chromium sends `Origin: null` on the page's own forms, and
    Django's CSRF origin check refuses every answer, document and cancellation of the requester.
    """
    add_never_cache_headers(reponse)
    reponse["Referrer-Policy"] = "same-origin"
    reponse["X-Robots-Tag"] = "noindex, nofollow"
    return reponse


def _initial_demandeur(user):
    if not user.is_authenticated:
        return None
    return {
        "demandeur_nom": user.get_full_name(),
        "demandeur_courriel": user.email,
    }


def _initial_siren(user):
    if not user.is_authenticated:
        return None
    affectation = (
        user.affectations.filter(role=Role.GESTIONNAIRE, actif=True, entite__isnull=False)
        .select_related("entite")
        .first()
    )
    return affectation.entite.siren if affectation else None


# --- filing ------------------------------------------------------------------------------------


@_avec_limite_upload
@require_http_methods(["GET", "POST"])
def deposer_demande(request):
    """The creation request form."""
    purger_lots_anciens()
    if request.method == "POST":
        if limite_atteinte(request):
            return render(request, "public/trop_de_demandes.html", status=429)
        if request.POST.get(CHAMP_PIEGE, "").strip():
            # A bot: answer as if the request had been filed, create nothing.
            compter_envoi(request)
            request.session.pop(SESSION_CONFIRMATION, None)
            return redirect("public:demande_envoyee")
        formulaire = FormulaireDemande(request.POST, request.FILES, request=request)
        if formulaire.is_valid():
            demande = formulaire.enregistrer(compte=request.user)
            compter_envoi(request)
            request.session[SESSION_CONFIRMATION] = {
                "numero": demande.numero,
                "courriel": demande.demandeur_courriel,
            }
            return redirect("public:demande_envoyee")
    else:
        formulaire = FormulaireDemande(initial_demandeur=_initial_demandeur(request.user))
        siren = _initial_siren(request.user)
        if siren:
            formulaire.entite.initial["siren"] = siren
    return render(
        request,
        "public/demande_formulaire.html",
        {"formulaire": formulaire, "erreurs": formulaire.erreurs_resumees()},
    )


def demande_envoyee(request):
    confirmation = request.session.pop(SESSION_CONFIRMATION, None)
    return render(request, "public/demande_envoyee.html", {"confirmation": confirmation})


# --- follow-up ---------------------------------------------------------------------------------

LIBELLES_TRANSITIONS = {
    "pre_valider": "Demande pré-validée par le SIAO",
    "valider": "Demande validée",
    "demander_complements": "Compléments demandés",
    "completer": "Demande complétée",
    "refuser": "Demande refusée",
    "annuler": "Demande annulée",
    "ajouter_pieces": "Documents ajoutés",
}

COULEURS_ETATS = {
    EtatDemande.SOUMISE: "new",
    EtatDemande.A_COMPLETER: "warning",
    EtatDemande.PRE_VALIDEE: "info",
    EtatDemande.VALIDEE: "success",
    EtatDemande.REFUSEE: "error",
    EtatDemande.ANNULEE: "",
}


def _demande_par_jeton(jeton):
    # A token shows its own request only; an unknown token is a plain 404.
    return get_object_or_404(
        Demande.objects.select_related(
            "departement", "type_dispositif__nature", "entite", "compte_demandeur"
        ),
        jeton=jeton,
    )


def _evenements_publics(demande):
    # The requester acts through the link (public pages) or, logged in, through the admin.
    demandeur = {str(Demandeur(demande.jeton))}
    if demande.compte_demandeur_id:
        demandeur.add(libelle_acteur(demande.compte_demandeur))
    evenements = [
        {
            "date": demande.soumise_le,
            "libelle": "Demande déposée",
            "auteur": "Vous",
            "commentaire": "",
        }
    ]
    for evenement in chronologie(demande, publique=True):
        evenements.append(
            {
                "date": evenement["date"],
                "libelle": LIBELLES_TRANSITIONS.get(evenement["transition"], "Étape"),
                "auteur": "Vous" if evenement["acteur"] in demandeur else "L'administration",
                "commentaire": evenement["commentaire"],
            }
        )
    return evenements


def _actions_du_demandeur(demande):
    """What the requester may do now: the transitions the state machine grants it (completer,
    annuler), and adding documents while the request is still examined (the model's rule)."""
    transitions = set(transitions_disponibles(demande, Demandeur(demande.jeton)))
    return {
        "completer": "completer" in transitions,
        # While completing, documents go with the answer (one form, not two).
        "ajouter": demande.accepte_pieces and "completer" not in transitions,
        "annuler": "annuler" in transitions,
    }


def _contexte_suivi(demande, **extra):
    actions = _actions_du_demandeur(demande)
    contexte = {
        "demande": demande,
        "couleur_etat": COULEURS_ETATS.get(demande.etat, ""),
        "evenements": _evenements_publics(demande),
        "pieces": list(demande.pieces.all()),
        "peut_completer": actions["completer"],
        "peut_ajouter": actions["ajouter"],
        "peut_annuler": actions["annuler"],
    }
    contexte.update(extra)
    return contexte


def _maximum_pieces(demande):
    reste = PIECES_MAX_PAR_DEMANDE - demande.pieces.count()
    return max(0, min(settings.DEMANDE_NOMBRE_MAX_FICHIERS, reste))


@_avec_limite_upload
@require_http_methods(["GET", "POST"])
def suivi_demande(request, jeton):
    """The requester's private page: state, dates, messages; answer, add documents."""
    demande = _demande_par_jeton(jeton)
    reponse_form = ReponseForm()
    pieces_form = PiecesForm(maximum=_maximum_pieces(demande))
    if request.method == "POST":
        action = request.POST.get("action")
        if action not in {"completer", "ajouter"}:
            raise Http404
        reponse_form = ReponseForm(request.POST)
        pieces_form = PiecesForm(
            request.POST, request.FILES, request=request, maximum=_maximum_pieces(demande)
        )
        valide = reponse_form.is_valid() & pieces_form.is_valid()
        nouvelles = pieces_form.pieces
        message = reponse_form.cleaned_data.get("message", "").strip() if valide else ""
        possibles = set(transitions_disponibles(demande, Demandeur(jeton)))
        if valide and action == "completer" and "completer" not in possibles:
            messages.error(request, "Cette demande n'attend plus de compléments.")
            return _prive(redirect(demande.get_suivi_url()))
        if valide and action == "ajouter" and not demande.accepte_pieces:
            messages.error(request, "Des documents ne peuvent plus être ajoutés à cette demande.")
            return _prive(redirect(demande.get_suivi_url()))
        if valide and action == "completer" and not message and not nouvelles:
            reponse_form.add_error(
                "message", "Écrivez une réponse ou joignez au moins un document."
            )
            valide = False
        if valide and action == "ajouter" and not nouvelles:
            pieces_form.add_error("fichiers", "Choisissez au moins un document à ajouter.")
            valide = False
        if valide:
            pieces = []
            try:
                with transaction.atomic():
                    enregistrer_pieces(demande, pieces_form.lot, pieces=pieces)
                    if action == "ajouter":
                        journaliser_evenement(
                            demande,
                            Demandeur(jeton),
                            "ajouter_pieces",
                            commentaire=", ".join(piece.nom for piece in pieces),
                        )
                    if action == "completer":
                        executer_transition(
                            Demande,
                            demande.pk,
                            "completer",
                            Demandeur(jeton),
                            commentaire=message,
                        )
            except (TransitionImpossible, PermissionDenied) as exc:
                supprimer_fichiers(pieces)
                messages.error(request, getattr(exc, "message", None) or str(exc))
                return _prive(redirect(demande.get_suivi_url()))
            except Exception:
                supprimer_fichiers(pieces)
                raise
            pieces_form.lot.supprimer()
            if action == "completer":
                messages.success(
                    request, "Votre réponse a été transmise : la demande est de nouveau soumise."
                )
            else:
                messages.success(
                    request,
                    f"{compter(len(pieces), 'document ajouté', 'documents ajoutés')} à la demande.",
                )
            return _prive(redirect(demande.get_suivi_url()))
    return _prive(
        render(
            request,
            "public/suivi.html",
            _contexte_suivi(
                demande,
                reponse_form=reponse_form,
                pieces_form=pieces_form,
                action=request.POST.get("action") if request.method == "POST" else "",
            ),
        )
    )


@require_http_methods(["GET", "POST"])
def annuler_demande(request, jeton):
    """Confirmation page, then the « annuler » transition as the requester."""
    demande = _demande_par_jeton(jeton)
    form = AnnulationForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            executer_transition(
                Demande,
                demande.pk,
                "annuler",
                Demandeur(jeton),
                commentaire=form.cleaned_data["motif"].strip(),
            )
        except (TransitionImpossible, PermissionDenied) as exc:
            messages.error(request, getattr(exc, "message", None) or str(exc))
        else:
            messages.success(request, "Votre demande a été annulée.")
        return _prive(redirect(demande.get_suivi_url()))
    return _prive(render(request, "public/annuler.html", {"demande": demande, "form": form}))


def piece_demande(request, jeton, piece_id):
    """Download one of the request's documents (with the follow-up token only)."""
    demande = _demande_par_jeton(jeton)
    return _prive(servir_fichier(get_object_or_404(demande.pieces, pk=piece_id)))
