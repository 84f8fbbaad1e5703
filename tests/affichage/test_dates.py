"""A moment typed in Paris time is shown as typed everywhere: the form, the inspect page, the
listing, the exports (CSV and XLSX)."""

import datetime
import io

import openpyxl
import pytest
from django.urls import reverse
from django.utils import timezone

from backoffice.appels.models import AppelAProjets
from tests.acces.outils import contenu, donnees_formulaire, formulaire_de, lignes_export
from tests.appels.factories import appel_44

from .controles import textes

pytestmark = pytest.mark.django_db


@pytest.fixture
def echeance(client, ddets44):
    """A call whose deadline the DDETS types as 21:41 in its edit form (the page's format)."""
    appel = appel_44()
    client.force_login(ddets44)
    url = reverse("appel:edit", args=[appel.pk])
    jour = timezone.localdate() + datetime.timedelta(days=40)
    data = donnees_formulaire(formulaire_de(client, url))
    data["date_limite"] = f"{jour:%d/%m/%Y} 21:41"
    response = client.post(url, data)
    assert response.status_code == 302, response.context["form"].errors
    appel = AppelAProjets.objects.get(pk=appel.pk)
    heure_utc = f"{appel.date_limite.astimezone(datetime.UTC):%H:%M}"
    assert heure_utc != "21:41"
    return appel, jour, heure_utc


def test_le_formulaire_rend_l_heure_saisie(client, echeance):
    appel, jour, _ = echeance
    assert f"{timezone.localtime(appel.date_limite):%H:%M}" == "21:41"
    form = formulaire_de(client, reverse("appel:edit", args=[appel.pk]))
    assert form["date_limite"].as_widget().count(f'value="{jour:%d/%m/%Y} 21:41"') == 1


@pytest.mark.parametrize("vue", ["appel:inspect", "appel:index"])
def test_fiche_et_liste_montrent_21h41(client, echeance, vue):
    appel, jour, heure_utc = echeance
    url = reverse(vue, args=[appel.pk]) if vue.endswith("inspect") else reverse(vue)
    texte = " ".join(textes(client.get(url).content.decode()))
    assert "21:41" in texte
    assert heure_utc not in texte


def test_exports_montrent_21h41(client, echeance):
    appel, jour, heure_utc = echeance
    lignes = lignes_export(client.get(reverse("appel:index"), {"export": "csv"}), "csv")
    entetes, ligne = lignes[0], lignes[1]
    assert ligne[entetes.index("Date limite")] == f"{jour:%d/%m/%Y} 21:41"
    assert ligne[entetes.index("Publication prévue")] == f"{appel.date_publication:%d/%m/%Y}"
    assert ligne[entetes.index("Vague nationale")] == "Non"

    response = client.get(reverse("appel:index"), {"export": "xlsx"})
    feuille = openpyxl.load_workbook(io.BytesIO(contenu(response))).active
    entetes = [c.value for c in feuille[1]]
    limite = feuille.cell(row=2, column=entetes.index("Date limite") + 1)
    assert limite.value == datetime.datetime.combine(jour, datetime.time(21, 41))
    assert limite.number_format == "DD/MM/YYYY HH:MM"
    publication = feuille.cell(row=2, column=entetes.index("Publication prévue") + 1)
    valeur = publication.value
    assert (valeur.date() if isinstance(valeur, datetime.datetime) else valeur) == (
        appel.date_publication
    )
    assert publication.number_format == "DD/MM/YYYY"
