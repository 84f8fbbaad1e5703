"""Perimeters on every schéma view: a DDETS 75 (région 11) reaches nothing of the Pays de la Loire
schéma (52), whatever the view; lists, searches, exports, filters and form choices stay inside
the perimeter; a gestionnaire has no access; a national administrator reaches everything."""

import pytest
from django.urls import reverse

from backoffice.acces.roles import Role
from backoffice.schemas.models import (
    ActionSchema,
    CampagneEvaluation,
    EvaluationAction,
    SchemaRegional,
)
from tests.acces.outils import (
    assert_introuvable,
    assert_refuse,
    formulaire_de,
    lignes_export,
    pks_listes,
)
from tests.factories import UserFactory, affecter
from tests.schemas.outils import petit_schema

pytestmark = pytest.mark.django_db


@pytest.fixture
def jeu(schema_demo):
    schema11, campagne11 = petit_schema("11", titre="Schéma d'Île-de-France")
    campagne52 = schema_demo.campagnes.get()
    action52 = ActionSchema.objects.filter(thematique__objectif__schema=schema_demo).first()
    return {
        "schema52": schema_demo,
        "campagne52": campagne52,
        "objectif52": action52.thematique.objectif,
        "thematique52": action52.thematique,
        "action52": action52,
        "schema11": schema11,
        "campagne11": campagne11,
    }


def urls_objets_52(jeu):
    schema, campagne = jeu["schema52"], jeu["campagne52"]
    urls = [
        reverse(f"schema:{vue}", args=[schema.pk])
        for vue in ("inspect", "edit", "delete", "history", "usage", "importer")
    ]
    urls += [
        reverse(f"campagne:{vue}", args=[campagne.pk])
        for vue in (
            "inspect",
            "edit",
            "delete",
            "evaluer",
            "synthese",
            "synthese_xlsx",
            "exporter",
        )
    ]
    for viewset, cle in (
        ("objectif", "objectif52"),
        ("thematique", "thematique52"),
        ("action_schema", "action52"),
    ):
        urls += [
            reverse(f"{viewset}:{vue}", args=[jeu[cle].pk]) for vue in ("inspect", "edit", "delete")
        ]
    return urls


def test_ddets75_ne_trouve_aucune_vue_du_schema_52(client, jeu, regional52, ddets75):
    urls = urls_objets_52(jeu)
    client.force_login(regional52)  # control: every URL answers its région
    for url in urls:
        assert client.get(url).status_code in (200, 302), url
    client.force_login(ddets75)
    for url in urls:
        assert_introuvable(client, url)


def test_ddets75_ne_modifie_rien_du_52(client, jeu, ddets75):
    campagne, action = jeu["campagne52"], jeu["action52"]
    avant = list(EvaluationAction.objects.values_list("pk", "realisation", "commentaire"))
    client.force_login(ddets75)
    assert_introuvable(
        client,
        reverse("campagne:evaluer", args=[campagne.pk]),
        "post",
        {f"a{action.pk}-realisation": "non", f"a{action.pk}-origine": ""},
    )
    assert_introuvable(client, reverse("schema:delete", args=[jeu["schema52"].pk]), "post")
    assert_introuvable(
        client, reverse("schema:importer", args=[jeu["schema52"].pk]), "post", {"confirmer": "1"}
    )
    assert list(EvaluationAction.objects.values_list("pk", "realisation", "commentaire")) == avant
    assert SchemaRegional.objects.filter(pk=jeu["schema52"].pk).exists()


@pytest.mark.parametrize(
    ("viewset", "visible", "cache"),
    [
        ("schema", "schema11", "schema52"),
        ("campagne", "campagne11", "campagne52"),
    ],
)
def test_listes_exports_et_recherche_limites(client, jeu, ddets75, viewset, visible, cache):
    client.force_login(ddets75)
    url = reverse(f"{viewset}:index")
    pks = pks_listes(client.get(url))
    assert jeu[visible].pk in pks
    assert jeu[cache].pk not in pks
    assert pks_listes(client.get(url, {"q": "Loire"})) == set()
    for format_ in ("xlsx", "csv"):
        cellules = {
            c
            for ligne in lignes_export(client.get(url, {"export": format_}), format_)
            for c in ligne
        }
        assert "Pays de la Loire" not in cellules
        assert "Île-de-France" in cellules


def test_liste_des_actions_limitee(client, jeu, ddets75):
    client.force_login(ddets75)
    response = client.get(reverse("action_schema:index"))
    visibles = pks_listes(response)
    assert visibles == set(
        ActionSchema.objects.filter(thematique__objectif__schema=jeu["schema11"]).values_list(
            "pk", flat=True
        )
    )
    assert "Consolider" not in response.content.decode()


def test_choix_des_filtres_limites(client, jeu, ddets75):
    client.force_login(ddets75)
    response = client.get(reverse("campagne:index"))
    choix = response.context["filters"].form.fields["schema"].queryset
    assert list(choix) == [jeu["schema11"]]
    response = client.get(reverse("schema:index"))
    regions = response.context["filters"].form.fields["region"].queryset
    assert list(regions.values_list("code", flat=True)) == ["11"]


def test_choix_des_formulaires_limites(client, jeu):
    regional11 = UserFactory(username="dreets11@example.gouv.fr")
    affecter(regional11, Role.REGIONAL, region="11")
    client.force_login(regional11)
    form = formulaire_de(client, reverse("objectif:add") + f"?schema={jeu['schema52'].pk}")
    assert list(form.fields["schema"].queryset) == [jeu["schema11"]]
    assert form.initial.get("schema") is None  # the 52 given in the URL is ignored
    form = formulaire_de(client, reverse("action_schema:add"))
    assert {t.objectif.schema_id for t in form.fields["thematique"].queryset} == {
        jeu["schema11"].pk
    }
    form = formulaire_de(client, reverse("campagne:add"))
    assert list(form.fields["schema"].queryset) == [jeu["schema11"]]
    form = formulaire_de(client, reverse("schema:add"))
    assert list(form.fields["region"].queryset.values_list("code", flat=True)) == ["11"]


def test_gestionnaire_sans_acces(client, jeu, gestionnaire44):
    client.force_login(gestionnaire44)
    for viewset in ("schema", "campagne", "action_schema"):
        assert_refuse(client.get(reverse(f"{viewset}:index")))
    for vue in ("evaluer", "synthese", "exporter"):
        assert_introuvable(client, reverse(f"campagne:{vue}", args=[jeu["campagne52"].pk]))
    assert_introuvable(client, reverse("schema:importer", args=[jeu["schema52"].pk]))


def test_regional52_voit_sa_region_seulement(client, jeu, regional52):
    client.force_login(regional52)
    pks = pks_listes(client.get(reverse("campagne:index")))
    assert pks == {jeu["campagne52"].pk}
    assert_introuvable(client, reverse("campagne:evaluer", args=[jeu["campagne11"].pk]))


def test_national_voit_et_modifie_tout(client, jeu, national):
    client.force_login(national)
    pks = pks_listes(client.get(reverse("campagne:index")))
    assert pks == set(CampagneEvaluation.objects.values_list("pk", flat=True))
    response = client.get(reverse("campagne:evaluer", args=[jeu["campagne11"].pk]))
    assert response.context["modifiable"]
    assert client.get(reverse("schema:edit", args=[jeu["schema11"].pk])).status_code == 200
