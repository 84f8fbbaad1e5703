"""Admin screens of the schéma over HTTP: import (preview, confirmation, errors), evaluation
page (atomic save, concurrent edits, read-only roles), summary and exports, forms, deletions,
query counts."""

import html
import io

import openpyxl
import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from backoffice.schemas import services
from backoffice.schemas.models import (
    ActionSchema,
    CampagneEvaluation,
    EvaluationAction,
    Objectif,
    SchemaRegional,
    Thematique,
)
from tests.acces.outils import assert_refuse, contenu, donnees_formulaire, formulaire_de
from tests.schemas.conftest import classeur, lignes_tsv
from tests.schemas.outils import petit_schema

pytestmark = pytest.mark.django_db


def texte(response):
    return html.unescape(response.content.decode())


def messages_de(response):
    return [str(m) for m in get_messages(response.wsgi_request)]


def comptes():
    return (
        Objectif.objects.count(),
        Thematique.objects.count(),
        ActionSchema.objects.count(),
        CampagneEvaluation.objects.count(),
        EvaluationAction.objects.count(),
    )


def fichier(contenu_xlsx, nom="grille.xlsx"):

    return SimpleUploadedFile(
        nom,
        contenu_xlsx,
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )


def lignes_xlsx(brut):
    wb = openpyxl.load_workbook(io.BytesIO(brut), read_only=True)
    try:
        return [list(ligne) for ligne in wb.active.iter_rows(values_only=True)]
    finally:
        wb.close()


# ---------------------------------------------------------------------------------------------
# Import
# ---------------------------------------------------------------------------------------------


def test_import_apercu_puis_confirmation(client, regional52, schema52, grille_002):
    client.force_login(regional52)
    url = reverse("schema:importer", args=[schema52.pk])
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {"fichier": fichier(grille_002), "libelle": "Première évaluation", "date": "30/11/2023"},
    )
    assert response.status_code == 200
    page = texte(response)
    assert "Aperçu — rien n'est encore enregistré" in page
    plan = response.context["plan"]
    assert (plan.totaux, plan.nouveaux) == ((8, 28, 71), (8, 28, 71))
    assert comptes() == (0, 0, 0, 0, 0)  # the preview writes nothing

    response = client.post(url, {"confirmer": "1", "jeton": response.context["jeton"]})
    campagne = CampagneEvaluation.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("campagne:synthese", args=[campagne.pk])
    assert comptes() == (8, 28, 71, 1, 71)
    assert "Grille importée" in messages_de(response)[0]

    # The same confirmation twice does not import twice.
    response = client.post(url, {"confirmer": "1", "jeton": "ancien"})
    assert response.status_code == 302
    assert comptes() == (8, 28, 71, 1, 71)


def test_import_dans_une_campagne_existante(client, regional52, schema_demo, grille_002):
    campagne = schema_demo.campagnes.get()
    EvaluationAction.objects.filter(campagne=campagne).update(realisation="non")
    client.force_login(regional52)
    url = reverse("schema:importer", args=[schema_demo.pk])
    response = client.post(url, {"fichier": fichier(grille_002), "campagne": str(campagne.pk)})
    assert response.context["plan"].nouveaux == (0, 0, 0)
    client.post(url, {"confirmer": "1", "jeton": response.context["jeton"]})
    assert campagne.evaluations.filter(realisation="oui").count() == 41
    assert comptes()[:3] == (8, 28, 71)


