"""The display rule itself (backoffice.affichage.valeurs)."""

import datetime
from decimal import Decimal

import pytest
from django.template import Context, Template
from django.utils import timezone

from backoffice.affichage.valeurs import valeur_affichee, valeur_exportee
from backoffice.conventions.models import Convention
from backoffice.offre.models import Dispositif

PARIS_ETE = timezone.make_aware(datetime.datetime(2026, 7, 14, 21, 41, 37, 123456))
PARIS_HIVER = timezone.make_aware(datetime.datetime(2026, 1, 16, 0, 41, 5, 999999))


@pytest.mark.parametrize(
    ("valeur", "champ", "attendu"),
    [
        (None, None, "—"),
        ("", None, "—"),
        (True, None, "Oui"),
        (False, None, "Non"),
        ("pre_validee", Convention._meta.get_field("etat"), "Pré-validée"),
        ("isoles", Dispositif._meta.get_field("public"), "Personnes isolées"),
        ("", Dispositif._meta.get_field("mode_hebergement"), "—"),
        (PARIS_ETE, None, "14/07/2026 21:41"),
        (PARIS_HIVER, None, "16/01/2026 00:41"),
        (PARIS_HIVER.astimezone(datetime.UTC), None, "16/01/2026 00:41"),
        (datetime.date(2026, 3, 1), None, "01/03/2026"),
        (Decimal("19.50"), None, "19,50"),
        ([], None, "—"),
        (["a", True], None, "a, Oui"),
        (80, None, "80"),
    ],
)
def test_valeur_affichee(valeur, champ, attendu):
    assert valeur_affichee(valeur, champ) == attendu


def test_valeur_exportee_garde_nombres_et_dates_et_passe_a_l_heure_de_paris():
    assert valeur_exportee(None) is None
    assert valeur_exportee(True) == "Oui"
    assert valeur_exportee("signee", Convention._meta.get_field("etat")) == "Signée"
    assert valeur_exportee(Decimal("19.50")) == Decimal("19.50")
    assert valeur_exportee(datetime.date(2026, 3, 1)) == datetime.date(2026, 3, 1)
    moment = valeur_exportee(PARIS_HIVER.astimezone(datetime.UTC))
    assert moment == datetime.datetime(2026, 1, 16, 0, 41)
    assert moment.tzinfo is None


def test_filtres_de_gabarit():
    gabarit = Template(
        "{% load affichage %}{{ rien|affiche }}|{{ vrai|oui_non }}|{{ moment|date_heure }}|"
        "{{ moment|date_courte }}|{{ rien|date_heure }}"
    )
    rendu = gabarit.render(
        Context({"rien": None, "vrai": True, "moment": PARIS_HIVER.astimezone(datetime.UTC)})
    )
    assert rendu == "—|Oui|16/01/2026 00:41|16/01/2026|—"
