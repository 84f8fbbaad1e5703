"""The call and candidature state machines through the one transition service: role ×
perimeter × state, dates enforced, the deadline closing by the scheduled task."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.http import Http404
from django.utils import timezone

from backoffice.appels.echeances import clore_appels
from backoffice.appels.models import AppelAProjets, Candidature, EtatAppel, EtatCandidature
from tests.appels.factories import (
    AppelFactory,
    appel_44,
    deposer,
    noter,
    ouvrir_instruction,
    publier,
)
from workflows.services import TransitionImpossible, chronologie, executer_transition

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media_temporaire")]

CHEMIN = ["soumettre", "pre_valider", "valider", "publier"]

MATRICE = [
    ("soumettre", "ddets44", "ok"),
    ("soumettre", "regional52", "ok"),
    ("soumettre", "ddets75", "404"),
    ("soumettre", "regional11", "404"),
    ("soumettre", "siao44", "refus"),
    ("soumettre", "lecteur44", "refus"),
    ("soumettre", "gestionnaire44", "404"),  # drafts are not shown to operators
    ("pre_valider", "ddets44", "ok"),
    ("pre_valider", "regional52", "ok"),
    ("pre_valider", "siao44", "refus"),
    ("valider", "regional52", "ok"),
    ("valider", "national", "ok"),
    ("valider", "ddets44", "refus"),
    ("publier", "ddets44", "ok"),
    ("publier", "lecteur44", "refus"),
    ("publier", "gestionnaire44", "404"),
]


@pytest.mark.parametrize(("nom", "acteur", "attendu"), MATRICE)
def test_matrice_appel(request, national, nom, acteur, attendu):
    appel = appel_44()
    for etape in CHEMIN[: CHEMIN.index(nom)]:
        appel = executer_transition(AppelAProjets, appel.pk, etape, national)
    etat = appel.etat
    user = request.getfixturevalue(acteur)
    if attendu == "ok":
        appel = executer_transition(AppelAProjets, appel.pk, nom, user)
        assert appel.etat != etat
        assert chronologie(appel)[-1]["transition"] == nom
        return
    with pytest.raises(PermissionDenied if attendu == "refus" else Http404):
        executer_transition(AppelAProjets, appel.pk, nom, user)
    appel.refresh_from_db()
    assert appel.etat == etat


def test_appel_regional_pilote_par_la_region_seulement(ddets44, regional52):
    appel = appel_44(repartition=())  # the whole région 52
    with pytest.raises(PermissionDenied):
        executer_transition(AppelAProjets, appel.pk, "soumettre", ddets44)
    executer_transition(AppelAProjets, appel.pk, "soumettre", regional52)


def test_vague_nationale_validee_par_le_national(national, regional52):
    appel = appel_44(nationale=True)
    for etape in ("soumettre", "pre_valider"):
        executer_transition(AppelAProjets, appel.pk, etape, regional52)
    with pytest.raises(PermissionDenied):
        executer_transition(AppelAProjets, appel.pk, "valider", regional52)
    assert executer_transition(AppelAProjets, appel.pk, "valider", national).etat == "valide"


def test_soumission_sans_critere_refusee(ddets44):
    appel = appel_44(criteres=())
    with pytest.raises(TransitionImpossible, match="au moins un critère"):
        executer_transition(AppelAProjets, appel.pk, "soumettre", ddets44)


def test_publication_apres_la_date_limite_refusee(national):
    # Published a week ago: with today's publication date, "an hour ago" falls before it
    # between midnight and one o'clock (Paris) and the call itself would be invalid.
    appel = appel_44(
        date_publication=timezone.localdate() - datetime.timedelta(days=7),
        date_limite=timezone.now() - datetime.timedelta(hours=1),
    )
    for etape in CHEMIN[:3]:
        executer_transition(AppelAProjets, appel.pk, etape, national)
    with pytest.raises(TransitionImpossible, match="date limite de dépôt est déjà passée"):
        executer_transition(AppelAProjets, appel.pk, "publier", national)


def test_cloture_a_la_date_limite(national):
    appel = publier(appel_44(), national)
    with pytest.raises(PermissionDenied):  # only the system closes
        executer_transition(AppelAProjets, appel.pk, "clore", national)
    avant = appel.date_limite - datetime.timedelta(seconds=1)
    assert clore_appels(avant) == ([], [])
    appel.refresh_from_db()
    assert appel.etat == EtatAppel.PUBLIE
    closes, _ = clore_appels(appel.date_limite)
    assert closes == [appel.pk]
    appel.refresh_from_db()
    assert appel.etat == EtatAppel.CLOS
    assert chronologie(appel)[-1]["acteur"] == "Système (clôture des appels à projets)"
    assert clore_appels(appel.date_limite + datetime.timedelta(days=1)) == ([], [])  # idempotent


def test_commande_clore_appels(national, capsys):
    appel = publier(appel_44(), national)
    moment = (appel.date_limite + datetime.timedelta(minutes=1)).isoformat()
    call_command("clore_appels", "--maintenant", moment)
    appel.refresh_from_db()
    assert appel.etat == EtatAppel.CLOS
    assert "1 appel clos" in capsys.readouterr().out


def test_annulation_et_infructueux_avec_motif(national, ddets44):
    appel = publier(appel_44(), national)
    with pytest.raises(TransitionImpossible, match="motif"):
        executer_transition(AppelAProjets, appel.pk, "annuler", ddets44, commentaire="")
    appel = executer_transition(
        AppelAProjets, appel.pk, "annuler", ddets44, commentaire="Besoins couverts"
    )
    assert (appel.etat, appel.motif) == (EtatAppel.ANNULE, "Besoins couverts")
    autre = ouvrir_instruction(publier(appel_44(), national), ddets44)
    autre = executer_transition(
        AppelAProjets, autre.pk, "declarer_infructueux", ddets44, commentaire="Aucun dossier"
    )
    assert autre.etat == EtatAppel.INFRUCTUEUX


# --- candidatures ----------------------------------------------------------------------------


@pytest.fixture
def appel_en_instruction(national, ddets44, gestionnaire44, dispositif44):
    appel = publier(appel_44(), national)
    candidature = deposer(gestionnaire44, appel, dispositif44.entite)
    appel = ouvrir_instruction(appel, ddets44)
    return appel, candidature


MATRICE_CANDIDATURE = [
    ("declarer_recevable", "ddets44", "ok"),
    ("declarer_recevable", "regional52", "ok"),
    ("declarer_recevable", "ddets75", "404"),
    ("declarer_recevable", "siao44", "refus"),
    ("declarer_recevable", "gestionnaire44", "refus"),
    ("desister", "gestionnaire44", "ok"),
    ("desister", "ddets44", "refus"),  # filed by the operator: only the operator withdraws
]


@pytest.mark.parametrize(("nom", "acteur", "attendu"), MATRICE_CANDIDATURE)
def test_matrice_candidature(request, appel_en_instruction, nom, acteur, attendu):
    _, candidature = appel_en_instruction
    user = request.getfixturevalue(acteur)
    if attendu == "ok":
        assert executer_transition(Candidature, candidature.pk, nom, user).etat != "deposee"
        return
    with pytest.raises(PermissionDenied if attendu == "refus" else Http404):
        executer_transition(Candidature, candidature.pk, nom, user)
    candidature.refresh_from_db()
    assert candidature.etat == EtatCandidature.DEPOSEE


def test_recevabilite_seulement_pendant_l_instruction(
    national, ddets44, gestionnaire44, dispositif44
):
    appel = publier(appel_44(), national)
    candidature = deposer(gestionnaire44, appel, dispositif44.entite)
    with pytest.raises(TransitionImpossible, match="L'instruction n'est pas ouverte"):
        executer_transition(Candidature, candidature.pk, "declarer_recevable", ddets44)


def test_notes_ponderees_et_decisions(appel_en_instruction, ddets44):
    appel, candidature = appel_en_instruction
    executer_transition(Candidature, candidature.pk, "declarer_recevable", ddets44)
    with pytest.raises(TransitionImpossible, match="Notez chaque critère : Coût"):
        executer_transition(
            Candidature,
            candidature.pk,
            "instruire",
            ddets44,
            notes={appel.criteres.get(libelle="Qualité du projet").pk: 15},
        )
    with pytest.raises(TransitionImpossible, match="entre 0 et 20"):
        noter(candidature, ddets44, [25, 10])
    candidature = noter(candidature, ddets44, [16, 8])
    assert str(candidature.score) == "14.00"  # (16×3 + 8×1) / 4
    candidature = noter(candidature, ddets44, [12, 12])  # re-scored before the decision
    assert str(candidature.score) == "12.00"
    with pytest.raises(TransitionImpossible, match="plus que les 40 places proposées"):
        executer_transition(Candidature, candidature.pk, "retenir", ddets44, places_retenues=41)
    candidature = executer_transition(
        Candidature, candidature.pk, "retenir", ddets44, places_retenues=30
    )
    assert (candidature.etat, candidature.places_retenues) == ("retenue", 30)
    with pytest.raises(TransitionImpossible, match="n'est plus possible"):
        executer_transition(Candidature, candidature.pk, "desister", ddets44)


def test_arret_de_la_selection_exige_toutes_les_decisions(appel_en_instruction, ddets44):
    appel, candidature = appel_en_instruction
    with pytest.raises(TransitionImpossible, match="1 candidature attend encore une décision"):
        executer_transition(AppelAProjets, appel.pk, "arreter_selection", ddets44)
    executer_transition(Candidature, candidature.pk, "declarer_recevable", ddets44)
    noter(candidature, ddets44, [10, 10])
    executer_transition(
        Candidature, candidature.pk, "ne_pas_retenir", ddets44, commentaire="Coût trop élevé"
    )
    with pytest.raises(TransitionImpossible, match="Aucune candidature retenue"):
        executer_transition(AppelAProjets, appel.pk, "arreter_selection", ddets44)


def test_ne_pas_retenir_exige_un_motif(appel_en_instruction, ddets44):
    _, candidature = appel_en_instruction
    executer_transition(Candidature, candidature.pk, "declarer_recevable", ddets44)
    noter(candidature, ddets44, [10, 10])
    with pytest.raises(TransitionImpossible, match="motif de la décision est obligatoire"):
        executer_transition(Candidature, candidature.pk, "ne_pas_retenir", ddets44)


def test_appel_hors_delai_de_la_factory():
    assert AppelFactory.build().date_limite > timezone.now()