@pytest.mark.parametrize(
    ("modifier", "attendu"),
    [
        (lambda li: [c[:3] if len(c) == 4 else c for c in li], "Colonne manquante : Réalisation"),
        (
            lambda li: [[*c[:3], "à faire"] if len(c) == 4 and c[3] == "non" else c for c in li],
            "Réalisation inconnue « à faire » (lignes 12, 16, 28, ",
        ),
    ],
)
def test_import_grille_invalide(client, regional52, schema52, modifier, attendu):
    client.force_login(regional52)
    response = client.post(
        reverse("schema:importer", args=[schema52.pk]),
        {
            "fichier": fichier(classeur(modifier(lignes_tsv()))),
            "libelle": "Essai",
            "date": "2023-11-30",
        },
    )
    assert response.status_code == 200
    assert attendu in texte(response)
    assert "rien n'a été importé" in texte(response).lower()
    assert comptes() == (0, 0, 0, 0, 0)


def test_import_formulaire_incomplet(client, regional52, schema52, grille_002):
    client.force_login(regional52)
    response = client.post(
        reverse("schema:importer", args=[schema52.pk]), {"fichier": fichier(grille_002)}
    )
    erreurs = response.context["form"].errors
    assert erreurs["libelle"] == ["Choisissez une campagne existante ou nommez-en une."]
    assert comptes() == (0, 0, 0, 0, 0)


def test_import_fichier_pas_excel(client, regional52, schema52):
    client.force_login(regional52)
    response = client.post(
        reverse("schema:importer", args=[schema52.pk]),
        {
            "fichier": fichier(b"Objectifs;Actions\n", "grille.csv"),
            "libelle": "E",
            "date": "2023-11-30",
        },
    )
    assert "n'est pas un classeur Excel .xlsx" in texte(response)


# ---------------------------------------------------------------------------------------------
# Evaluation page
# ---------------------------------------------------------------------------------------------


def donnees_evaluation(response):
    """The POST of the evaluation page as shown (every action, unchanged)."""
    data = {}
    for groupe in response.context["groupes"]:
        for ligne in groupe["lignes"]:
            form = ligne["form"]
            for nom in ("realisation", "commentaire", "origine"):
                data[f"{form.prefix}-{nom}"] = form[nom].value()
    return data


def url_evaluer(campagne):
    return reverse("campagne:evaluer", args=[campagne.pk])


def test_evaluation_enregistree(client, regional52, schema_demo):
    campagne = schema_demo.campagnes.get()
    a, b = ActionSchema.objects.order_by("pk")[:2]
    EvaluationAction.objects.filter(action=b).delete()  # b: no row yet
    client.force_login(regional52)
    response = client.get(url_evaluer(campagne))
    assert response.context["modifiable"]
    data = donnees_evaluation(response)
    data[f"a{a.pk}-realisation"] = "non"
    data[f"a{a.pk}-commentaire"] = "Report à 2024."
    data[f"a{b.pk}-realisation"] = "partiellement"
    response = client.post(url_evaluer(campagne), data)
    assert response.status_code == 302
    assert "2 actions modifiées" in messages_de(response)[0]
    eval_a = campagne.evaluations.get(action=a)
    assert (eval_a.realisation, eval_a.commentaire, eval_a.evalue_par) == (
        "non",
        "Report à 2024.",
        regional52,
    )
    assert campagne.evaluations.get(action=b).realisation == "partiellement"
    assert campagne.evaluations.count() == 71


def test_evaluation_atomique(client, regional52, schema_demo):
    campagne = schema_demo.campagnes.get()
    a, b = ActionSchema.objects.order_by("pk")[:2]
    avant = dict(campagne.evaluations.values_list("action_id", "realisation"))
    client.force_login(regional52)
    data = donnees_evaluation(client.get(url_evaluer(campagne)))
    data[f"a{a.pk}-realisation"] = "non" if avant[a.pk] != "non" else "oui"
    data[f"a{b.pk}-realisation"] = "peut-être"
    response = client.post(url_evaluer(campagne), data)
    assert response.status_code == 200
    assert "rien n'a été enregistré" in messages_de(response)[0]
    assert "Réalisation inconnue" in texte(response)
    assert dict(campagne.evaluations.values_list("action_id", "realisation")) == avant


