"""Write paths other than a form keep the column right: Temps 1 imports (bulk_create /
bulk_update), the demo loader; and the other text filters use the same normalisation."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from backoffice.offre.models import Dispositif
from backoffice.schemas.models import ActionSchema, Objectif, SchemaRegional, Thematique
from imports.apercu import apercu
from imports.temps1 import appliquer
from tests.demandes.factories import DemandeFactory
from tests.factories import DispositifFactory
from tests.imports.outils import analyse, dispositif, entite, simple
from tests.recherche.outils import colonnes_fausses, trouves

pytestmark = pytest.mark.django_db


def test_import_temps1_creation_puis_renommage(tmp_path, client, national):
    classeur = simple(
        tmp_path / "offre.xlsx",
        [entite(1, raison_sociale="Association L'Étape")],
        [dispositif(1, nom="Hébergement de Châteaubriant")],
    )
    appliquer(analyse(classeur, national), national, libelle="Import d'essai")
    cree = Dispositif.objects.get(reference_locale="REF-1")
    client.force_login(national)
    for saisie in ("hebergement", "chateaubriant", "l'etape"):
        assert trouves(client, "dispositif", saisie) == {cree.pk}, saisie
    assert trouves(client, "entite", "l'etape") == {cree.entite_id}

    renomme = simple(
        tmp_path / "renomme.xlsx",
        [entite(1, raison_sociale="Association Le Phare")],
        [dispositif(1, nom="Foyer Saint-Exupéry")],
    )
    appliquer(analyse(renomme, national), national, libelle="Import d'essai 2")
    assert trouves(client, "dispositif", "saint exupery") == {cree.pk}
    assert trouves(client, "dispositif", "chateaubriant") == set()
    assert trouves(client, "entite", "phare") == {cree.entite_id}
    assert colonnes_fausses() == []


def test_jeu_de_demonstration(client):
    call_command("seed_demo", "--scale", "small", "--seed", "5", stdout=io.StringIO())
    assert colonnes_fausses() == []


def test_doublons_sans_accents(client, siao44):
    homonyme = DispositifFactory(nom="Foyer L'Étape", commune="Châteaubriant")
    DispositifFactory(nom="Foyer L'Étape 2", commune="Châteaubriant")
    demande = DemandeFactory(
        donnees_dispositif={"nom": "foyer l’etape", "commune": "CHATEAUBRIANT"},
    )
    client.force_login(siao44)
    reponse = client.get(reverse("demande:inspect", args=[demande.pk]))
    assert dict(reponse.context["doublons"]["dispositifs"]) == {
        homonyme: ["même nom et même commune"]
    }


def test_filtre_pilote_sans_accents(client, regional52):
    schema = SchemaRegional.objects.create(
        region_id="52", titre="Schéma", annee_debut=2021, annee_fin=2023
    )
    thematique = Thematique.objects.create(
        objectif=Objectif.objects.create(schema=schema, numero=1, libelle="Objectif"),
        libelle="Thématique",
    )
    cherchee = ActionSchema.objects.create(
        thematique=thematique, libelle="Ouvrir des places", pilote="Préfecture, DDETS"
    )
    # "préfecture" in the label, not in the pilot: the filter is on the pilot only.
    ActionSchema.objects.create(
        thematique=thematique, libelle="Réunir la préfecture", pilote="OFII"
    )
    client.force_login(regional52)
    reponse = client.get(reverse("action_schema:index"), {"pilote": "PREFECTURE"})
    assert reponse.status_code == 200
    assert [a.pk for a in reponse.context["object_list"]] == [cherchee.pk]


def test_filtre_de_l_apercu_d_import():
    rapport = {
        "errors": [
            {"sheet": "Dispositifs", "row": 3, "column": "Commune", "value": "Châteaubriant"},
            {"sheet": "Dispositifs", "row": 4, "column": "Nom", "message": "Valeur attendue"},
        ]
    }
    assert [e["row"] for e in apercu(rapport, texte="CHATEAUBRIANT").erreurs] == [3]
