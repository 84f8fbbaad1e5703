"""The normalised `recherche` column: one normalisation, kept right by every way of writing."""

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db import connection, models
from django.test.utils import CaptureQueriesContext, isolate_apps
from django.urls import reverse

from backoffice.acces.models import AffectationRole
from backoffice.acces.roles import Role
from backoffice.offre.filters import DispositifFilterSet
from backoffice.offre.models import Dispositif, EntiteGestionnaire
from backoffice.recherche import checks
from backoffice.recherche.filtres import rechercher
from backoffice.recherche.modeles import Recherchable
from backoffice.recherche.texte import mots, normaliser
from tests.factories import DispositifFactory, EntiteFactory, UserFactory, affecter, siren_valide
from tests.recherche.outils import colonnes_fausses, trouves


@pytest.mark.parametrize(
    "texte, attendu",
    [
        ("L'Étape", "l etape"),
        ("l’étape", "l etape"),
        ("L ETAPE", "l etape"),
        ("Châteaubriant", "chateaubriant"),
        ("HÉBERGEMENT", "hebergement"),
        ("Cœur-de-Ville", "coeur de ville"),
        ("  Saint–Nazaire   (44) ", "saint nazaire 44"),
        ("« Le Phare » / n°2", "le phare n 2"),
        ("Straße", "strasse"),
        (None, ""),
    ],
)
def test_normaliser(texte, attendu):
    assert normaliser(texte) == attendu


def test_mots_d_une_saisie():
    assert mots("  L'Étape l’étape, Châteaubriant ") == ["l etape", "chateaubriant"]
    assert mots("44-00001") == ["44 00001"]
    assert mots("— ' —") == []


@pytest.mark.django_db
def test_donnees_chargees_par_les_migrations():
    """Régions, départements, SIAO and the nomenclature come from data migrations: the
    column's own migration filled them."""
    assert colonnes_fausses() == []


@pytest.mark.django_db
def test_creation_et_renommage(client, national):
    dispositif = DispositifFactory(nom="Foyer du Port", commune="Châteaubriant")
    dispositif.refresh_from_db()
    assert "foyer du port" in dispositif.recherche
    assert "chateaubriant" in dispositif.recherche
    dispositif.nom = "Hébergement L'Étape"
    dispositif.save()
    client.force_login(national)
    assert dispositif.pk in trouves(client, "dispositif", "l'etape")
    assert dispositif.pk not in trouves(client, "dispositif", "port")


@pytest.mark.django_db
def test_enregistrement_partiel():
    dispositif = DispositifFactory(nom="Foyer du Port")
    dispositif.nom = "Hébergement L'Étape"
    dispositif.save(update_fields=["nom"])
    dispositif.refresh_from_db()
    assert "hebergement l etape" in dispositif.recherche


@pytest.mark.django_db
def test_renommer_l_entite_suffit(client, national):
    """The dispositif list searches the entité's own column: nothing to cascade."""
    dispositif = DispositifFactory(nom="Foyer du Port")
    entite = dispositif.entite
    entite.raison_sociale = "Association de Châteaubriant"
    entite.save()
    dispositif.refresh_from_db()
    assert "chateaubriant" not in dispositif.recherche
    client.force_login(national)
    assert trouves(client, "dispositif", "chateaubriant") == {dispositif.pk}


@pytest.mark.django_db
def test_un_code_tape_reste_un_mot():
    """ "44-00001" is one word: a 75 dispositif holding "75-00001" and "44" elsewhere is not it."""
    cherche = DispositifFactory(departement_id="44")
    DispositifFactory(departement_id="75", reference_locale="REF-44")
    assert cherche.code == "44-00001"
    assert list(rechercher(Dispositif.objects.all(), "44-00001")) == [cherche]


@pytest.mark.django_db
def test_update_d_un_champ_cherche():
    dispositif = DispositifFactory(nom="Foyer du Port")
    Dispositif.objects.filter(pk=dispositif.pk).update(nom="Hébergement L'Étape")
    dispositif.refresh_from_db()
    assert "hebergement l etape" in dispositif.recherche


