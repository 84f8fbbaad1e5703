"""Cell values as people type them (docs/temps1.md, « Le format » and « Valeurs »)."""

import datetime
from decimal import Decimal

import pytest

from imports.temps1 import valeurs as v
from tests.factories import siren_valide, siret_valide


def siren_a_zero():
    """A valid SIREN starting with 0 (the case Excel breaks by storing it as a number)."""
    return next(s for s in (siren_valide(n) for n in range(1, 10_000)) if s.startswith("0"))


@pytest.mark.parametrize(
    "entete",
    [
        "Raison sociale",
        "RAISON SOCIALE *",
        "raison  sociale",
        " Raison sociale* ",
        "raison\u00a0sociale",
    ],
)
def test_cle_ignore_casse_accents_espaces_et_etoile(entete):
    assert v.cle(entete) == v.cle("Raison sociale")


def test_cle_listes_et_tirets():
    assert v.cle("Personnes isolées") == v.cle("personnes isolees ")
    assert v.cle("Contact référent – nom") == v.cle("contact referent - nom")
    assert v.cle("Entités") == v.cle("Entites")


def test_siren_nombre_qui_a_perdu_ses_zeros_et_espaces():
    siren = siren_a_zero()
    assert v.siren(float(int(siren))) == siren  # a number cell: 012345678 → 12345678.0
    assert v.siren(int(siren)) == siren
    espace = f"{siren[:3]} {siren[3:6]}\u00a0{siren[6:]}"
    assert v.siren(espace) == siren


@pytest.mark.parametrize(
    ("valeur", "message"),
    [("12345678A", "chiffres"), ("1234567890", "9 chiffres"), ("123456789", "clé")],
)
def test_siren_invalide(valeur, message):
    with pytest.raises(v.ValeurInvalide, match=message):
        v.siren(valeur)


def test_siret():
    siret = siret_valide(siren_valide(3))
    assert v.siret(float(siret)) == siret
    assert v.siret(f"{siret[:3]} {siret[3:6]} {siret[6:9]} {siret[9:]}") == siret
    with pytest.raises(v.ValeurInvalide, match="clé"):
        v.siret(siret[:-1] + str((int(siret[-1]) + 1) % 10))


def test_codes_numeriques_completes():
    assert v.code_postal(1000.0) == "01000"
    assert v.code_postal("44 000") == "44000"
    assert v.finess(10001234.0) == "010001234"
    assert v.finess("2a0001234") == "2A0001234"
    assert v.telephone(612345678.0) == "0612345678"
    assert v.action(2.0) == "02"
    assert v.action("02") == "02"
    with pytest.raises(v.ValeurInvalide):
        v.code_postal("440000")
    for texte in ("1000", "44001234"):  # text: not a number that lost its zeros
        with pytest.raises(v.ValeurInvalide):
            v.finess(texte) if len(texte) == 8 else v.code_postal(texte)


@pytest.mark.parametrize(
    "brut",
    [
        datetime.date(2025, 12, 31),
        datetime.datetime(2025, 12, 31, 0, 0),
        "31/12/2025",
        "31/12/25",
        "2025-12-31",
        " 31.12.2025 ",
        "2025-12-31 00:00:00",
        46022.0,
    ],
)
def test_dates(brut):
    assert v.date(brut) == datetime.date(2025, 12, 31)


@pytest.mark.parametrize("brut", ["32/01/2025", "31/02/2025", "demain", "12", 3.5])
def test_dates_invalides(brut):
    with pytest.raises(v.ValeurInvalide):
        v.date(brut)


@pytest.mark.parametrize(
    ("brut", "attendu"),
    [
        ("12 345,50", "12345.50"),
        ("12\u00a0345,5", "12345.50"),
        ("12345.5", "12345.50"),
        (12345.5, "12345.50"),
        ("1.234,56", "1234.56"),
        ("1,234.56", "1234.56"),
        ("12 345 €", "12345.00"),
        (569400, "569400.00"),
        (0.1 + 0.2, "0.30"),
    ],
)
def test_montants(brut, attendu):
    assert v.montant(brut) == Decimal(attendu)


@pytest.mark.parametrize("brut", ["douze", "-5", -1.0, "1,2,3"])
def test_montants_invalides(brut):
    with pytest.raises(v.ValeurInvalide):
        v.montant(brut)


def test_entiers():
    assert v.entier(80.0) == 80
    assert v.entier("1 200") == 1200
    assert v.entier("12,0") == 12
    for brut in ("12,5", 12.5, "-3", "beaucoup"):
        with pytest.raises(v.ValeurInvalide):
            v.entier(brut)


def test_annee():
    assert v.annee(2025.0) == 2025
    assert v.annee("2025") == 2025
    for brut in (1999, "2101", "an 2025"):
        with pytest.raises(v.ValeurInvalide):
            v.annee(brut)


@pytest.mark.parametrize(
    ("brut", "code"),
    [
        (1.0, "01"),
        ("1", "01"),
        ("2a", "2A"),
        (44.0, "44"),
        ("971", "971"),
        ("44 – Loire-Atlantique", "44"),
        ("2B - Haute-Corse", "2B"),
    ],
)
def test_code_departement(brut, code):
    assert v.code_departement(brut) == code


def test_departement_du_code_postal():
    assert v.departement_du_code_postal("44000") == "44"
    assert v.departement_du_code_postal("20090") == "2A"
    assert v.departement_du_code_postal("20200") == "2B"
    assert v.departement_du_code_postal("97400") == "974"
    assert v.departement_du_code_postal("") == ""


def test_en_texte():
    assert v.en_texte(12.0) == "12"
    assert v.en_texte(datetime.date(2025, 1, 2)) == "02/01/2025"
    assert v.en_texte(None) == ""
    assert v.en_texte("  a  ") == "a"
