"""COG reference data shipped by migration, and the normalisation of département codes."""

import pytest

from backoffice.territoires.models import Departement, Region, Siao


@pytest.mark.parametrize(
    ("saisie", "attendu"),
    [
        ("44", "44"),
        (" 44 ", "44"),
        ("1", "01"),
        (1, "01"),
        (1.0, "01"),
        ("2a", "2A"),
        ("2B", "2B"),
        ("971", "971"),
        ("971.0", "971"),
        (971, "971"),
        ("01", "01"),
        (None, ""),
        ("", ""),
    ],
)
def test_normaliser_code(saisie, attendu):
    assert Departement.normaliser_code(saisie) == attendu


@pytest.mark.django_db
def test_cog_charge():
    assert Region.objects.count() == 18
    assert Departement.objects.count() == 101
    codes = set(Departement.objects.values_list("code", flat=True))
    assert {"01", "2A", "2B", "44", "75", "95", "971", "976"} <= codes
    assert "20" not in codes
    assert set(Region.objects.get(code="52").departements.values_list("code", flat=True)) == {
        "44",
        "49",
        "53",
        "72",
        "85",
    }


@pytest.mark.django_db
def test_un_siao_par_departement():
    for departement in Departement.objects.all():
        assert departement.siaos.count() >= 1, departement
    siao = Siao.objects.get(departements__code="44")
    assert siao.nom == "SIAO Loire-Atlantique (44)"


@pytest.mark.django_db
def test_normaliser_puis_retrouver():
    for saisie in ("1", "2a", "971.0"):
        assert Departement.objects.filter(code=Departement.normaliser_code(saisie)).exists()
