"""Perimeters of every page of the control phase: list, inspect, edit, delete, history,
transition, document upload and download, measures, programmes. Out of perimeter → 404; the
entité controlled sees its controls only from the contradictory step on, answers during it,
not after its deadline."""

import html

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from backoffice.acces.perimetres import LECTURE, contient, filtrer, perimetre_pour
from backoffice.controle.choix import E, NatureDocument
from backoffice.controle.models import Controle, ProgrammeControle, joindre_document
from tests.acces.outils import assert_introuvable, pks_listes
from tests.controle.factories import controle_en, jours, mesure_pour, nouveau_controle, pdf

pytestmark = pytest.mark.django_db

VUES_OBJET = ["inspect", "edit", "delete", "history"]


def messages_de(response):
    return [str(m) for m in get_messages(response.wsgi_request)]


def texte(response):
    return html.unescape(response.content.decode())


@pytest.fixture
def controles(dispositif44, dispositif75, national):
    """One control of the 44 in each state, and one of the 75."""
    par_etat = {
        etat: controle_en(dispositif44, etat, national)
        for etat in (
            E.PROGRAMME,
            E.PREPARE,
            E.REALISE,
            E.RAPPORT_PROVISOIRE,
            E.PROCEDURE_CONTRADICTOIRE,
            E.RAPPORT_DEFINITIF,
            E.SUITES_EN_COURS,
            E.CLOS,
            E.ANNULE,
        )
    }
    par_etat["75"] = controle_en(dispositif75, E.PROCEDURE_CONTRADICTOIRE, national)
    return par_etat


VISIBLES_ENTITE = {E.PROCEDURE_CONTRADICTOIRE, E.RAPPORT_DEFINITIF, E.SUITES_EN_COURS, E.CLOS}


@pytest.mark.parametrize(
    ("role", "attendus"),
    [
        ("national", "tous"),
        ("ddets44", "44"),
        ("regional52", "44"),
        ("lecteur44", "44"),
        ("ddets75", "75"),
        ("gestionnaire44", "entite"),
        ("siao44", "aucun"),
    ],
)
def test_liste_limitee_au_perimetre(request, client, controles, role, attendus):
    client.force_login(request.getfixturevalue(role))
    response = client.get(reverse("controle:index"))
    if attendus == "aucun":
        assert response.status_code == 302  # no right on controls: refused
        return
    assert response.status_code == 200
    du_44 = {c.pk for cle, c in controles.items() if cle != "75"}
    attendu = {
        "tous": {c.pk for c in controles.values()},
        "44": du_44,
        "75": {controles["75"].pk},
        "entite": {controles[e].pk for e in VISIBLES_ENTITE},
    }[attendus]
    assert pks_listes(response) == attendu


@pytest.mark.parametrize("vue", VUES_OBJET)
def test_vues_objet_hors_perimetre_introuvables(client, controles, ddets75, vue):
    client.force_login(ddets75)
    assert_introuvable(client, reverse(f"controle:{vue}", args=[controles[E.PROGRAMME].pk]))


@pytest.mark.parametrize(
    "etat", [E.PROGRAMME, E.PREPARE, E.REALISE, E.RAPPORT_PROVISOIRE, E.ANNULE]
)
def test_l_entite_ne_voit_pas_le_controle_avant_le_contradictoire(
    client, controles, gestionnaire44, etat
):
    client.force_login(gestionnaire44)
    controle = controles[etat]
    for vue in ("inspect", "history"):
        assert_introuvable(client, reverse(f"controle:{vue}", args=[controle.pk]))
    assert_introuvable(client, reverse("controle:transition", args=[controle.pk, "repondre"]))
    assert_introuvable(
        client, reverse("controle:transition", args=[controle.pk, "repondre"]), "post"
    )
    assert_introuvable(client, reverse("controle:ajouter_document", args=[controle.pk]))
    # Its documents (the provisional report being written) are not served either.
    for document in controle.documents.all():
        assert client.get(document.document.url).status_code in (403, 404)
    # Nor does it appear on the dispositif's page.
    page = texte(client.get(reverse("dispositif:inspect", args=[controle.dispositif_id])))
    assert controle.reference not in page