@pytest.mark.django_db
def test_update_d_un_autre_champ_ne_relit_rien(django_assert_num_queries):
    dispositif = DispositifFactory()
    with django_assert_num_queries(1):
        Dispositif.objects.filter(pk=dispositif.pk).update(places_autorisees=12)


@pytest.mark.django_db
def test_bulk_create_et_bulk_update():
    (entite,) = EntiteGestionnaire.objects.bulk_create(
        [EntiteGestionnaire(raison_sociale="Élan Solidaire", siren=siren_valide(4242))]
    )
    assert EntiteGestionnaire.objects.get(pk=entite.pk).recherche.startswith("elan solidaire")
    entite.raison_sociale = "Accueil de Châteaubriant"
    EntiteGestionnaire.objects.bulk_update([entite], ["raison_sociale"])
    assert "accueil de chateaubriant" in EntiteGestionnaire.objects.get(pk=entite.pk).recherche
    assert colonnes_fausses() == []


@pytest.mark.django_db
def test_renommer_un_compte(client, national):
    """Django's user has no column: its names are copied on the role assignment, again when
    the user is saved."""
    personne = UserFactory(last_name="Martin")
    affectation = affecter(personne, Role.LECTEUR, departements=["44"])
    personne.last_name = "Lefèvre-Châteaubriant"
    personne.save()
    client.force_login(national)
    assert trouves(client, "affectation", "lefevre chateaubriant") == {affectation.pk}
    assert colonnes_fausses() == []


@pytest.mark.django_db
def test_une_connexion_ne_relit_pas_les_affectations():
    personne = UserFactory()
    affecter(personne, Role.LECTEUR, departements=["44"])
    with CaptureQueriesContext(connection) as requetes:
        personne.save(update_fields=["last_login"])
    assert not [q for q in requetes.captured_queries if "acces_affectationrole" in q["sql"]]
    assert AffectationRole.objects.get(utilisateur=personne).recherche


@pytest.mark.django_db
def test_un_enregistrement_partiel_d_autres_champs_ne_relit_rien():
    affectation = affecter(UserFactory(), Role.LECTEUR, departements=["44"])
    relue = AffectationRole.objects.get(pk=affectation.pk)  # its user is not loaded
    relue.actif = False
    with CaptureQueriesContext(connection) as requetes:
        relue.save(update_fields=["actif"])
    assert not [q for q in requetes.captured_queries if '"auth_user"' in q["sql"]]


@pytest.mark.django_db
def test_une_colonne_brute_est_refusee():
    with pytest.raises(ImproperlyConfigured):
        list(rechercher(Dispositif.objects.all(), "port", ["nom"]))
    with pytest.raises(ImproperlyConfigured):
        list(rechercher(Dispositif.objects.all(), "port", ["entite__raison_sociale"]))


def test_controle_systeme_du_projet():
    assert checks.verifier_modeles_recherchables() == []


@isolate_apps("backoffice.recherche")
def test_controle_systeme_refuse_un_gestionnaire_qui_oublierait_la_colonne():
    class Oublieux(Recherchable):
        champs_recherche = ("nom", "inconnu")
        nom = models.CharField(max_length=20)
        objects = models.Manager()

        class Meta:
            app_label = "recherche"

    assert {erreur.id for erreur in checks.erreurs(Oublieux)} == {
        "recherche.E001",
        "recherche.E003",
    }


@pytest.mark.django_db
def test_filtre_texte_des_entites(client, national, monkeypatch):
    monkeypatch.setattr(DispositifFilterSet, "SEUIL_LISTE", 1)
    cherche = DispositifFactory(entite=EntiteFactory(raison_sociale="Foyer de Châteaubriant"))
    # The filter is on the name: an entité of Châteaubriant with another name is not kept.
    DispositifFactory(entite=EntiteFactory(raison_sociale="Le Phare", commune="Châteaubriant"))
    client.force_login(national)
    reponse = client.get(reverse("dispositif:index"), {"entite": "CHATEAUBRIANT"})
    assert [d.pk for d in reponse.context["object_list"]] == [cherche.pk]