def test_evaluation_concurrente(client, regional52, ddets44, schema_demo):
    campagne = schema_demo.campagnes.get()
    action = ActionSchema.objects.order_by("pk").first()
    client.force_login(regional52)
    data = donnees_evaluation(client.get(url_evaluer(campagne)))
    # Meanwhile, the DDETS 44 records another value for the same action.
    services.enregistrer_evaluations(
        campagne,
        {action.pk: ("non", "Vu en comité")},
        {action.pk: services.signature(("oui", ""))},
        ddets44,
    )
    data[f"a{action.pk}-realisation"] = "partiellement"
    response = client.post(url_evaluer(campagne), data)
    assert response.status_code == 200
    assert "rien n'a été enregistré" in messages_de(response)[0]
    assert "Enregistré entre-temps : Non — « Vu en comité »" in texte(response)
    assert campagne.evaluations.get(action=action).realisation == "non"
    # Saving again from the re-shown page deliberately replaces the other value.
    response = client.post(url_evaluer(campagne), donnees_evaluation(response))
    assert response.status_code == 302
    evaluation = campagne.evaluations.get(action=action)
    assert (evaluation.realisation, evaluation.evalue_par) == ("partiellement", regional52)


def test_departemental_evalue_mais_ne_modifie_pas_le_schema(
    client, ddets44, schema_demo, grille_002
):
    campagne = schema_demo.campagnes.get()
    action = ActionSchema.objects.order_by("pk").first()
    client.force_login(ddets44)
    data = donnees_evaluation(client.get(url_evaluer(campagne)))
    data[f"a{action.pk}-realisation"] = "non"
    assert client.post(url_evaluer(campagne), data).status_code == 302
    assert campagne.evaluations.get(action=action).evalue_par == ddets44

    assert client.get(reverse("schema:inspect", args=[schema_demo.pk])).status_code == 200
    assert_refuse(client.get(reverse("schema:edit", args=[schema_demo.pk])))
    # Delete views fetch through the "delete" perimeter, empty for this role: not found.
    assert client.post(reverse("schema:delete", args=[schema_demo.pk])).status_code == 404
    assert SchemaRegional.objects.filter(pk=schema_demo.pk).exists()
    assert_refuse(client.get(reverse("objectif:add")))
    assert_refuse(client.get(reverse("action_schema:edit", args=[action.pk])))
    assert_refuse(client.get(reverse("campagne:add")))
    avant = comptes()
    assert_refuse(
        client.post(
            reverse("schema:importer", args=[schema_demo.pk]),
            {"fichier": fichier(grille_002), "libelle": "Autre", "date": "2024-01-01"},
        )
    )
    assert comptes() == avant


@pytest.mark.parametrize("utilisateur", ["lecteur44", "siao44"])
def test_lecture_seule(request, client, schema_demo, utilisateur):
    campagne = schema_demo.campagnes.get()
    action = ActionSchema.objects.order_by("pk").first()
    client.force_login(request.getfixturevalue(utilisateur))
    response = client.get(url_evaluer(campagne))
    assert response.status_code == 200
    assert not response.context["modifiable"]
    assert "<select" not in response.content.decode()
    avant = dict(campagne.evaluations.values_list("action_id", "realisation"))
    assert_refuse(
        client.post(
            url_evaluer(campagne),
            {f"a{action.pk}-realisation": "non", f"a{action.pk}-origine": ""},
        )
    )
    assert dict(campagne.evaluations.values_list("action_id", "realisation")) == avant
    assert client.get(reverse("campagne:synthese", args=[campagne.pk])).status_code == 200
    assert_refuse(client.get(reverse("schema:importer", args=[schema_demo.pk])))


# ---------------------------------------------------------------------------------------------
# Summary and exports
# ---------------------------------------------------------------------------------------------


