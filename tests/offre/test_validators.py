"""Identifier checks: SIREN, SIRET (La Poste included), FINESS, code postal, téléphone."""

import pytest
from django.core.exceptions import ValidationError
from stdnum import luhn

from backoffice.offre.validators import (
    normaliser_siren,
    normaliser_siret,
    valider_code_postal,
    valider_finess,
    valider_siren,
    valider_siret,
    valider_telephone,
)
from tests.factories import siren_valide, siret_valide


def _avec_cle(base):
    return base + luhn.calc_check_digit(base)


def _cle_fausse(numero):
    return numero[:-1] + str((int(numero[-1]) + 1) % 10)


def _erreur(valider, valeur):
    with pytest.raises(ValidationError) as exc:
        valider(valeur)
    return exc.value


# --- SIREN -----------------------------------------------------------------------------------


@pytest.mark.parametrize("siren", ["356000000", "552100554", siren_valide(1), siren_valide(42)])
def test_siren_valide(siren):
    assert luhn.is_valid(siren)
    valider_siren(siren)


@pytest.mark.parametrize("siren", [siren_valide(1), siren_valide(7), "552100554"])
def test_siren_mauvaise_cle(siren):
    erreur = _erreur(valider_siren, _cle_fausse(siren))
    assert erreur.code == "siren_cle"
    assert erreur.messages == ["Ce SIREN n'est pas valide (clé de contrôle incorrecte)."]


@pytest.mark.parametrize("siren", ["55210055", "5521005540"])
def test_siren_mauvaise_longueur(siren):
    erreur = _erreur(valider_siren, siren)
    assert erreur.code == "siren_longueur"
    assert "9 chiffres" in erreur.messages[0]


@pytest.mark.parametrize("siren", ["55210055A", "ABCDEFGHI", "552-100-5"])
def test_siren_avec_lettres(siren):
    erreur = _erreur(valider_siren, siren)
    assert erreur.code == "siren_format"
    assert erreur.messages == ["Le SIREN ne doit contenir que des chiffres."]


@pytest.mark.parametrize(
    ("saisie", "attendu"),
    [
        ("552 100 554", "552100554"),
        (" 552\u00a0100\u00a0554 ", "552100554"),
        ("552.100.554", "552100554"),
        (552100554, "552100554"),
        ("", ""),
        (None, ""),
    ],
)
def test_normaliser_siren(saisie, attendu):
    assert normaliser_siren(saisie) == attendu


def test_normaliser_siren_remet_les_zeros_de_tete():
    siren = _avec_cle("00123456")
    assert siren.startswith("00") and len(siren) == 9
    nombre = int(siren)  # what a spreadsheet keeps: the leading zeros are lost
    assert len(str(nombre)) == 7
    assert normaliser_siren(nombre) == siren
    assert normaliser_siren(str(nombre)) == siren
    valider_siren(normaliser_siren(nombre))


@pytest.mark.parametrize(
    ("normaliser", "numero"),
    [
        (normaliser_siren, "552100554"),
        (normaliser_siren, _avec_cle("00123456")),  # leading zeros lost, then padded back
        (normaliser_siret, "55210055400012"),
        (normaliser_siret, siret_valide(_avec_cle("00123456"))),
    ],
)
def test_normaliser_un_nombre_lu_comme_flottant(normaliser, numero):
    """A spreadsheet cell read as a float (calamine, CSV from Excel) gives "552100554.0"."""
    assert normaliser(f"{float(numero)}") == numero
    assert normaliser(float(numero)) == numero


def test_normaliser_siren_ne_complete_pas_un_texte():
    assert normaliser_siren("12AB") == "12AB"


# --- SIRET -----------------------------------------------------------------------------------


@pytest.mark.parametrize("siret", [siret_valide(siren_valide(3)), siret_valide("552100554", 12)])
def test_siret_valide(siret):
    valider_siret(siret)


@pytest.mark.parametrize("siret", ["35600000000048", "35600000049837"])
def test_siret_la_poste_accepte(siret):
    """La Poste's SIRETs (SIREN 356000000) do not all follow the Luhn rule."""
    valider_siret(siret)


def test_siret_la_poste_hors_luhn_vraiment_teste():
    # The second La Poste SIRET above is not Luhn-valid: the exception is really exercised.
    assert not luhn.is_valid("35600000049837")
    erreur = _erreur(valider_siret, "35600000049838")
    assert erreur.code == "siret_cle"


def test_siret_mauvaise_cle():
    erreur = _erreur(valider_siret, _cle_fausse(siret_valide(siren_valide(3))))
    assert erreur.code == "siret_cle"
    assert "clé de contrôle" in erreur.messages[0]


def test_siret_dont_le_siren_est_faux():
    # Luhn-valid over 14 digits, but its first 9 digits are not a valid SIREN.
    siren_faux = _cle_fausse(siren_valide(5))
    siret = siret_valide(siren_faux)
    assert luhn.is_valid(siret) and not luhn.is_valid(siren_faux)
    erreur = _erreur(valider_siret, siret)
    assert erreur.code == "siret_cle"


@pytest.mark.parametrize("siret", ["5521005540001", "552100554000123"])
def test_siret_mauvaise_longueur(siret):
    erreur = _erreur(valider_siret, siret)
    assert erreur.code == "siret_longueur"
    assert "14 chiffres" in erreur.messages[0]


def test_siret_avec_lettres():
    erreur = _erreur(valider_siret, "5521005540001A")
    assert erreur.code == "siret_format"


@pytest.mark.parametrize(
    ("saisie", "attendu"),
    [
        ("552 100 554 00012", "55210055400012"),
        (1234567890123, "01234567890123"),
        ("", ""),
    ],
)
def test_normaliser_siret(saisie, attendu):
    assert normaliser_siret(saisie) == attendu


# --- FINESS, code postal, téléphone ------------------------------------------------------------


@pytest.mark.parametrize("finess", ["440000123", "2A0001234", "2B0001234", "970000001"])
def test_finess_valide(finess):
    valider_finess(finess)


@pytest.mark.parametrize(
    "finess", ["44000012", "4400001234", "2C0001234", "44000012A", "", "44 000012"]
)
def test_finess_invalide(finess):
    erreur = _erreur(valider_finess, finess)
    assert erreur.code == "finess_format"
    assert "9 caractères" in erreur.messages[0]


@pytest.mark.parametrize("code_postal", ["44000", "75011", "97400", "01000"])
def test_code_postal_valide(code_postal):
    valider_code_postal(code_postal)


@pytest.mark.parametrize("code_postal", ["4400", "440000", "44 00", "2A000", "ABCDE", ""])
def test_code_postal_invalide(code_postal):
    erreur = _erreur(valider_code_postal, code_postal)
    assert erreur.messages == ["Le code postal doit comporter 5 chiffres."]


@pytest.mark.parametrize(
    "telephone",
    [
        "02 40 12 34 56",
        "0240123456",
        "+33 2 40 12 34 56",
        "02.40.12.34.56",
        "(0)2-40-12-34-56",
        "01 23 45 67 89",
    ],
)
def test_telephone_valide(telephone):
    valider_telephone(telephone)


@pytest.mark.parametrize(
    "telephone",
    [
        "abc",
        "12345",
        "02 40 12 34 56 ext. 2",
        "02 40 12 34 56 78 90 12 34 56",
        "02/40/12/34/56",
        "------",
    ],
)
def test_telephone_invalide(telephone):
    erreur = _erreur(valider_telephone, telephone)
    assert erreur.code == "telephone"
    assert "téléphone" in erreur.messages[0]
