"""A call sent back to draft (« Renvoyer au brouillon »): from `soumis` by its pilots, from
`pre_valide` by its validators only, always with what must be reworked; nowhere else."""

import html

import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import reverse

from backoffice.appels.models import AppelAProjets, EtatAppel
from tests.acces.outils import formulaire_de
from tests.appels.factories import AppelFactory, amener_appel, appel_44
from workflows.services import TransitionImpossible, chronologie, executer_transition

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media_temporaire")]


def texte(response):
    return html.unescape(response.content.decode())


def messages_de(response):
    return [str(m) for m in get_messages(response.wsgi_request)]


MOTIF = "Préciser la répartition par département"

MATRICE_RENVOI = [
    ("soumis", "ddets44", "ok"),
    ("soumis", "regional52", "ok"),
    ("soumis", "national", "ok"),
    ("soumis", "ddets75", "404"),
    ("soumis", "regional11", "404"),
    ("soumis", "siao44", "refus"),
    ("soumis", "lecteur44", "refus"),
    ("soumis", "gestionnaire44", "404"),  # not public yet
    ("pre_valide", "regional52", "ok"),
    ("pre_valide", "national", "ok"),
    ("pre_valide", "ddets44", "refus"),  # a pilot does not undo the pre-validation
    ("pre_valide", "ddets75", "404"),
]


@pytest.mark.parametrize(("etat", "acteur", "attendu"), MATRICE_RENVOI)
def test_matrice_du_renvoi(request, etat, acteur, attendu):
    appel = amener_appel(appel_44(), etat)
    user = request.getfixturevalue(acteur)
    if attendu == "ok":
        appel = executer_transition(AppelAProjets, appel.pk, "renvoyer", user, commentaire=MOTIF)
        assert appel.etat == EtatAppel.BROUILLON
        entree = chronologie(appel)[-1]
        assert (entree["transition"], entree["de"], entree["vers"], entree["commentaire"]) == (
            "renvoyer",
            etat,
            "brouillon",
            MOTIF,
        )
        return
    with pytest.raises(PermissionDenied if attendu == "refus" else Http404):
        executer_transition(AppelAProjets, appel.pk, "renvoyer", user, commentaire=MOTIF)
    appel.refresh_from_db()
    assert appel.etat == etat


def test_vague_nationale_renvoyee_par_le_national_seulement(national, regional52):
    appel = amener_appel(appel_44(nationale=True), "pre_valide")
    with pytest.raises(PermissionDenied):
        executer_transition(AppelAProjets, appel.pk, "renvoyer", regional52, commentaire=MOTIF)
    appel = executer_transition(AppelAProjets, appel.pk, "renvoyer", national, commentaire=MOTIF)
    assert appel.etat == EtatAppel.BROUILLON


@pytest.mark.parametrize("commentaire", ["", "   \n "])
def test_renvoi_sans_motif_refuse(ddets44, commentaire):
    appel = AppelFactory(soumis=True)
    with pytest.raises(TransitionImpossible, match="Indiquez ce qui doit être repris"):
        executer_transition(AppelAProjets, appel.pk, "renvoyer", ddets44, commentaire=commentaire)
    appel.refresh_from_db()
    assert appel.etat == EtatAppel.SOUMIS


@pytest.mark.parametrize("etat", ["brouillon", "valide", "publie", "en_instruction"])
def test_renvoi_impossible_hors_soumis_et_pre_valide(national, etat):
    appel = amener_appel(appel_44(), etat)
    with pytest.raises(TransitionImpossible, match="n'est plus possible"):
        executer_transition(AppelAProjets, appel.pk, "renvoyer", national, commentaire=MOTIF)
    appel.refresh_from_db()
    assert appel.etat == etat


def test_renvoi_previent_les_pilotes(django_capture_on_commit_callbacks, mailoutbox, ddets44):
    appel = AppelFactory(soumis=True)
    with django_capture_on_commit_callbacks(execute=True):
        executer_transition(AppelAProjets, appel.pk, "renvoyer", ddets44, commentaire=MOTIF)
    (message,) = mailoutbox
    assert ddets44.email in message.to
    assert message.subject.startswith("Appel à projets renvoyé au brouillon")
    assert MOTIF in message.body


def test_renvoi_par_la_page_puis_modification(client, ddets44):
    appel = AppelFactory(soumis=True)
    client.force_login(ddets44)
    # Submitted: the form does not open.
    response = client.get(reverse("appel:edit", args=[appel.pk]))
    assert response.status_code == 302
    assert "ne se modifie plus" in messages_de(response)[0]
    fiche = texte(client.get(reverse("appel:inspect", args=[appel.pk])))
    assert 'data-transition="renvoyer"' in fiche
    url = reverse("appel:transition", args=[appel.pk, "renvoyer"])
    response = client.post(url, {"commentaire": ""})
    assert response.status_code == 200
    assert "Ce qui doit être repris : ce champ est obligatoire." in texte(response)
    appel.refresh_from_db()
    assert appel.etat == EtatAppel.SOUMIS
    response = client.post(url, {"commentaire": MOTIF})
    assert response.status_code == 302
    appel.refresh_from_db()
    assert appel.etat == EtatAppel.BROUILLON
    # Back to draft: the call is edited again.
    assert formulaire_de(client, reverse("appel:edit", args=[appel.pk])).instance == appel
