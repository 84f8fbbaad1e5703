"""Admin screens of calls and candidatures over HTTP: forms and bad input, filing, scoring,
ranking (sortable, exportable), perimeters, documents."""

import datetime
import html

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone

from backoffice.acces.roles import Role
from backoffice.appels.models import AppelAProjets, Candidature, CritereSelection
from backoffice.appels.services import ajouter_document
from tests.acces.outils import cellules_export, donnees_formulaire, formulaire_de, lignes_export
from tests.appels.factories import appel_44, deposer, noter, ouvrir_instruction, publier
from tests.conventions.factories import pdf
from tests.factories import EntiteFactory, UserFactory, affecter
from workflows.services import executer_transition

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media_temporaire")]


def texte(response):
    return html.unescape(response.content.decode())


def donnees_appel(client, repartition=(("44", 60),), criteres=(("Qualité", 2),), **valeurs):
    form = formulaire_de(client, reverse("appel:add"))
    data = donnees_formulaire(form)
    demain = timezone.localdate() + datetime.timedelta(days=1)
    data.update(
        {
            "titre": "CADA 2027",
            "type_dispositif": "CADA",
            "region": "52",
            "places_recherchees": "60",
            "cout_journalier_cible": "19.50",
            "date_publication": demain.isoformat(),
            "date_limite": f"{(demain + datetime.timedelta(days=45)).isoformat()} 12:00",
        }
    )
    prefixe = form.formsets["repartitions"].prefix
    data[f"{prefixe}-TOTAL_FORMS"] = str(len(repartition))
    for rang, (code, places) in enumerate(repartition):
        data[f"{prefixe}-{rang}-departement"] = code
        data[f"{prefixe}-{rang}-places_recherchees"] = str(places)
    prefixe = form.formsets["criteres"].prefix
    data[f"{prefixe}-TOTAL_FORMS"] = str(len(criteres))
    for rang, (libelle, poids) in enumerate(criteres):
        data[f"{prefixe}-{rang}-libelle"] = libelle
        data[f"{prefixe}-{rang}-poids"] = str(poids)
        data[f"{prefixe}-{rang}-ordre"] = str(rang)
    data.update(valeurs)
    return data


def test_creation_d_un_appel(client, ddets44):
    client.force_login(ddets44)
    response = client.post(reverse("appel:add"), donnees_appel(client))
    assert response.status_code == 302, texte(response)
    appel = AppelAProjets.objects.get()
    assert appel.reference.startswith("AAP-52-")
    assert appel.departements == ["44"]
    assert list(appel.criteres.values_list("libelle", "poids")) == [("Qualité", 2)]
    assert appel.cree_par == ddets44


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        ({"repartition": ()}, "hors de votre périmètre"),
        ({"repartition": (("44", 61),)}, "dépasse les 60 places recherchées"),
        ({"repartition": (("75", 10),)}, "Sélectionnez un choix valide"),
        ({"criteres": ()}, "au moins un critère"),
        ({"places_recherchees": "beaucoup"}, "Saisissez un nombre entier"),
        ({"places_recherchees": "-3"}, "supérieure ou égale à 0"),
        ({"cout_journalier_cible": "-1"}, "Le coût ne peut pas être négatif"),
        ({"date_limite": "2020-01-01 12:00"}, "La date limite précède la date de publication"),
        ({"criteres": (("Qualité", 0),)}, "Le poids est au moins 1"),
    ],
)
def test_saisies_invalides_d_un_appel(client, ddets44, arguments, message):
    client.force_login(ddets44)
    valeurs = {k: v for k, v in arguments.items() if k not in ("repartition", "criteres")}
    autres = {k: v for k, v in arguments.items() if k in ("repartition", "criteres")}
    response = client.post(reverse("appel:add"), donnees_appel(client, **autres, **valeurs))
    assert response.status_code == 200
    assert message in texte(response)
    assert not AppelAProjets.objects.exists()


