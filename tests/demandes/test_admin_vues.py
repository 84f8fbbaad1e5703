"""Admin screens of the requests: queues, filters, search, export, inspect page (timeline,
internal comments, attachments, duplicates), transition buttons and their messages, the
materialisation on validation and the e-mails of each step."""

import csv
import datetime
import io

import openpyxl
import pytest
from django.contrib.messages import get_messages
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from backoffice.demandes.models import Demande, EtatDemande, TypeDemande
from backoffice.offre.models import (
    Dispositif,
    EntiteGestionnaire,
    Financement,
    GroupeDePlaces,
    TypeDispositif,
)
from tests.demandes.factories import DemandeFactory, piece_jointe
from tests.factories import DispositifFactory, EntiteFactory, siren_valide, siret_valide

pytestmark = pytest.mark.django_db


def messages_de(response):
    """The messages this response left; then forgotten (as the next page displaying them
    would), so that each response is judged on its own messages."""
    resultat = [str(m) for m in get_messages(response.wsgi_request)]
    response.client.cookies.pop("messages", None)
    return resultat


def contenu(response):
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


def pks(response):
    return [d.pk for d in response.context["object_list"]]


def vieillir(demande, jours):
    """Set how long the request has been waiting in its state (not the state itself)."""
    Demande.objects.filter(pk=demande.pk).update(
        etat_depuis=timezone.now() - datetime.timedelta(days=jours)
    )


# ---------------------------------------------------------------------------------------------
# Queues, filters, search, export
# ---------------------------------------------------------------------------------------------


@pytest.fixture
def file44():
    recente = DemandeFactory()
    ancienne = DemandeFactory()
    vieillir(recente, 2)
    vieillir(ancienne, 12)
    return {
        "recente": recente,
        "ancienne": ancienne,
        "pre_validee": DemandeFactory(etat=EtatDemande.PRE_VALIDEE),
        "a_completer": DemandeFactory(etat=EtatDemande.A_COMPLETER),
        "validee": DemandeFactory(etat=EtatDemande.VALIDEE),
        "refusee": DemandeFactory(etat=EtatDemande.REFUSEE),
        "paris": DemandeFactory(departement_id="75"),
    }


def test_files_de_travail_plus_ancienne_d_abord_avec_compteurs(client, siao44, file44):
    client.force_login(siao44)
    response = client.get(reverse("demande:index"), {"file": "a_pre_valider"})
    assert response.status_code == 200
    assert pks(response) == [file44["ancienne"].pk, file44["recente"].pk]
    assert [d.age_jours for d in response.context["object_list"]] == [12, 2]
    html = response.content.decode()
    compteurs = {f["code"]: f["nombre"] for f in response.context["files"]}
    # Scoped: the Paris request is not counted.
    assert compteurs == {"a_pre_valider": 2, "a_valider": 1, "a_completer": 1, "traitees": 2}
    response = client.get(reverse("demande:index"), {"file": "a_valider"})
    assert pks(response) == [file44["pre_validee"].pk]
    response = client.get(reverse("demande:index"), {"file": "traitees"})
    assert set(pks(response)) == {file44["validee"].pk, file44["refusee"].pk}
    # The bulk-action form and a checkbox per row, for those who act on requests.
    assert 'id="actions-groupees"' in html
    assert f'value="{file44["ancienne"].pk}" form="actions-groupees"' in html


def test_le_lecteur_voit_la_liste_sans_cases_ni_actions(client, lecteur44, file44):
    client.force_login(lecteur44)
    response = client.get(reverse("demande:index"))
    assert response.status_code == 200
    assert "actions-groupees" not in response.content.decode()
    assert file44["paris"].pk not in pks(response)


def test_filtres_etat_type_departement_nature(client, national, file44):
    hotel = DemandeFactory(
        type_dispositif=TypeDispositif.objects.get(code="HEB_HOTEL"),
        type_demande=TypeDemande.MODIFICATION,
    )
    client.force_login(national)
    index = reverse("demande:index")
    assert pks(client.get(index, {"etat": "refusee"})) == [file44["refusee"].pk]
    assert pks(client.get(index, {"type_demande": "modification"})) == [hotel.pk]
    assert pks(client.get(index, {"departement": "75"})) == [file44["paris"].pk]
    nature = hotel.type_dispositif.nature_id
    assert pks(client.get(index, {"nature": nature})) == [hotel.pk]


