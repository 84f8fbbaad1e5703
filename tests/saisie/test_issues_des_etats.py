"""Every state has a way out for the people responsible: in each state machine, each state that
is not final offers a role account (never only the requester, never only the scheduled task) a
transition that gives up, refuses or sends back — whatever blocks the way forward.

The incident behind it: an avenant was validated, then could be neither signed nor abandoned.
"""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import timezone

from backoffice.appels.models import AppelAProjets, Candidature, EtatAppel, EtatCandidature
from backoffice.conventions.models import (
    Avenant,
    Convention,
    EtatAvenant,
    EtatConvention,
    LigneConvention,
    MontantAvenant,
)
from backoffice.demandes.models import Demande, EtatDemande
from tests.appels.factories import appel_44, deposer, noter, ouvrir_instruction, publier
from tests.conventions.factories import ConventionFactory, amener, convention_pour, jours
from tests.demandes.factories import DemandeFactory
from workflows.services import TransitionImpossible, executer_transition, transitions_disponibles

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media_temporaire")]


@pytest.fixture
def media_temporaire(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


# Per machine: its final states, and the targets that are a way out (give up, refuse, send
# back), as opposed to the way forward. Written from docs/domaine.md, not read from the code.
MACHINES = {
    "demande": (
        {EtatDemande.VALIDEE, EtatDemande.REFUSEE, EtatDemande.ANNULEE},
        {EtatDemande.REFUSEE, EtatDemande.A_COMPLETER},
    ),
    "convention": (
        {EtatConvention.EXPIREE, EtatConvention.RESILIEE, EtatConvention.ABANDONNEE},
        {EtatConvention.ABANDONNEE, EtatConvention.BROUILLON, EtatConvention.RESILIEE},
    ),
    "avenant": (
        {EtatAvenant.SIGNEE, EtatAvenant.ABANDONNE},
        {EtatAvenant.ABANDONNE, EtatAvenant.BROUILLON},
    ),
    "appel": (
        {EtatAppel.TERMINE, EtatAppel.INFRUCTUEUX, EtatAppel.ANNULE},
        {EtatAppel.ANNULE, EtatAppel.INFRUCTUEUX, EtatAppel.BROUILLON},
    ),
    "candidature": (
        {
            EtatCandidature.IRRECEVABLE,
            EtatCandidature.NON_RETENUE,
            EtatCandidature.CONVENTIONNEE,
            EtatCandidature.DESISTEE,
        },
        {EtatCandidature.IRRECEVABLE, EtatCandidature.NON_RETENUE, EtatCandidature.DESISTEE},
    ),
}
MODELES = {
    "demande": Demande,
    "convention": Convention,
    "avenant": Avenant,
    "appel": AppelAProjets,
    "candidature": Candidature,
}


def objet_dans(machine, etat, entite):
    """An object of the 44 created directly in `etat` (set-up only: the application changes a
    state through the transition service alone)."""
    if machine == "demande":
        return DemandeFactory(etat=etat, departement_id="44")
    if machine == "convention":
        return ConventionFactory(etat=etat, entite=entite)
    if machine == "avenant":
        convention = ConventionFactory(etat=EtatConvention.EN_VIGUEUR, entite=entite)
        return Avenant.objects.create(
            convention=convention, objet="Extension", date_effet=jours(20), etat=etat
        )
    if machine == "appel":
        return appel_44(etat=etat)
    return Candidature.objects.create(
        appel=appel_44(etat=EtatAppel.EN_INSTRUCTION),
        entite=entite,
        departement_id="44",
        nom_projet="Projet",
        places_proposees=10,
        places_retenues=10 if etat == EtatCandidature.RETENUE else None,
        communes="Nantes",
        cout_journalier=19,
        etat=etat,
    )


def cas():
    for machine, modele in MODELES.items():
        finaux, _ = MACHINES[machine]
        for etat in modele._meta.get_field("etat").choices:
            if etat[0] not in finaux:
                yield pytest.param(machine, etat[0], id=f"{machine}-{etat[0]}")


@pytest.mark.parametrize(("machine", "etat"), list(cas()))
def test_chaque_etat_a_une_issue(
    machine, etat, ddets44, siao44, regional52, gestionnaire44, dispositif44
):
    _, sorties = MACHINES[machine]
    objet = objet_dans(machine, etat, dispositif44.entite)
    issues = {
        (nom, compte.username)
        for compte in (ddets44, siao44, regional52, gestionnaire44)
        for transition in objet.get_available_user_etat_transitions(compte)
        if transition.target in sorties and transition.target != etat
        for nom in [transition.name]
    }
    assert issues, f"{machine} « {etat} » : aucune sortie pour les responsables"


@pytest.mark.parametrize("machine", list(MACHINES))
def test_les_etats_finaux_sont_finaux(machine):
    finaux, _ = MACHINES[machine]
    transitions = MODELES[machine]._meta.get_field("etat").get_all_transitions(MODELES[machine])
    assert not [t.name for t in transitions if t.source in finaux]


# ---------------------------------------------------------------------------------------------
# Avenants
# ---------------------------------------------------------------------------------------------


@pytest.fixture
def avenant_valide(national, dispositif44):
    convention = amener(convention_pour(dispositif44, places=50), "signee", national)
    avenant = Avenant.objects.create(convention=convention, objet="Extension", date_effet=jours(20))
    MontantAvenant.objects.create(avenant=avenant, exercice=2030, montant=1000)
    return executer_transition(Avenant, avenant.pk, "valider", national)


def test_avenant_qui_ne_peut_plus_etre_signe_s_abandonne(client, avenant_valide, ddets44):
    convention = avenant_valide.convention
    executer_transition(
        Convention, convention.pk, "resilier", ddets44, commentaire="Fermeture du site"
    )
    with pytest.raises(TransitionImpossible, match="n'est plus en vigueur"):
        executer_transition(
            Avenant, avenant_valide.pk, "signer", ddets44, date_signature=timezone.localdate()
        )
    # Through the page: the « Abandonner » button, then its form (a reason is required).
    client.force_login(ddets44)
    fiche = BeautifulSoup(
        client.get(reverse("avenant:inspect", args=[avenant_valide.pk])).content, "html.parser"
    )
    bouton = fiche.select_one("[data-transition=abandonner]")
    assert bouton is not None
    url = bouton["href"]
    sans_motif = client.post(url, {"commentaire": ""})
    assert "Motif : ce champ est obligatoire." in sans_motif.content.decode()
    avenant_valide.refresh_from_db()
    assert avenant_valide.etat == EtatAvenant.VALIDEE
    reponse = client.post(url, {"commentaire": "La convention est résiliée."})
    assert reponse.status_code == 302
    avenant_valide.refresh_from_db()
    assert avenant_valide.etat == EtatAvenant.ABANDONNE
    assert LigneConvention.objects.get(convention=convention).places_conventionnees == 50


def test_avenant_valide_renvoye_au_brouillon_par_le_validateur(avenant_valide, regional52):
    with pytest.raises(TransitionImpossible, match="Indiquez ce qui doit être repris"):
        executer_transition(Avenant, avenant_valide.pk, "renvoyer", regional52)
    avenant = executer_transition(
        Avenant, avenant_valide.pk, "renvoyer", regional52, commentaire="Montant à revoir"
    )
    assert avenant.etat == EtatAvenant.BROUILLON


def test_un_avenant_signe_ne_s_abandonne_plus(avenant_valide, ddets44):
    from tests.conventions.factories import pdf

    avenant = executer_transition(
        Avenant,
        avenant_valide.pk,
        "signer",
        ddets44,
        date_signature=timezone.localdate(),
        fichier=pdf(),
    )
    assert "abandonner" not in transitions_disponibles(avenant, ddets44)


# ---------------------------------------------------------------------------------------------
# Calls and candidatures
# ---------------------------------------------------------------------------------------------


@pytest.fixture
def appel_en_instruction(national, dispositif44):
    appel = publier(appel_44(), national)
    candidature = deposer(national, appel, dispositif44.entite)
    return ouvrir_instruction(appel, national), candidature


def test_annuler_l_appel_classe_ses_candidatures(
    appel_en_instruction, ddets44, gestionnaire44, mailoutbox, django_capture_on_commit_callbacks
):
    appel, candidature = appel_en_instruction
    with pytest.raises(TransitionImpossible, match="annulé ou infructueux"):
        executer_transition(
            Candidature, candidature.pk, "classer_sans_suite", ddets44, commentaire="x"
        )
    with django_capture_on_commit_callbacks(execute=True):
        executer_transition(AppelAProjets, appel.pk, "annuler", ddets44, commentaire="Budget gelé")
    candidature.refresh_from_db()
    assert candidature.etat == EtatCandidature.NON_RETENUE
    assert "Budget gelé" in candidature.motif_decision
    assert any("classée sans suite" in m.subject for m in mailoutbox)


def test_projet_retenu_abandonne_puis_appel_infructueux(appel_en_instruction, ddets44):
    appel, candidature = appel_en_instruction
    executer_transition(Candidature, candidature.pk, "declarer_recevable", ddets44)
    noter(candidature, ddets44, [15, 12])
    executer_transition(Candidature, candidature.pk, "retenir", ddets44, places_retenues=20)
    appel = executer_transition(AppelAProjets, appel.pk, "arreter_selection", ddets44)
    assert appel.etat == EtatAppel.SELECTION_ARRETEE
    # The operator gives up by mail: the instructors close the retained project.
    candidature = executer_transition(
        Candidature,
        candidature.pk,
        "classer_sans_suite",
        ddets44,
        commentaire="Le porteur renonce (courrier du 3 mars).",
    )
    assert candidature.etat == EtatCandidature.NON_RETENUE
    appel = executer_transition(
        AppelAProjets, appel.pk, "declarer_infructueux", ddets44, commentaire="Aucun projet"
    )
    assert appel.etat == EtatAppel.INFRUCTUEUX


def test_appel_infructueux_refuse_si_un_projet_est_conventionne(appel_en_instruction, ddets44):
    appel, candidature = appel_en_instruction
    Candidature.objects.filter(pk=candidature.pk).update(etat=EtatCandidature.CONVENTIONNEE)
    AppelAProjets.objects.filter(pk=appel.pk).update(etat=EtatAppel.SELECTION_ARRETEE)
    with pytest.raises(TransitionImpossible, match="déjà conventionnée"):
        executer_transition(
            AppelAProjets, appel.pk, "declarer_infructueux", ddets44, commentaire="x"
        )


# ---------------------------------------------------------------------------------------------
# Requests
# ---------------------------------------------------------------------------------------------


def test_demande_sans_reponse_du_demandeur_refusee(siao44):
    demande = DemandeFactory(etat=EtatDemande.A_COMPLETER, departement_id="44")
    demande = executer_transition(
        Demande, demande.pk, "refuser", siao44, commentaire="Sans réponse depuis trois mois."
    )
    assert demande.etat == EtatDemande.REFUSEE