def test_fiche_de_l_appel_et_transitions(client, national, ddets44, gestionnaire44, dispositif44):
    appel = appel_44()
    client.force_login(gestionnaire44)
    assert client.get(reverse("appel:inspect", args=[appel.pk])).status_code == 404  # draft
    client.force_login(ddets44)
    contenu = texte(client.get(reverse("appel:inspect", args=[appel.pk])))
    assert 'data-transition="soumettre"' in contenu
    assert 'data-flux="recherchees">100<' in contenu
    response = client.post(reverse("appel:transition", args=[appel.pk, "soumettre"]))
    assert response.status_code == 302
    appel.refresh_from_db()
    assert appel.etat == "soumis"
    response = client.post(reverse("appel:transition", args=[appel.pk, "publier"]))
    messages = [str(m) for m in get_messages(response.wsgi_request)]
    assert any("n'est plus possible" in m for m in messages)
    appel.refresh_from_db()
    assert appel.etat == "soumis"


def donnees_candidature(client, appel, **valeurs):
    form = formulaire_de(client, f"{reverse('candidature:add')}?appel={appel.pk}")
    data = donnees_formulaire(form)
    data.update(
        {
            "nom_projet": "CADA du Sillon",
            "places_proposees": "25",
            "communes": "Saint-Herblain",
            "cout_journalier": "18.90",
        }
    )
    data.update(valeurs)
    return data


def test_depot_par_formulaire(client, national, gestionnaire44, dispositif44):
    appel = publier(appel_44(), national)
    client.force_login(gestionnaire44)
    form = formulaire_de(client, f"{reverse('candidature:add')}?appel={appel.pk}")
    assert form.initial.get("appel") == appel.pk or form.instance.appel == appel
    data = donnees_candidature(client, appel, dossier=pdf("dossier.pdf"))
    response = client.post(reverse("candidature:add"), data)
    assert response.status_code == 302, texte(response)
    candidature = Candidature.objects.get()
    assert (candidature.entite, candidature.departement_id) == (dispositif44.entite, "44")
    assert candidature.documents.get().nature == "dossier"


@pytest.mark.parametrize(
    ("valeurs", "message"),
    [
        ({"places_proposees": "0"}, "Au moins une place"),
        ({"places_proposees": "vingt"}, "Saisissez un nombre entier"),
        ({"cout_journalier": "-2"}, "Le coût ne peut pas être négatif"),
        ({"dossier": "exe"}, "Type de fichier refusé"),
    ],
)
def test_depot_saisies_invalides(client, national, gestionnaire44, dispositif44, valeurs, message):
    from django.core.files.uploadedfile import SimpleUploadedFile

    appel = publier(appel_44(), national)
    client.force_login(gestionnaire44)
    if valeurs.get("dossier") == "exe":
        valeurs["dossier"] = SimpleUploadedFile("dossier.exe", b"MZ")
    response = client.post(
        reverse("candidature:add"), donnees_candidature(client, appel, **valeurs)
    )
    assert response.status_code == 200
    assert message in texte(response)
    assert not Candidature.objects.exists()


def test_depot_apres_la_date_limite_par_formulaire(client, national, gestionnaire44, dispositif44):
    appel = publier(appel_44(), national)
    client.force_login(gestionnaire44)
    data = donnees_candidature(client, appel)
    # The deadline passes while the form is open (the hourly closing has not run yet).
    AppelAProjets.objects.filter(pk=appel.pk).update(
        date_limite=timezone.now() - datetime.timedelta(minutes=1)
    )
    response = client.post(reverse("candidature:add"), data)
    assert response.status_code == 200
    assert "La date limite de dépôt est passée" in texte(response)
    assert not Candidature.objects.exists()


