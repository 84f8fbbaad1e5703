"""A candidature declared irrecevable (« Déclarer irrecevable »): only once the instruction is
open, by the instructors of its département, always with a reason, told to the candidate; it then
waits for nothing."""

import html

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import reverse

from backoffice.appels.models import AppelAProjets, Candidature, EtatCandidature
from tests.appels.factories import CandidatureFactory, amener_appel
from workflows.services import TransitionImpossible, chronologie, executer_transition

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media_temporaire")]

MOTIF = "Budget prévisionnel absent"


def texte(response):
    return html.unescape(response.content.decode())


@pytest.fixture
def candidature(dispositif44):
    """Filed by the entité of the 44 (its gestionnaire is the candidate), call in instruction."""
    candidature = CandidatureFactory(entite=dispositif44.entite)
    amener_appel(candidature.appel, "en_instruction")
    return candidature


def test_irrecevable_avec_son_motif(candidature, ddets44):
    candidature = executer_transition(
        Candidature, candidature.pk, "declarer_irrecevable", ddets44, commentaire=MOTIF
    )
    assert (candidature.etat, candidature.motif_irrecevabilite) == ("irrecevable", MOTIF)
    entree = chronologie(candidature)[-1]
    assert (entree["transition"], entree["action"], entree["commentaire"]) == (
        "declarer_irrecevable",
        "Déclarer irrecevable",
        MOTIF,
    )


@pytest.mark.parametrize("commentaire", ["", "  "])
def test_motif_obligatoire(candidature, ddets44, commentaire):
    with pytest.raises(TransitionImpossible, match="Le motif d'irrecevabilité est obligatoire"):
        executer_transition(
            Candidature, candidature.pk, "declarer_irrecevable", ddets44, commentaire=commentaire
        )
    candidature.refresh_from_db()
    assert (candidature.etat, candidature.motif_irrecevabilite) == ("deposee", "")


def test_pas_avant_l_ouverture_de_l_instruction(ddets44, dispositif44):
    candidature = CandidatureFactory(entite=dispositif44.entite)  # the call is still published
    with pytest.raises(TransitionImpossible, match="L'instruction n'est pas ouverte"):
        executer_transition(
            Candidature, candidature.pk, "declarer_irrecevable", ddets44, commentaire=MOTIF
        )


@pytest.mark.parametrize(
    ("acteur", "erreur"),
    [
        ("gestionnaire44", PermissionDenied),  # the candidate does not judge itself
        ("siao44", PermissionDenied),
        ("lecteur44", PermissionDenied),
        ("ddets75", Http404),
    ],
)
def test_seuls_les_instructeurs_du_departement(request, candidature, acteur, erreur):
    with pytest.raises(erreur):
        executer_transition(
            Candidature,
            candidature.pk,
            "declarer_irrecevable",
            request.getfixturevalue(acteur),
            commentaire=MOTIF,
        )
    candidature.refresh_from_db()
    assert candidature.etat == EtatCandidature.DEPOSEE


def test_le_candidat_est_prevenu(
    django_capture_on_commit_callbacks, mailoutbox, candidature, ddets44, gestionnaire44
):
    with django_capture_on_commit_callbacks(execute=True):
        executer_transition(
            Candidature, candidature.pk, "declarer_irrecevable", ddets44, commentaire=MOTIF
        )
    (message,) = mailoutbox
    assert gestionnaire44.email in message.to
    assert message.subject == f"Votre candidature « {candidature.nom_projet} » est irrecevable."
    assert MOTIF in message.body


def test_une_candidature_irrecevable_n_attend_plus_rien(candidature, ddets44):
    executer_transition(
        Candidature, candidature.pk, "declarer_irrecevable", ddets44, commentaire=MOTIF
    )
    for nom in ("declarer_recevable", "desister", "classer_sans_suite"):
        with pytest.raises(TransitionImpossible, match="n'est plus possible"):
            executer_transition(Candidature, candidature.pk, nom, ddets44, commentaire="x")
    # It does not hold the selection back (no decision awaited), nor is it retained.
    with pytest.raises(TransitionImpossible, match="Aucune candidature retenue"):
        executer_transition(AppelAProjets, candidature.appel_id, "arreter_selection", ddets44)


def test_irrecevable_par_la_page(client, candidature, ddets44):
    client.force_login(ddets44)
    fiche = client.get(reverse("candidature:inspect", args=[candidature.pk]))
    assert 'data-transition="declarer_irrecevable"' in texte(fiche)
    url = reverse("candidature:transition", args=[candidature.pk, "declarer_irrecevable"])
    response = client.post(url, {"commentaire": ""})
    assert response.status_code == 200
    assert "Motif : ce champ est obligatoire." in texte(response)
    candidature.refresh_from_db()
    assert candidature.etat == EtatCandidature.DEPOSEE
    response = client.post(url, {"commentaire": MOTIF})
    assert response.status_code == 302
    fiche = client.get(reverse("candidature:inspect", args=[candidature.pk]))
    assert MOTIF in texte(fiche)
    # Nothing more to add to an irrecevable candidature.
    assert fiche.context["url_ajout_document"] is None
    assert 'data-transition="declarer_recevable"' not in texte(fiche)