def test_page_synthese_et_export(client, regional52, schema_demo):
    campagne = schema_demo.campagnes.get()
    client.force_login(regional52)
    response = client.get(reverse("campagne:synthese", args=[campagne.pk]))
    assert response.status_code == 200
    total = response.context["total"]
    assert total.total == 71
    page = response.content.decode()
    assert page.count('<svg class="schemas-barre"') == 9  # 8 objectives and the total
    assert "<script" not in page.split("<main", 1)[-1].split("</main>")[0]
    assert 'data-statut="oui" data-nombre="41"' in page  # the total bar: 41 "oui"

    response = client.get(reverse("campagne:synthese_xlsx", args=[campagne.pk]))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    lignes = lignes_xlsx(contenu(response))
    entete = lignes[3]
    assert entete[:6] == ["Objectif", "Oui", "Partiellement", "Non", "Non communiqué (nc)", "Total"]
    derniere = lignes[-1]
    assert derniere[0] == "Total"
    assert derniere[1:6] == [41, 10, 13, 7, 71]
    assert derniere[6] == pytest.approx(41 / 71)
    premiere = lignes[4]
    assert premiere[0].startswith("1. Consolider le parc")
    assert premiere[1:6] == [9, 1, 2, 1, 13]


def test_export_grille(client, lecteur44, schema_demo):
    campagne = schema_demo.campagnes.get()
    client.force_login(lecteur44)
    response = client.get(reverse("campagne:exporter", args=[campagne.pk]))
    assert response.status_code == 200
    assert "attachment;" in response["Content-Disposition"]
    lignes = lignes_xlsx(contenu(response))
    assert lignes[3] == ["Objectifs", "Thématiques", "Actions", "Réalisation", "Commentaire"]
    assert len(lignes) == 4 + 71
    assert lignes[4][:4] == [
        "1_Consolider le parc d'hébergement des demandeurs d'asile",
        "CONSOLIDER LE RENSEIGNEMENT DES DONNEES DU DN@",
        "Inscrire les capacités d'hébergement dans le DN@",
        "oui",
    ]


# ---------------------------------------------------------------------------------------------
# Forms and deletions (regional52)
# ---------------------------------------------------------------------------------------------


def test_creation_schema_limitee_a_sa_region(client, regional52):
    client.force_login(regional52)
    form = formulaire_de(client, reverse("schema:add"))
    assert list(form.fields["region"].queryset.values_list("code", flat=True)) == ["52"]
    data = donnees_formulaire(form)
    data.update({"titre": "Schéma 2024-2026", "annee_debut": "2024", "annee_fin": "2026"})
    response = client.post(reverse("schema:add"), {**data, "region": "11"})
    assert response.status_code == 200
    assert "region" in response.context["form"].errors
    response = client.post(reverse("schema:add"), {**data, "annee_fin": "2022", "region": "52"})
    assert "La dernière année précède la première." in texte(response)
    response = client.post(reverse("schema:add"), {**data, "region": "52"})
    assert response.status_code == 302
    assert SchemaRegional.objects.get().region_id == "52"


def test_arbre_modifie_a_la_main(client, regional52, schema_demo):
    client.force_login(regional52)
    url = reverse("objectif:add") + f"?schema={schema_demo.pk}"
    form = formulaire_de(client, url)
    assert form.initial["numero"] == 9  # next free number
    data = donnees_formulaire(form)
    response = client.post(url, {**data, "numero": "1", "libelle": "Doublon de numéro"})
    assert "Ce schéma a déjà un objectif de ce numéro." in texte(response)
    response = client.post(url, {**data, "libelle": "Mieux accueillir"})
    assert response.status_code == 302
    objectif = Objectif.objects.get(numero=9)
    assert response["Location"] == reverse("schema:inspect", args=[schema_demo.pk])

    url = reverse("thematique:add") + f"?objectif={objectif.pk}"
    data = donnees_formulaire(formulaire_de(client, url))
    assert client.post(url, {**data, "libelle": "ACCUEIL"}).status_code == 302
    thematique = objectif.thematiques.get()

    url = reverse("action_schema:add") + f"?thematique={thematique.pk}"
    data = donnees_formulaire(formulaire_de(client, url))
    response = client.post(url, {**data, "libelle": "Ouvrir un lieu", "pilote": "DDETS 44"})
    assert response.status_code == 302
    response = client.post(url, {**data, "libelle": "  OUVRIR un lieu "})
    assert "Cette thématique a déjà une action de ce libellé." in texte(response)

    page = texte(client.get(reverse("schema:inspect", args=[schema_demo.pk])))
    assert "9 objectifs, 29 thématiques, 72 actions." in page
    assert "Ouvrir un lieu <em>(pilote : DDETS 44)</em>" in page


