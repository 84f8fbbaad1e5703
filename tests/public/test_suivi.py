"""The requester's private follow-up page (token in the URL)."""

import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from backoffice.demandes.models import Demande, EtatDemande
from tests.demandes.factories import DemandeFactory, piece_jointe
from tests.public.outils import EXECUTABLE, PDF, erreur_du_champ, fichier, lot_de
from workflows.services import chronologie, executer_transition

pytestmark = pytest.mark.django_db


def _url(demande):
    return f"/demande/suivi/{demande.jeton}/"


def test_la_page_montre_l_etat_les_dates_et_les_messages_publics(client, siao44):
    demande = DemandeFactory()
    executer_transition(Demande, demande.pk, "pre_valider", siao44, commentaire="Dossier complet.")
    reponse = client.get(_url(demande))
    assert reponse.status_code == 200
    html = reponse.content.decode()
    assert demande.numero in html
    assert "Pré-validée" in html
    assert "Demande déposée" in html and "Demande pré-validée par le SIAO" in html
    assert "Dossier complet." in html
    assert demande.donnees_dispositif["nom"] in html
    # The agent's name is not shown to the public.
    assert siao44.last_name not in html
    # A secret in the URL: not cached, not indexed, never sent as a referrer to another site
    # (and still sent as an Origin to this one, or the page's own forms fail the CSRF check).
    assert "no-store" in reponse["Cache-Control"]
    assert reponse["Referrer-Policy"] == "same-origin"
    assert "noindex" in reponse["X-Robots-Tag"]


def test_un_commentaire_interne_n_est_jamais_montre(client, siao44):
    demande = DemandeFactory()
    executer_transition(
        Demande,
        demande.pk,
        "pre_valider",
        siao44,
        commentaire="Note interne : gestionnaire en difficulté financière",
        interne=True,
    )
    assert chronologie(demande)[0]["commentaire"]  # it exists…
    html = client.get(_url(demande)).content.decode()
    assert "difficulté financière" not in html  # …but never on the public page
    assert "Demande pré-validée par le SIAO" in html


def test_un_jeton_inconnu_donne_404(client):
    DemandeFactory()
    assert (
        client.get("/demande/suivi/jeton-invente-de-toutes-pieces-0123456789/").status_code == 404
    )
    assert client.get("/demande/suivi/x/annuler/").status_code == 404


def test_le_jeton_d_une_demande_ne_montre_jamais_une_autre(client, siao44):
    demande_a = DemandeFactory(donnees_dispositif={"nom": "CADA Alpha"})
    demande_b = DemandeFactory(donnees_dispositif={"nom": "CADA Bravo"}, demandeur_nom="Bruno B")
    executer_transition(Demande, demande_b.pk, "pre_valider", siao44, commentaire="Message pour B")
    piece_b = piece_jointe(demande_b, "b.pdf", b"%PD")
    html = client.get(_url(demande_a)).content.decode()
    assert "CADA Alpha" in html
    assert "CADA Bravo" not in html and "Message pour B" not in html
    assert demande_b.numero not in html
    # B's document cannot be fetched with A's token.
    assert client.get(f"{_url(demande_a)}documents/{piece_b.pk}/").status_code == 404
    # Nor can A's token act on B: the cancel page of A cancels A only.
    client.post(f"{_url(demande_a)}annuler/", {"motif": ""})
    demande_b.refresh_from_db()
    assert demande_b.etat == EtatDemande.PRE_VALIDEE


def _a_completer(siao44, **kwargs):
    demande = DemandeFactory(**kwargs)
    executer_transition(
        Demande,
        demande.pk,
        "demander_complements",
        siao44,
        commentaire="Merci de joindre le budget prévisionnel.",
    )
    return Demande.objects.get(pk=demande.pk)


def test_repondre_a_une_demande_de_complements(client, siao44, django_capture_on_commit_callbacks):
    demande = _a_completer(siao44)
    page = client.get(_url(demande)).content.decode()
    assert "À compléter" in page
    assert "Merci de joindre le budget prévisionnel." in page
    assert "Répondre et compléter la demande" in page

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        reponse = client.post(
            _url(demande),
            {
                "action": "completer",
                "message": "Voici le budget demandé.",
                "fichiers": [fichier("budget-previsionnel.pdf", PDF)],
            },
        )
    assert reponse.status_code == 302
    demande.refresh_from_db()
    assert demande.etat == EtatDemande.SOUMISE
    assert list(demande.pieces.values_list("nom", flat=True)) == ["budget-previsionnel.pdf"]
    derniere = chronologie(demande, publique=True)[-1]
    assert (derniere["transition"], derniere["commentaire"]) == (
        "completer",
        "Voici le budget demandé.",
    )
    assert [m.to for m in mail.outbox] == [[siao44.email]]  # the SIAO is told
    page = client.get(_url(demande)).content.decode()
    assert "Votre réponse a été transmise" in page
    assert "Voici le budget demandé." in page
    assert "budget-previsionnel.pdf" in page