def test_choix_de_departement_limites_au_perimetre(client, siao44, file44):
    client.force_login(siao44)
    response = client.get(reverse("demande:index"))
    choix = set(
        response.context["filters"]
        .form.fields["departement"]
        .queryset.values_list("code", flat=True)
    )
    assert choix == {"44"}


def test_recherche_par_numero_nom_et_organisation(client, siao44, file44):
    cible = DemandeFactory(
        demandeur_organisation="Fondation Étoile du Berger",
        donnees_dispositif={"nom": "Résidence des Mouettes", "commune": "Nantes"},
    )
    client.force_login(siao44)
    index = reverse("demande:index")
    assert pks(client.get(index, {"q": cible.numero})) == [cible.pk]
    assert pks(client.get(index, {"q": "mouettes"})) == [cible.pk]
    assert pks(client.get(index, {"q": "berger fondation"})) == [cible.pk]
    # Another département's request is not found by its number either.
    assert pks(client.get(index, {"q": file44["paris"].numero})) == []


@pytest.mark.parametrize("format_", ["csv", "xlsx"])
def test_export_de_la_liste_filtree(client, siao44, file44, format_):
    client.force_login(siao44)
    response = client.get(reverse("demande:index"), {"file": "a_pre_valider", "export": format_})
    assert response.status_code == 200
    brut = contenu(response)
    if format_ == "csv":
        lignes = list(csv.reader(io.StringIO(brut.decode("utf-8-sig")), delimiter=";"))
    else:
        classeur = openpyxl.load_workbook(io.BytesIO(brut), read_only=True)
        lignes = [[str(c) if c is not None else "" for c in r] for r in classeur.active.values]
        classeur.close()
    assert lignes[0][:3] == ["Numéro", "Type de demande", "Dispositif"]
    numeros = {ligne[0] for ligne in lignes[1:]}
    assert numeros == {file44["ancienne"].numero, file44["recente"].numero}


def test_menu_des_files(client, siao44):
    client.force_login(siao44)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    for file in ("a_pre_valider", "a_valider", "a_completer", "traitees"):
        assert f"{reverse('demande:index')}?file={file}" in html


# ---------------------------------------------------------------------------------------------
# Inspect page and transitions
# ---------------------------------------------------------------------------------------------


def poster(client, demande, transition, **donnees):
    return client.post(reverse("demande:transition", args=[demande.pk, transition]), donnees)


def test_circuit_complet_par_les_boutons(
    client, siao44, ddets44, django_capture_on_commit_callbacks
):
    demande = DemandeFactory()
    avant = {
        m: m.objects.count() for m in (EntiteGestionnaire, Dispositif, GroupeDePlaces, Financement)
    }
    client.force_login(siao44)
    page = client.get(reverse("demande:inspect", args=[demande.pk])).content.decode()
    assert 'data-transition="pre_valider"' in page
    assert 'data-transition="valider"' not in page  # a CADA: no direct validation
    with django_capture_on_commit_callbacks(execute=True):
        response = poster(client, demande, "pre_valider", commentaire="Dossier complet")
    assert messages_de(response) == [f"{demande.numero} : pré-validée."]
    # The requester is told, and the DDETS of the département is asked to validate.
    destinataires = {tuple(m.to): m.subject for m in mail.outbox}
    assert destinataires[(demande.demandeur_courriel,)].endswith("pré-validée par le SIAO.")
    assert destinataires[(ddets44.email,)] == f"Demande à valider : {demande.numero}"
    assert len(mail.outbox) == 2

    mail.outbox.clear()
    client.force_login(ddets44)
    with django_capture_on_commit_callbacks(execute=True):
        response = poster(client, demande, "valider", commentaire="Validé en CDAD")
    assert messages_de(response) == [f"{demande.numero} : validée."]
    demande.refresh_from_db()
    assert demande.etat == EtatDemande.VALIDEE
    apres = {
        m: m.objects.count() for m in (EntiteGestionnaire, Dispositif, GroupeDePlaces, Financement)
    }
    assert {m: apres[m] - avant[m] for m in avant} == dict.fromkeys(avant, 1)
    assert demande.dispositif.entite == demande.entite
    assert demande.dispositif.nom == demande.donnees_dispositif["nom"]
    assert [m.to for m in mail.outbox] == [[demande.demandeur_courriel]]
    assert "validée" in mail.outbox[0].subject

    page = client.get(reverse("demande:inspect", args=[demande.pk])).content.decode()
    assert "Dossier complet" in page and "Validé en CDAD" in page
    assert siao44.get_full_name() in page and ddets44.get_full_name() in page
    assert "data-transition" not in page  # nothing left to do