def test_suppressions_protegees(client, regional52, schema_demo):
    client.force_login(regional52)
    evaluee = ActionSchema.objects.filter(evaluations__isnull=False).first()
    response = client.post(reverse("action_schema:delete", args=[evaluee.pk]))
    assert response.status_code == 302
    assert "a été évaluée" in messages_de(response)[0]
    assert ActionSchema.objects.filter(pk=evaluee.pk).exists()
    response = client.post(reverse("thematique:delete", args=[evaluee.thematique_id]))
    assert Thematique.objects.filter(pk=evaluee.thematique_id).exists()
    response = client.post(reverse("schema:delete", args=[schema_demo.pk]))
    assert "supprimez-les d'abord" in messages_de(response)[-1]
    assert SchemaRegional.objects.filter(pk=schema_demo.pk).exists()

    # Once the campaign is deleted (with its evaluations), the tree can go.
    campagne = schema_demo.campagnes.get()
    assert client.post(reverse("campagne:delete", args=[campagne.pk])).status_code == 302
    assert EvaluationAction.objects.count() == 0
    assert client.post(reverse("action_schema:delete", args=[evaluee.pk])).status_code == 302
    assert not ActionSchema.objects.filter(pk=evaluee.pk).exists()
    assert client.post(reverse("schema:delete", args=[schema_demo.pk])).status_code == 302
    assert comptes() == (0, 0, 0, 0, 0)


# ---------------------------------------------------------------------------------------------
# Query counts do not grow with the schéma
# ---------------------------------------------------------------------------------------------

PAGES = [
    ("campagne:evaluer", "campagne"),
    ("campagne:synthese", "campagne"),
    ("campagne:synthese_xlsx", "campagne"),
    ("campagne:exporter", "campagne"),
    ("campagne:inspect", "campagne"),
    ("schema:inspect", "schema"),
    ("schema:index", None),
    ("campagne:index", None),
    ("action_schema:index", None),
]


def _requetes(client, url):
    client.get(url)  # warm-up
    with CaptureQueriesContext(connection) as requetes:
        response = client.get(url)
    assert response.status_code == 200
    if response.streaming:
        b"".join(response.streaming_content)
    return len(requetes)


@pytest.mark.parametrize(("nom", "objet"), PAGES)
def test_nombre_de_requetes_constant(client, regional52, nom, objet):
    client.force_login(regional52)
    petit, campagne_petite = petit_schema("52", actions=6, annee=2015)
    grand, campagne_grande = petit_schema("52", actions=24, annee=2024)
    objets = {
        "campagne": (campagne_petite, campagne_grande),
        "schema": (petit, grand),
    }
    if objet is None:
        n = _requetes(client, reverse(nom))
        petit_schema("53", actions=18, annee=2024)  # more rows of every kind: another région
        petit_schema("52", actions=18, annee=2030)  # and the user's own
        assert _requetes(client, reverse(nom)) == n
        return
    petit_objet, grand_objet = objets[objet]
    n = _requetes(client, reverse(nom, args=[petit_objet.pk]))
    assert _requetes(client, reverse(nom, args=[grand_objet.pk])) == n