def test_une_reponse_vide_est_refusee_et_les_documents_sont_conserves(client, siao44):
    demande = _a_completer(siao44)
    reponse = client.post(
        _url(demande),
        {"action": "completer", "message": "", "fichiers": [fichier("x.exe.pdf", EXECUTABLE)]},
    )
    assert reponse.status_code == 200
    assert "n'est pas un fichier accepté" in erreur_du_champ(reponse, "id_fichiers")
    demande.refresh_from_db()
    assert demande.etat == EtatDemande.A_COMPLETER

    reponse = client.post(_url(demande), {"action": "completer", "message": ""})
    assert "Écrivez une réponse ou joignez au moins un document" in erreur_du_champ(
        reponse, "id_message"
    )
    # A good file with a message too long: the file is kept for the next attempt.
    reponse = client.post(
        _url(demande),
        {"action": "completer", "message": "x" * 5001, "fichiers": [fichier("ok.pdf", PDF)]},
    )
    assert reponse.status_code == 200
    assert "5000 caractères" in erreur_du_champ(reponse, "id_message")
    assert "ok.pdf" in reponse.content.decode()
    lot = lot_de(reponse)
    reponse = client.post(
        _url(demande), {"action": "completer", "message": "Le voici.", "lot": lot}
    )
    assert reponse.status_code == 302
    demande.refresh_from_db()
    assert demande.etat == EtatDemande.SOUMISE
    assert list(demande.pieces.values_list("nom", flat=True)) == ["ok.pdf"]


def test_completer_une_demande_qui_n_est_pas_a_completer_ne_fait_rien(client):
    demande = DemandeFactory()
    reponse = client.post(_url(demande), {"action": "completer", "message": "Bonjour"}, follow=True)
    assert "n'attend plus de compléments" in reponse.content.decode()
    demande.refresh_from_db()
    assert demande.etat == EtatDemande.SOUMISE
    assert chronologie(demande) == []


def test_ajouter_des_documents_a_une_demande_soumise(client):
    demande = DemandeFactory()
    page = client.get(_url(demande)).content.decode()
    assert "Ajouter des documents" in page
    reponse = client.post(
        _url(demande), {"action": "ajouter", "fichiers": [fichier("statuts.pdf", PDF)]}
    )
    assert reponse.status_code == 302
    piece = demande.pieces.get()
    assert piece.nom == "statuts.pdf"
    telechargement = client.get(f"{_url(demande)}documents/{piece.pk}/")
    assert telechargement.status_code == 200
    assert b"".join(telechargement.streaming_content) == PDF
    assert "attachment" in telechargement["Content-Disposition"]


def test_l_ajout_de_documents_figure_dans_la_chronologie(client, siao44):
    demande = DemandeFactory()
    client.post(_url(demande), {"action": "ajouter", "fichiers": [fichier("statuts.pdf", PDF)]})
    demande.refresh_from_db()
    assert demande.etat == EtatDemande.SOUMISE  # not a change of state …
    (evenement,) = chronologie(demande)  # … but an entry of the timeline
    assert (evenement["transition"], evenement["commentaire"]) == ("ajouter_pieces", "statuts.pdf")
    assert evenement["de"] == evenement["vers"] == EtatDemande.SOUMISE
    assert "Documents ajoutés" in client.get(_url(demande)).content.decode()
    admin = Client()
    admin.force_login(siao44)
    page = admin.get(reverse("demande:inspect", args=[demande.pk])).content.decode()
    assert "Documents ajoutés" in page and "statuts.pdf" in page


def test_annuler_sa_demande(client):
    demande = DemandeFactory()
    page = client.get(f"{_url(demande)}annuler/")
    assert page.status_code == 200
    assert "Confirmer l'annulation" in page.content.decode()
    reponse = client.post(f"{_url(demande)}annuler/", {"motif": "Projet abandonné."}, follow=True)
    demande.refresh_from_db()
    assert demande.etat == EtatDemande.ANNULEE
    html = reponse.content.decode()
    assert "Votre demande a été annulée." in html
    assert "Annulée" in html and "Projet abandonné." in html
    assert "Annuler ma demande" not in html
    # Once cancelled, nothing more can be added.
    reponse = client.post(
        _url(demande), {"action": "ajouter", "fichiers": [fichier("tard.pdf", PDF)]}, follow=True
    )
    assert not demande.pieces.exists()


def test_une_demande_validee_ne_peut_plus_etre_annulee(client, siao44, ddets44):
    demande = DemandeFactory()
    executer_transition(Demande, demande.pk, "pre_valider", siao44)
    executer_transition(Demande, demande.pk, "valider", ddets44)
    page = client.get(_url(demande)).content.decode()
    assert "Validée" in page and "Annuler ma demande" not in page
    client.post(f"{_url(demande)}annuler/", {"motif": ""})
    demande.refresh_from_db()
    assert demande.etat == EtatDemande.VALIDEE


def test_les_actions_du_suivi_exigent_le_jeton_csrf():
    demande = DemandeFactory()
    client = Client(enforce_csrf_checks=True)
    assert client.post(f"{_url(demande)}annuler/", {"motif": ""}).status_code == 403
    assert client.post(_url(demande), {"action": "ajouter"}).status_code == 403
    demande.refresh_from_db()
    assert demande.etat == EtatDemande.SOUMISE


def test_le_jeton_est_long_et_aleatoire():
    jetons = {DemandeFactory().jeton for _ in range(3)}
    assert len(jetons) == 3
    assert all(re.fullmatch(r"[A-Za-z0-9_-]{43}", j) for j in jetons)