def test_notation_par_formulaire_et_classement(
    client, national, ddets44, gestionnaire44, dispositif44
):
    appel = publier(appel_44(), national)
    a = deposer(gestionnaire44, appel, dispositif44.entite, nom_projet="Projet A")
    b = deposer(ddets44, appel, EntiteFactory(), nom_projet="Projet B")
    ouvrir_instruction(appel, ddets44)
    client.force_login(ddets44)
    url = reverse("candidature:transition_groupee", args=["declarer_recevable"])
    client.post(url, {"objets": [a.pk, b.pk]})
    qualite, cout = CritereSelection.objects.filter(appel=appel).order_by("ordre")
    url = reverse("candidature:transition", args=[a.pk, "instruire"])
    for note, message in (("quinze", "Saisissez un nombre"), ("21", "au plus 20")):
        response = client.post(url, {f"note_{qualite.pk}": note, f"note_{cout.pk}": "10"})
        assert message in texte(response)
    a.refresh_from_db()
    assert (a.etat, a.score) == ("recevable", None)
    client.post(url, {f"note_{qualite.pk}": "12", f"note_{cout.pk}": "12", "commentaire": "Solide"})
    noter(b, ddets44, [18, 14])
    a.refresh_from_db()
    assert (a.etat, str(a.score), a.commentaire_instruction) == ("instruite", "12.00", "Solide")

    response = client.get(reverse("candidature:index"), {"appel": appel.pk, "ordering": "-score"})
    assert [c.nom_projet for c in response.context["object_list"]] == ["Projet B", "Projet A"]
    lignes = lignes_export(
        client.get(
            reverse("candidature:index"), {"appel": appel.pk, "ordering": "-score", "export": "csv"}
        ),
        "csv",
    )
    assert [ligne[1] for ligne in lignes[1:]] == ["Projet B", "Projet A"]
    assert "17,00" in lignes[1]  # French decimal comma in CSV
    contenu = texte(client.get(reverse("appel:inspect", args=[appel.pk])))
    assert contenu.index("Projet B") < contenu.index("Projet A")


def test_candidatures_limitees_au_perimetre(
    client, national, ddets75, gestionnaire44, dispositif44
):
    appel = publier(appel_44(), national)
    candidature = deposer(gestionnaire44, appel, dispositif44.entite)
    autre_gestionnaire = UserFactory()
    affecter(autre_gestionnaire, Role.GESTIONNAIRE, entite=EntiteFactory())
    for user in (ddets75, autre_gestionnaire):
        client.force_login(user)
        assert client.get(reverse("candidature:inspect", args=[candidature.pk])).status_code == 404
        cellules = cellules_export(
            client.get(reverse("candidature:index"), {"export": "csv"}), "csv"
        )
        assert candidature.nom_projet not in cellules
    document = ajouter_document(candidature, pdf("budget.pdf"), "budget", gestionnaire44).document
    client.force_login(autre_gestionnaire)
    assert client.get(document.url).status_code == 404
    client.force_login(gestionnaire44)
    assert client.get(document.url).status_code == 200


def test_document_de_candidature_garde_le_titre_saisi(
    client, national, gestionnaire44, dispositif44, media_temporaire
):
    appel = publier(appel_44(), national)
    candidature = deposer(gestionnaire44, appel, dispositif44.entite)
    client.force_login(gestionnaire44)
    url = reverse("candidature:ajouter_document", args=[candidature.pk])
    client.post(url, {"nature": "budget", "fichier": pdf("b.pdf"), "titre": "Budget 2027"})
    client.post(url, {"nature": "budget", "fichier": pdf("c.pdf"), "titre": ""})
    titres = [d.document.title for d in candidature.documents.order_by("pk")]
    assert titres[-2:] == ["Budget 2027", f"{candidature.numero} – Budget prévisionnel"]


def test_conventionner_par_la_vue(client, national, ddets44, gestionnaire44, dispositif44):
    appel = publier(appel_44(), national)
    candidature = deposer(gestionnaire44, appel, dispositif44.entite, nom_projet="CADA Neuf")
    ouvrir_instruction(appel, ddets44)
    executer_transition(Candidature, candidature.pk, "declarer_recevable", ddets44)
    noter(candidature, ddets44, [15, 15])
    executer_transition(Candidature, candidature.pk, "retenir", ddets44, places_retenues=40)
    executer_transition(AppelAProjets, appel.pk, "arreter_selection", ddets44)
    client.force_login(ddets44)
    url = reverse("candidature:transition", args=[candidature.pk, "conventionner"])
    response = client.post(url, {"date_debut": "pas une date"})
    assert "Saisissez une date valide" in texte(response)
    response = client.post(url, {"date_debut": timezone.localdate().isoformat()})
    assert response.status_code == 302
    candidature.refresh_from_db()
    assert candidature.convention.lignes.get().places_conventionnees == 40
    contenu = texte(client.get(reverse("candidature:inspect", args=[candidature.pk])))
    assert candidature.convention.numero in contenu and "CADA Neuf" in contenu