def test_l_entite_voit_le_contradictoire_et_ses_documents(client, controles, gestionnaire44):
    client.force_login(gestionnaire44)
    controle = controles[E.PROCEDURE_CONTRADICTOIRE]
    page = texte(client.get(reverse("controle:inspect", args=[controle.pk])))
    assert 'data-transition="repondre"' in page
    assert f"jusqu'au {jours(30):%d/%m/%Y} inclus" in page
    # No edit link: the entité answers, it does not edit the control.
    assert reverse("controle:edit", args=[controle.pk]) not in page
    rapport = controle.documents.get(nature=NatureDocument.RAPPORT_PROVISOIRE)
    assert client.get(rapport.document.url).status_code == 200
    response = client.get(reverse("controle:edit", args=[controle.pk]))
    assert response.status_code == 302
    assert messages_de(response) == ["Seule la DDETS qui conduit le contrôle le modifie."]


def test_l_entite_repond_par_la_page(client, controles, gestionnaire44):
    client.force_login(gestionnaire44)
    controle = controles[E.PROCEDURE_CONTRADICTOIRE]
    url = reverse("controle:transition", args=[controle.pk, "repondre"])
    assert client.get(url).status_code == 200
    response = client.post(url, {"commentaire": ""})
    assert "Réponse de l'entité : ce champ est obligatoire." in texte(response)
    response = client.post(
        url, {"commentaire": "Le constat 1 est inexact.", "fichier": pdf("reponse.pdf")}
    )
    assert response.status_code == 302
    controle.refresh_from_db()
    assert controle.reponse_entite == "Le constat 1 est inexact."
    page = texte(client.get(reverse("controle:inspect", args=[controle.pk])))
    assert "Le constat 1 est inexact." in page
    assert 'data-transition="repondre"' not in page  # answered once


def test_l_entite_ne_repond_plus_apres_le_delai(client, controles, gestionnaire44):
    controle = controles[E.PROCEDURE_CONTRADICTOIRE]
    Controle.objects.filter(pk=controle.pk).update(date_limite_reponse=jours(-1))
    client.force_login(gestionnaire44)
    page = texte(client.get(reverse("controle:inspect", args=[controle.pk])))
    assert 'data-transition="repondre"' not in page
    assert f"Le délai de réponse a expiré le {jours(-1):%d/%m/%Y}" in page
    response = client.post(
        reverse("controle:transition", args=[controle.pk, "repondre"]),
        {"commentaire": "Trop tard"},
    )
    assert response.status_code == 200
    assert "la réponse n'est plus recevable" in texte(response)
    controle.refresh_from_db()
    assert controle.repondu_le is None
    # Nor can it attach documents any more.
    response = client.get(reverse("controle:ajouter_document", args=[controle.pk]))
    assert response.status_code == 302
    assert messages_de(response) == ["Vous ne pouvez pas ajouter de document ici."]


def test_l_entite_joint_un_document_a_sa_reponse(client, controles, gestionnaire44):
    client.force_login(gestionnaire44)
    controle = controles[E.PROCEDURE_CONTRADICTOIRE]
    url = reverse("controle:ajouter_document", args=[controle.pk])
    formulaire = client.get(url).context["form"]
    assert [code for code, _ in formulaire.fields["nature"].choices] == ["reponse_entite"]
    response = client.post(url, {"nature": "rapport_definitif", "fichier": pdf()})
    assert response.status_code == 200  # a nature it may not choose
    response = client.post(url, {"nature": "reponse_entite", "fichier": pdf("annexe.pdf")})
    assert response.status_code == 302
    assert controle.documents.filter(nature=NatureDocument.REPONSE_ENTITE).count() == 1


def test_transition_hors_perimetre_introuvable_et_sans_effet(client, controles, ddets75):
    client.force_login(ddets75)
    controle = controles[E.PROGRAMME]
    url = reverse("controle:transition", args=[controle.pk, "preparer"])
    assert_introuvable(client, url)
    assert_introuvable(client, url, "post")
    assert Controle.objects.get(pk=controle.pk).etat == E.PROGRAMME


def test_transition_refusee_en_francais(client, controles, lecteur44):
    client.force_login(lecteur44)
    controle = controles[E.PROGRAMME]
    response = client.post(reverse("controle:transition", args=[controle.pk, "preparer"]))
    assert messages_de(response) == ["Vous n'avez pas le droit d'effectuer cette action ici."]
    assert Controle.objects.get(pk=controle.pk).etat == E.PROGRAMME


