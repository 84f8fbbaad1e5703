"""The controls waiting for *this* user, in their perimeter, for the home page's workload
(backoffice.pilotage.charge): [(label, number, list URL)].

- Who runs controls (the DDETS of the département, the national backup): each step that is
  theirs (read from the transitions' permission, never from role names), the contradictory
  procedures whose answer came or whose deadline passed, the measures due within 15 days or
  overdue.
- The entité controlled: the controls awaiting its answer, and its measures due soon.
Two queries whatever the number of controls (the permissions read columns of the control)."""

import datetime

from django.urls import reverse
from django.utils import timezone
from django_fsm import has_transition_perm

from backoffice.acces.policies import policy_for

from .choix import ETATS_EN_COURS, PALIERS_RELANCE, E, SuiviMesure
from .filters import FileControle
from .models import Controle, Mesure
from .regles import est_entite_controlee, peut_conduire, reponse_possible

# (state, transition whose permission says the step is the user's, label, query string)
ETAPES = [
    (E.PROGRAMME, "preparer", "Contrôles programmés à préparer", "etat=programme"),
    (E.PREPARE, "realiser", "Contrôles préparés à réaliser", "etat=prepare"),
    (E.REALISE, "joindre_rapport_provisoire", "Rapports provisoires à joindre", "etat=realise"),
    (
        E.RAPPORT_PROVISOIRE,
        "ouvrir_contradictoire",
        "Rapports provisoires à transmettre à l'entité",
        "etat=rapport_provisoire",
    ),
    (
        E.RAPPORT_DEFINITIF,
        "engager_suites",
        "Contrôles au rapport définitif : suites à engager ou clôture",
        "etat=rapport_definitif",
    ),
]


def files_de(user, aujourdhui=None):
    aujourdhui = aujourdhui or timezone.localdate()
    politique = policy_for(Controle)
    if not politique.user_has_permission(user, "change"):
        return []
    controles = list(
        politique.filtrer(Controle.objects.filter(etat__in=ETATS_EN_COURS), user, ("change",)).only(
            "pk", "etat", "departement", "entite", "date_limite_reponse", "repondu_le"
        )
    )
    url = reverse("controle:index")
    lignes = []
    for etat, transition, libelle, requete in ETAPES:
        nombre = sum(
            1
            for c in controles
            if c.etat == etat and has_transition_perm(getattr(c, transition), user)
        )
        if nombre:
            lignes.append((libelle, nombre, f"{url}?{requete}"))
    contradictoires = [c for c in controles if c.etat == E.PROCEDURE_CONTRADICTOIRE]
    a_arreter = sum(
        1
        for c in contradictoires
        if peut_conduire(c, user) and (c.repondu_le or aujourdhui > c.date_limite_reponse)
    )
    if a_arreter:
        lignes.append(
            (
                "Procédures contradictoires closes (réponse reçue ou délai expiré) : rapport "
                "définitif à arrêter",
                a_arreter,
                f"{url}?file={FileControle.RAPPORT_DEFINITIF}",
            )
        )
    a_repondre = sum(
        1 for c in contradictoires if est_entite_controlee(c, user) and reponse_possible(c)
    )
    if a_repondre:
        lignes.append(
            (
                "Contrôles attendant votre réponse au rapport provisoire",
                a_repondre,
                f"{url}?file={FileControle.REPONSE_ATTENDUE}",
            )
        )
    return lignes + _mesures(user, aujourdhui)


def _mesures(user, aujourdhui):
    politique = policy_for(Mesure)
    if not politique.user_has_permission(user, "view"):
        return []
    limite = aujourdhui + datetime.timedelta(days=PALIERS_RELANCE[0])
    mesures = politique.filtrer(
        Mesure.objects.filter(
            etat=SuiviMesure.A_SUIVRE,
            echeance__lte=limite,
            controle__etat=E.SUITES_EN_COURS,
        ),
        user,
        ("view",),
    ).select_related("controle")
    a_suivre = a_mettre_en_oeuvre = 0
    for mesure in mesures.only(
        "pk", "etat", "echeance", "controle__departement", "controle__entite", "controle__etat"
    ):
        if peut_conduire(mesure.controle, user):
            a_suivre += 1
        elif est_entite_controlee(mesure.controle, user):
            a_mettre_en_oeuvre += 1
    url = f"{reverse('mesure:index')}?echeance_proche=true"
    lignes = []
    if a_suivre:
        lignes.append(
            (
                f"Mesures de contrôle échues ou à échéance dans {PALIERS_RELANCE[0]} jours",
                a_suivre,
                url,
            )
        )
    if a_mettre_en_oeuvre:
        lignes.append(
            (
                f"Mesures de contrôle à mettre en œuvre dans les {PALIERS_RELANCE[0]} jours",
                a_mettre_en_oeuvre,
                url,
            )
        )
    return lignes