def test_validation_directe_des_natures_simples(client, siao44, django_capture_on_commit_callbacks):
    demande = DemandeFactory(type_dispositif=TypeDispositif.objects.get(code="HEB_HOTEL"))
    client.force_login(siao44)
    page = client.get(reverse("demande:inspect", args=[demande.pk])).content.decode()
    assert 'data-transition="valider"' in page and "Valider directement" in page
    with django_capture_on_commit_callbacks(execute=True):
        response = poster(client, demande, "valider")
    assert messages_de(response) == [f"{demande.numero} : validée."]
    demande.refresh_from_db()
    assert demande.etat == EtatDemande.VALIDEE
    assert demande.dispositif.type.code == "HEB_HOTEL"
    assert [m.to for m in mail.outbox] == [[demande.demandeur_courriel]]


def test_demande_de_complements_envoie_la_question_au_demandeur(
    client, siao44, django_capture_on_commit_callbacks
):
    demande = DemandeFactory()
    client.force_login(siao44)
    with django_capture_on_commit_callbacks(execute=True):
        poster(client, demande, "demander_complements", commentaire="Joignez le budget 2026.")
    demande.refresh_from_db()
    assert demande.etat == EtatDemande.A_COMPLETER
    assert [m.to for m in mail.outbox] == [[demande.demandeur_courriel]]
    assert "Joignez le budget 2026." in mail.outbox[0].body


@pytest.mark.parametrize("transition", ["refuser", "demander_complements"])
def test_commentaire_obligatoire(client, siao44, transition):
    demande = DemandeFactory()
    client.force_login(siao44)
    response = poster(client, demande, transition, commentaire="   ")
    assert response.status_code == 302
    (message,) = messages_de(response)
    assert "obligatoire" in message or "Précisez" in message
    demande.refresh_from_db()
    assert demande.etat == EtatDemande.SOUMISE


def test_refus_avec_motif_affiche(client, ddets44, django_capture_on_commit_callbacks):
    demande = DemandeFactory(etat=EtatDemande.PRE_VALIDEE)
    client.force_login(ddets44)
    with django_capture_on_commit_callbacks(execute=True):
        response = poster(client, demande, "refuser", commentaire="Hors schéma régional.")
    assert messages_de(response) == [f"{demande.numero} : refusée."]
    assert "Hors schéma régional." in mail.outbox[0].body
    page = client.get(reverse("demande:inspect", args=[demande.pk])).content.decode()
    assert 'data-champ="motif-refus">Hors schéma régional.' in page


def test_jamais_de_500(client, siao44):
    demande = DemandeFactory()
    client.force_login(siao44)
    url = reverse("demande:transition", args=[demande.pk, "pre_valider"])
    assert client.get(url).status_code == 405
    response = poster(client, demande, "supprimer_tout")
    assert response.status_code == 302
    assert messages_de(response) == ["Action inconnue : « supprimer_tout »."]
    response = poster(client, demande, "save")  # a method, not a transition
    assert response.status_code == 302
    assert client.post(reverse("demande:transition", args=[999999, "valider"])).status_code == 404
    demande.refresh_from_db()
    assert demande.etat == EtatDemande.SOUMISE