def test_documents_hors_perimetre(client, controles, ddets75, national):
    controle = controles[E.RAPPORT_PROVISOIRE]
    client.force_login(ddets75)
    assert_introuvable(client, reverse("controle:ajouter_document", args=[controle.pk]))
    assert_introuvable(
        client,
        reverse("controle:ajouter_document", args=[controle.pk]),
        "post",
        {"nature": "piece", "fichier": pdf()},
    )
    rapport = controle.documents.get()
    assert client.get(rapport.document.url).status_code in (403, 404)
    assert controle.documents.count() == 1


def test_la_ddets_joint_un_document(client, controles, ddets44):
    client.force_login(ddets44)
    controle = controles[E.PREPARE]
    url = reverse("controle:ajouter_document", args=[controle.pk])
    response = client.post(url, {"nature": "lettre_mission", "fichier": pdf("mission.pdf")})
    assert response.status_code == 302
    document = controle.documents.get()
    assert document.get_nature_display() == "Lettre de mission"
    assert client.get(document.document.url).status_code == 200


# --- measures ---------------------------------------------------------------------------------


def test_mesures_suivent_le_perimetre_du_controle(client, controles, ddets75, gestionnaire44):
    definitif = controles[E.RAPPORT_DEFINITIF]
    provisoire = controles[E.RAPPORT_PROVISOIRE]
    visible = mesure_pour(definitif)
    cachee = mesure_pour(provisoire)
    client.force_login(ddets75)
    for vue in ("inspect", "edit", "delete", "history"):
        assert_introuvable(client, reverse(f"mesure:{vue}", args=[visible.pk]))
    assert_introuvable(client, reverse("mesure:transition", args=[visible.pk, "lever"]), "post")
    assert_introuvable(client, reverse("mesure:proposer_avenant", args=[visible.pk]), "post")
    assert_introuvable(client, reverse("mesure:proposer_fermeture", args=[visible.pk]), "post")
    assert_introuvable(client, reverse("mesure:ajouter_document", args=[visible.pk]))
    client.force_login(gestionnaire44)
    assert client.get(reverse("mesure:inspect", args=[visible.pk])).status_code == 200
    assert_introuvable(client, reverse("mesure:inspect", args=[cachee.pk]))
    de_l_entite = {
        m.pk for c in controles.values() if c.etat in VISIBLES_ENTITE for m in c.mesures.all()
    }
    assert visible.pk in de_l_entite and cachee.pk not in de_l_entite
    assert pks_listes(client.get(reverse("mesure:index"))) == de_l_entite


def test_la_ddets_ajoute_une_mesure_depuis_le_controle(client, controles, ddets44, ddets75):
    controle = controles[E.RAPPORT_DEFINITIF]
    client.force_login(ddets44)
    page = texte(client.get(reverse("controle:inspect", args=[controle.pk])))
    url = f"{reverse('mesure:add')}?controle={controle.pk}"
    assert url.replace("&", "&amp;") in html.escape(page, quote=False) or url in page
    response = client.post(
        url,
        {"controle": controle.pk, "type_mesure": "injonction", "texte": "Sécuriser l'accès."},
    )
    assert response.status_code == 200
    assert "Une injonction ou une mise en demeure fixe une échéance." in texte(response)
    response = client.post(
        url,
        {
            "controle": controle.pk,
            "type_mesure": "injonction",
            "texte": "Sécuriser l'accès.",
            "echeance": jours(30).isoformat(),
        },
    )
    assert response.status_code == 302
    assert controle.mesures.get().cree_par == ddets44
    client.force_login(ddets75)
    response = client.post(
        reverse("mesure:add"),
        {"controle": controle.pk, "type_mesure": "recommandation", "texte": "Hors périmètre"},
    )
    assert response.status_code == 200
    assert controle.mesures.count() == 1


# --- programmes -------------------------------------------------------------------------------


def test_programmes_limites_au_departement(client, ddets44, ddets75, gestionnaire44):
    programme = ProgrammeControle.objects.create(departement_id="44", annee=2026)
    client.force_login(ddets75)
    assert pks_listes(client.get(reverse("programme_controle:index"))) == set()
    for vue in ("inspect", "edit", "delete"):
        assert_introuvable(client, reverse(f"programme_controle:{vue}", args=[programme.pk]))
    assert_introuvable(client, reverse("programme_controle:proposer", args=[programme.pk]), "post")
    response = client.post(reverse("programme_controle:add"), {"departement": "44", "annee": 2027})
    assert response.status_code == 200
    assert ProgrammeControle.objects.count() == 1
    client.force_login(gestionnaire44)
    # No right on programmes: Wagtail's refusal (a redirect with a message).
    assert client.get(reverse("programme_controle:index")).status_code == 302
    client.force_login(ddets44)
    assert pks_listes(client.get(reverse("programme_controle:index"))) == {programme.pk}


