"""Offer models: validation (French messages on the right field), DB constraints, national codes,
SIRET warning, daily cost, premier accueil without places, duplicate SIREN in the admin."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils.html import escape

from backoffice.offre.models import (
    CompteurCode,
    Dispositif,
    EntiteGestionnaire,
    Financement,
    Programme,
    TypeDispositif,
)
from tests.acces.outils import donnees_formulaire, formulaire_de, lignes_export
from tests.factories import (
    DispositifFactory,
    EntiteFactory,
    FinancementFactory,
    GroupeFactory,
    departement,
    siren_valide,
    siret_valide,
)

pytestmark = pytest.mark.django_db


def _erreurs(instance, **kwargs):
    with pytest.raises(ValidationError) as exc:
        instance.full_clean(**kwargs)
    return exc.value.message_dict


def _cle_fausse(numero):
    return numero[:-1] + str((int(numero[-1]) + 1) % 10)


def _integrite(instance):
    with pytest.raises(IntegrityError), transaction.atomic():
        instance.save()


# ---------------------------------------------------------------------------------------------
# Entité gestionnaire
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("champs", "champ", "message"),
    [
        ({"siren": _cle_fausse(siren_valide(9))}, "siren", "clé de contrôle incorrecte"),
        ({"siren": "55210055A"}, "siren", "que des chiffres"),
        ({"siren": "55210055"}, "siren", None),  # padded to 9 digits, then a wrong key
        ({"code_postal": "4400"}, "code_postal", "Le code postal doit comporter 5 chiffres."),
        ({"telephone": "abc"}, "telephone", "Numéro de téléphone invalide"),
        ({"courriel": "pas-un-courriel"}, "courriel", "Saisissez une adresse de courriel valide."),
    ],
)
def test_entite_erreurs_en_francais_sur_le_bon_champ(champs, champ, message):
    entite = EntiteFactory.build(departement=departement("44"), **champs)
    erreurs = _erreurs(entite)
    assert champ in erreurs, erreurs
    if message:
        assert any(message in m for m in erreurs[champ]), erreurs[champ]


def test_entite_valide():
    EntiteFactory.build(departement=departement("44"), telephone="02 40 00 00 00").full_clean()


def test_entite_siren_normalise_par_full_clean():
    entite = EntiteFactory.build(siren="552 100 554", departement=departement("44"))
    entite.full_clean()
    assert entite.siren == "552100554"


def test_entite_siren_la_poste():
    EntiteFactory.build(siren="356000000", departement=departement("44")).full_clean()


def test_entite_siren_en_double_refuse_par_full_clean():
    existante = EntiteFactory()
    erreurs = _erreurs(EntiteFactory.build(siren=existante.siren, departement=departement("44")))
    assert erreurs["siren"] == ["Une entité gestionnaire avec ce SIREN existe déjà."]


def test_entite_siren_9_chiffres_contrainte_base():
    _integrite(EntiteFactory.build(siren="12345", departement=departement("44")))


def test_entite_ne_peut_etre_sa_propre_mere():
    entite = EntiteFactory()
    entite.parent = entite
    assert "parent" in _erreurs(entite)


# --- Duplicate SIREN through the admin: a form error, never a 500 ---------------------------


@pytest.fixture
def formulaire_entite(client, national):
    client.force_login(national)
    data = donnees_formulaire(formulaire_de(client, reverse("entite:add")))
    data.update(raison_sociale="Nouvelle association", statut_juridique="association")
    return data


def test_admin_siren_en_double_erreur_de_formulaire(client, formulaire_entite):
    existante = EntiteFactory()
    avant = EntiteGestionnaire.objects.count()
    formulaire_entite["siren"] = existante.siren
    response = client.post(reverse("entite:add"), formulaire_entite)
    assert response.status_code == 200
    assert response.context["form"].errors["siren"] == [
        "Une entité gestionnaire avec ce SIREN existe déjà."
    ]
    assert "Une entité gestionnaire avec ce SIREN existe déjà." in response.content.decode()
    assert EntiteGestionnaire.objects.count() == avant


def test_admin_siren_en_double_saisi_avec_espaces(client, formulaire_entite):
    existante = EntiteFactory(siren="552100554")
    avant = EntiteGestionnaire.objects.count()
    formulaire_entite["siren"] = "552 100 554"
    response = client.post(reverse("entite:add"), formulaire_entite)
    assert response.status_code == 200
    assert response.context["form"].errors["siren"] == [
        "Une entité gestionnaire avec ce SIREN existe déjà."
    ]
    assert EntiteGestionnaire.objects.count() == avant
    assert EntiteGestionnaire.objects.filter(siren=existante.siren).count() == 1


def test_admin_siren_avec_espaces_normalise_a_la_creation(client, formulaire_entite):
    """People paste SIRENs as printed ("552 100 554"): the admin stores "552100554"."""
    formulaire_entite["siren"] = "552 100 554"
    response = client.post(reverse("entite:add"), formulaire_entite)
    assert response.status_code == 302, response.context["form"].errors
    assert EntiteGestionnaire.objects.filter(siren="552100554").exists()


def test_admin_creation_entite_controle(client, formulaire_entite):
    """Control of the tests above: the same payload with a new SIREN is created."""
    formulaire_entite["siren"] = siren_valide(777)
    response = client.post(reverse("entite:add"), formulaire_entite)
    assert response.status_code == 302, response.context["form"].errors
    assert EntiteGestionnaire.objects.filter(siren=siren_valide(777)).exists()


# ---------------------------------------------------------------------------------------------
# Dispositif
# ---------------------------------------------------------------------------------------------


@pytest.fixture
def dispositif():
    return DispositifFactory()


@pytest.mark.parametrize(
    ("champs", "champ", "message"),
    [
        ({"siret": "1234"}, "siret", "Le SIRET doit comporter 14 chiffres."),
        ({"siret": "5521005540001A"}, "siret", "Le SIRET ne doit contenir que des chiffres."),
        ({"finess": "44000012"}, "finess", "Le numéro FINESS doit comporter 9 caractères"),
        ({"finess": "4400001234"}, "finess", "9 caractères"),
        ({"code_postal": "440"}, "code_postal", "Le code postal doit comporter 5 chiffres."),
        ({"telephone": "12"}, "telephone", "Numéro de téléphone invalide"),
        (
            {"places_pmr": 81, "places_autorisees": 80},
            "places_pmr",
            "Les places PMR ne peuvent dépasser les places autorisées.",
        ),
        (
            {
                "date_ouverture": datetime.date(2020, 1, 1),
                "date_fermeture": datetime.date(2019, 1, 1),
            },
            "date_fermeture",
            "La date de fermeture précède la date d'ouverture.",
        ),
        (
            {
                "date_autorisation": datetime.date(2020, 1, 1),
                "date_fin_autorisation": datetime.date(2019, 12, 31),
            },
            "date_fin_autorisation",
            "La fin d'autorisation précède son début.",
        ),
        ({"places_autorisees": None}, "places_autorisees", "obligatoires pour un CADA"),
        ({"nom": ""}, "nom", "Ce champ ne peut pas être vide."),
    ],
)
def test_dispositif_erreurs_en_francais_sur_le_bon_champ(dispositif, champs, champ, message):
    for nom, valeur in champs.items():
        setattr(dispositif, nom, valeur)
    erreurs = _erreurs(dispositif)
    assert champ in erreurs, erreurs
    assert any(message in m for m in erreurs[champ]), erreurs[champ]


def test_dispositif_valide(dispositif):
    dispositif.siret = siret_valide(dispositif.entite.siren)
    dispositif.finess = "440000123"
    dispositif.telephone = "02 40 00 00 00"
    dispositif.places_pmr = 80
    dispositif.date_fermeture = dispositif.date_ouverture
    dispositif.full_clean()


def test_dispositif_finess_corse_et_normalisation(dispositif):
    dispositif.finess = " 2a0001234 "
    dispositif.full_clean()
    assert dispositif.finess == "2A0001234"


@pytest.mark.parametrize("code_type", ["CADA", "CPH"])
def test_places_autorisees_obligatoires_pour_les_types_autorises(code_type):
    dispositif = DispositifFactory.build(
        type=TypeDispositif.objects.get(code=code_type),
        places_autorisees=None,
        entite=EntiteFactory(),
    )
    erreurs = _erreurs(dispositif, exclude=["code"])
    assert "places_autorisees" in erreurs


@pytest.mark.parametrize("code_type", ["HUDA", "CAES", "PA_DNA"])
def test_places_autorisees_facultatives_ailleurs(code_type):
    dispositif = DispositifFactory.build(
        type=TypeDispositif.objects.get(code=code_type),
        places_autorisees=None,
        entite=EntiteFactory(),
    )
    dispositif.full_clean(exclude=["code"])


def test_pmr_superieures_refusees_par_la_base(dispositif):
    dispositif.places_pmr = dispositif.places_autorisees + 1
    _integrite(dispositif)
    dispositif.refresh_from_db()
    assert dispositif.places_pmr is None


def test_fermeture_avant_ouverture_refusee_par_la_base(dispositif):
    dispositif.date_fermeture = dispositif.date_ouverture - datetime.timedelta(days=1)
    _integrite(dispositif)


def test_reference_locale_unique_par_departement():
    existant = DispositifFactory(reference_locale="REF-1")
    autre = DispositifFactory.build(reference_locale="REF-1", entite=existant.entite)
    erreurs = _erreurs(autre, exclude=["code"])
    assert "Cette référence locale est déjà utilisée dans ce département." in str(erreurs)
    # Same reference in another département: fine.
    DispositifFactory.build(
        reference_locale="REF-1", departement=departement("75"), entite=existant.entite
    ).full_clean(exclude=["code"])


# --- SIRET / SIREN: a warning, not an error --------------------------------------------------


def test_siret_d_un_autre_siren_est_un_avertissement(dispositif):
    autre_siren = siren_valide(4242)
    assert autre_siren != dispositif.entite.siren
    dispositif.siret = siret_valide(autre_siren)
    dispositif.full_clean()  # no error
    dispositif.save()
    assert dispositif.entite.siren in dispositif.avertissement_siret
    assert "ne correspondent pas" in dispositif.avertissement_siret


def test_siret_coherent_sans_avertissement(dispositif):
    dispositif.siret = siret_valide(dispositif.entite.siren)
    dispositif.full_clean()
    assert dispositif.avertissement_siret == ""
    dispositif.siret = ""
    assert dispositif.avertissement_siret == ""


def test_avertissement_siret_affiche_sur_la_fiche(client, national, dispositif):
    dispositif.siret = siret_valide(siren_valide(4242))
    dispositif.save()
    client.force_login(national)
    response = client.get(reverse("dispositif:inspect", args=[dispositif.pk]))
    assert escape(dispositif.avertissement_siret) in response.content.decode()


# --- National code -----------------------------------------------------------------------------


def test_codes_par_departement():
    codes = [
        DispositifFactory(departement=departement(dep)).code
        for dep in ("44", "44", "75", "44", "2A")
    ]
    assert codes == ["44-00001", "44-00002", "75-00001", "44-00003", "2A-00001"]


def test_code_non_reutilise_apres_suppression():
    premier, deuxieme = DispositifFactory(), DispositifFactory()
    deuxieme.delete()
    assert DispositifFactory().code == "44-00003"
    assert premier.code == "44-00001"


def test_code_inchange_a_la_modification(dispositif):
    code = dispositif.code
    dispositif.nom = "Autre nom"
    dispositif.save()
    dispositif.refresh_from_db()
    assert dispositif.code == code


def test_code_continue_apres_des_codes_existants():
    """Dispositifs already coded without the counter (data loaded before it existed, counter
    lost): the next code continues after the highest existing one instead of colliding."""
    DispositifFactory(code="44-00041")
    assert not CompteurCode.objects.filter(departement_id="44").exists()
    assert DispositifFactory().code == "44-00042"


def test_code_continue_apres_le_compteur():
    CompteurCode.objects.create(departement_id="44", dernier=12)
    assert DispositifFactory().code == "44-00013"


# ---------------------------------------------------------------------------------------------
# Groupes de places
# ---------------------------------------------------------------------------------------------


def test_groupe_refuse_sur_un_dispositif_de_premier_accueil():
    premier_accueil = DispositifFactory(
        type=TypeDispositif.objects.get(code="PA_DNA"), places_autorisees=None
    )
    groupe = GroupeFactory.build(dispositif=premier_accueil)
    erreurs = _erreurs(groupe)
    assert erreurs["dispositif"] == [
        "Un dispositif de premier accueil n'a pas de places : pas de groupe de places."
    ]


def test_groupe_accepte_sur_un_cada(dispositif):
    GroupeFactory.build(dispositif=dispositif).full_clean()


def test_groupe_pmr_superieures_aux_places(dispositif):
    groupe = GroupeFactory.build(dispositif=dispositif, places=10, places_pmr=11)
    assert "places_pmr" in _erreurs(groupe)
    _integrite(groupe)


def test_groupe_fin_avant_debut(dispositif):
    groupe = GroupeFactory.build(
        dispositif=dispositif,
        date_debut=datetime.date(2024, 1, 1),
        date_fin=datetime.date(2023, 1, 1),
    )
    assert "date_fin" in _erreurs(groupe)
    _integrite(groupe)


# ---------------------------------------------------------------------------------------------
# Financements
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("exercice", [1999, 2101])
def test_exercice_hors_plage(dispositif, exercice):
    financement = FinancementFactory.build(dispositif=dispositif, exercice=exercice)
    erreurs = _erreurs(financement)
    assert "L'exercice doit être une année entre 2000 et 2100." in erreurs["exercice"]
    _integrite(financement)


@pytest.mark.parametrize("exercice", [2000, 2100])
def test_exercice_bornes_acceptees(dispositif, exercice):
    FinancementFactory.build(dispositif=dispositif, exercice=exercice).full_clean()


def test_montant_negatif(dispositif):
    financement = FinancementFactory.build(dispositif=dispositif, montant_annuel=Decimal("-1"))
    assert "Le montant ne peut pas être négatif." in _erreurs(financement)["montant_annuel"]
    _integrite(financement)


def test_ligne_de_financement_unique(dispositif):
    FinancementFactory(dispositif=dispositif, exercice=2024)
    doublon = FinancementFactory.build(dispositif=dispositif, exercice=2024)
    erreurs = _erreurs(doublon)
    messages = [m for valeurs in erreurs.values() for m in valeurs]
    assert any("existe déjà" in m for m in messages), erreurs
    _integrite(doublon)
    # Another mode or exercice is another line.
    FinancementFactory(dispositif=dispositif, exercice=2024, mode="subvention")
    FinancementFactory(dispositif=dispositif, exercice=2025)


def test_periode_hors_exercice(dispositif):
    financement = FinancementFactory.build(
        dispositif=dispositif, exercice=2024, date_debut=datetime.date(2025, 1, 1)
    )
    assert (
        "La période de financement doit recouvrir l'exercice 2024."
        in (_erreurs(financement)["date_debut"])
    )


def test_financement_fin_avant_debut(dispositif):
    financement = FinancementFactory.build(
        dispositif=dispositif,
        exercice=2024,
        date_debut=datetime.date(2024, 6, 1),
        date_fin=datetime.date(2024, 1, 1),
    )
    assert "date_fin" in _erreurs(financement)
    _integrite(financement)


@pytest.mark.parametrize(
    ("montant", "places", "exercice", "attendu"),
    [
        ("569400", 80, 2025, "19.50"),  # 569 400 / (80 × 365)
        ("569400", 80, 2024, "19.45"),  # leap year: / (80 × 366) = 19.447…
        ("36600", 1, 2024, "100.00"),
        ("36600", 1, 2023, "100.27"),
        ("36500", 1, 2100, "100.00"),  # 2100 is not a leap year
        ("36600", 1, 2000, "100.00"),  # 2000 is
        ("0.01", 3, 2023, "0.00"),
    ],
)
def test_cout_journalier(montant, places, exercice, attendu):
    financement = Financement(
        montant_annuel=Decimal(montant),
        places_financees=places,
        exercice=exercice,
        programme=Programme.objects.get(code="P303"),
    )
    assert financement.cout_journalier_place == Decimal(attendu)


@pytest.mark.parametrize(("montant", "places"), [(None, 10), ("1000", 0)])
def test_cout_journalier_indetermine(montant, places):
    financement = Financement(
        montant_annuel=Decimal(montant) if montant else None,
        places_financees=places,
        exercice=2024,
    )
    assert financement.cout_journalier_place is None


def test_cout_journalier_dans_la_liste_et_l_export(client, national, dispositif):
    FinancementFactory(
        dispositif=dispositif, montant_annuel=Decimal("36600"), places_financees=1, exercice=2024
    )
    client.force_login(national)
    response = client.get(reverse("financement:index"), {"export": "csv"})
    lignes = lignes_export(response, "csv")
    colonne = lignes[0].index("Coût par place et par jour (€)")
    assert [ligne[colonne] for ligne in lignes[1:]] == ["100,00"]  # French decimal comma in CSV


# ---------------------------------------------------------------------------------------------
# Capacities
# ---------------------------------------------------------------------------------------------


def test_capacites_annotees_et_calculees(dispositif):
    GroupeFactory(dispositif=dispositif, places=30)
    GroupeFactory(dispositif=dispositif, places=5, date_fin=datetime.date(2000, 1, 1))
    FinancementFactory(dispositif=dispositif, places_financees=70, exercice=2024)
    FinancementFactory(dispositif=dispositif, places_financees=5, exercice=2024, mode="alt")
    FinancementFactory(dispositif=dispositif, places_financees=60, exercice=2023)
    annote = Dispositif.objects.avec_capacites(exercice=2024).get(pk=dispositif.pk)
    assert annote.nb_places_financees == 75
    assert annote.nb_places_ouvertes == 30
    assert dispositif.places_financees(2024) == 75
    assert dispositif.places_ouvertes() == 30


def test_dispositif_ferme_n_a_plus_de_places_ouvertes(dispositif):
    GroupeFactory(dispositif=dispositif, places=30)
    dispositif.date_fermeture = datetime.date(2020, 1, 1)
    dispositif.save()
    assert dispositif.places_ouvertes() == 0
    assert Dispositif.objects.avec_capacites().get(pk=dispositif.pk).nb_places_ouvertes == 0
    assert dispositif not in Dispositif.objects.ouverts()
    assert dispositif in Dispositif.objects.fermes()