def test_ni_edition_ni_suppression(client, national):
    demande = DemandeFactory()
    client.force_login(national)
    response = client.get(reverse("demande:edit", args=[demande.pk]))
    assert response["Location"] == reverse("demande:inspect", args=[demande.pk])
    response = client.post(reverse("demande:delete", args=[demande.pk]))
    assert response["Location"] == reverse("wagtailadmin_home")
    assert Demande.objects.filter(pk=demande.pk).exists()
    response = client.get(reverse("demande:add"))
    assert response["Location"] == reverse("dispositif:index")


def test_commentaire_interne_jamais_montre_au_demandeur(
    client, siao44, ddets44, gestionnaire44, dispositif44, django_capture_on_commit_callbacks
):
    demande = DemandeFactory(
        type_demande=TypeDemande.MODIFICATION,
        dispositif=dispositif44,
        entite=dispositif44.entite,
        type_dispositif=dispositif44.type,
        donnees_dispositif={"places_autorisees": 90},
        groupes=[],
        financements=[],
        compte_demandeur=gestionnaire44,
        demandeur_courriel=gestionnaire44.email,
    )
    client.force_login(siao44)
    with django_capture_on_commit_callbacks(execute=True):
        poster(
            client,
            demande,
            "pre_valider",
            commentaire="Attention : gestionnaire en difficulté financière.",
            interne="on",
        )
    # Not in the requester's e-mail either.
    courriel = next(m for m in mail.outbox if m.to == [gestionnaire44.email])
    assert "difficulté" not in courriel.body

    client.force_login(ddets44)
    page = client.get(reverse("demande:inspect", args=[demande.pk])).content.decode()
    assert "difficulté financière" in page and "Commentaire interne" in page
    assert client.get(reverse("demande:history", args=[demande.pk])).status_code == 200

    client.force_login(gestionnaire44)
    response = client.get(reverse("demande:inspect", args=[demande.pk]))
    assert response.status_code == 200
    page = response.content.decode()
    assert "difficulté" not in page
    assert "Pré-validée" in page  # the step itself is shown
    assert 'name="interne"' not in page
    # The full log shows internal comments: not for the requester's side.
    response = client.get(reverse("demande:history", args=[demande.pk]))
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_home")


def test_pieces_jointes_telechargees_par_une_vue_controlee(client, siao44, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    demande = DemandeFactory()
    piece = piece_jointe(demande, "Budget prévisionnel.pdf", b"%PDF-1.4", fichier="budget.pdf")
    client.force_login(siao44)
    page = client.get(reverse("demande:inspect", args=[demande.pk])).content.decode()
    url = reverse("demande:piece", args=[piece.pk])
    assert f'href="{url}"' in page
    assert piece.fichier.url not in page  # never the raw media URL
    response = client.get(url)
    assert response.status_code == 200
    assert contenu(response) == b"%PDF-1.4"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["Content-Type"] == "application/pdf"


def test_doublons_possibles_dans_le_perimetre_seulement(client, siao44):
    siren = siren_valide(4242)
    entite = EntiteFactory(siren=siren, raison_sociale="Horizon historique")
    homonyme = DispositifFactory(nom="CADA Les Dunes", commune="Saint-Nazaire", entite=entite)
    meme_siret = DispositifFactory(siret=siret_valide(siren, 7), entite=entite)
    ailleurs = DispositifFactory(
        departement_id="75", nom="CADA Les Dunes", commune="Saint-Nazaire", finess="750000001"
    )
    demande = DemandeFactory(
        nouvelle_entite={
            "siren": siren,
            "raison_sociale": "Horizon",
            "statut_juridique": "association",
        },
        donnees_dispositif={
            "nom": "cada les dunes",
            "commune": "SAINT-NAZAIRE",
            "siret": siret_valide(siren, 7),
            "finess": "750000001",
            "places_autorisees": 60,
        },
    )
    client.force_login(siao44)
    response = client.get(reverse("demande:inspect", args=[demande.pk]))
    doublons = response.context["doublons"]
    assert [e for e, _ in doublons["entites"]] == [entite]
    trouves = dict(doublons["dispositifs"])
    assert trouves == {homonyme: ["même nom et même commune"], meme_siret: ["même SIRET"]}
    assert ailleurs not in trouves
    page = response.content.decode()
    assert "Doublons possibles" in page and ailleurs.code not in page