def test_ajout_d_un_controle_hors_perimetre_refuse(client, dispositif75, ddets44):
    client.force_login(ddets44)
    response = client.post(
        reverse("controle:add"),
        {
            "dispositif": dispositif75.pk,
            "type_controle": "sur_place",
            "themes": ["financier"],
            "constats-TOTAL_FORMS": "0",
            "constats-INITIAL_FORMS": "0",
            "constats-MIN_NUM_FORMS": "0",
            "constats-MAX_NUM_FORMS": "1000",
        },
    )
    assert response.status_code == 200
    assert not Controle.objects.exists()


def test_la_ddets_programme_un_controle_depuis_le_dispositif(client, dispositif44, ddets44):
    client.force_login(ddets44)
    page = texte(client.get(reverse("dispositif:inspect", args=[dispositif44.pk])))
    assert f"{reverse('controle:add')}?dispositif={dispositif44.pk}" in page
    response = client.post(
        reverse("controle:add"),
        {
            "dispositif": dispositif44.pk,
            "type_controle": "inopine",
            "themes": ["securite", "accompagnement"],
            "date_prevue": jours(5).isoformat(),
            "inspecteurs": "Mme Durand (DDETS)",
            "origine": "Signalement d'un incident",
            "constats-TOTAL_FORMS": "0",
            "constats-INITIAL_FORMS": "0",
            "constats-MIN_NUM_FORMS": "0",
            "constats-MAX_NUM_FORMS": "1000",
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    controle = Controle.objects.get()
    assert controle.themes == ["securite", "accompagnement"]
    assert (controle.cree_par, controle.entite_id) == (ddets44, dispositif44.entite_id)
    page = texte(client.get(reverse("controle:inspect", args=[controle.pk])))
    assert "Sécurité, Qualité de l'accompagnement" in page
    page = texte(client.get(reverse("dispositif:inspect", args=[dispositif44.pk])))
    assert controle.reference in page


def test_supprimer_un_controle_programme_seulement(client, dispositif44, ddets44, national):
    client.force_login(ddets44)
    programme = nouveau_controle(dispositif44)
    response = client.post(reverse("controle:delete", args=[programme.pk]))
    assert response.status_code == 302
    assert [m.strip() for m in messages_de(response)] == [
        f"Le contrôle « {programme} » a été supprimé."
    ]
    assert not Controle.objects.filter(pk=programme.pk).exists()
    realise = controle_en(dispositif44, E.REALISE, national)
    response = client.post(reverse("controle:delete", args=[realise.pk]))
    assert messages_de(response)[-1:] == [
        "Un contrôle engagé ne se supprime pas : il s'annule (« Annuler le contrôle ») ou se clôt."
    ]
    assert Controle.objects.filter(pk=realise.pk).exists()


def test_document_joint_par_le_service(controles, national):
    controle = controles[E.PREPARE]
    joindre_document(controle, pdf("piece.pdf"), NatureDocument.PIECE, national)
    assert controle.documents.get().document.collection.name == "Contrôles"


@pytest.mark.parametrize(
    "role",
    ["national", "ddets44", "ddets75", "regional52", "lecteur44", "gestionnaire44", "siao44"],
)
def test_contient_repond_comme_filtrer(request, controles, role):
    """The row rule in Python (`dans_perimetre`, and the children's parent) agrees with the
    query for every object of the control phase, in every state."""
    user = request.getfixturevalue(role)
    mesure_pour(controles[E.RAPPORT_PROVISOIRE])
    for etat in (E.PREPARE, E.RAPPORT_DEFINITIF):
        controles[etat].constats.create(theme="financier", texte="Comptes non certifiés")
    ProgrammeControle.objects.create(departement_id="44", annee=2026)
    modeles = [
        Controle,
        ProgrammeControle,
        Controle.mesures.rel.related_model,
        Controle.constats.rel.related_model,
        Controle.documents.rel.related_model,
    ]
    for modele in modeles:
        perimetre = perimetre_pour(user, modele._meta.label_lower, LECTURE)
        for objet in modele._base_manager.all():
            attendu = filtrer(modele._base_manager.filter(pk=objet.pk), perimetre).exists()
            assert contient(perimetre, objet) == attendu, (modele, objet, role)
