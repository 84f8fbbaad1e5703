"""Every listing's export (CSV and XLSX), on the populated database: labels for choices and
states, « Oui » / « Non », Paris time without seconds, French dates in CSV, dates as date
cells in XLSX; never `None`, `True`, `False` or a code."""

import datetime
import io
from collections import defaultdict

import openpyxl
import pytest
from django.urls import NoReverseMatch, reverse

from tests.acces.outils import contenu, lignes_export

from .controles import codes_bruts, defauts, motif_codes
from .parcours import vues_sans_parametre
from .test_ecrans import rapport

pytestmark = pytest.mark.django_db


def listes_exportables(client):
    urls = []
    for nom in vues_sans_parametre():
        if not nom.endswith(":index"):
            continue
        try:
            url = reverse(nom)
        except NoReverseMatch:
            continue
        response = client.get(url)
        if response.status_code == 200 and getattr(response.context["view"], "list_export", None):
            urls.append(url)
    return urls


def test_exports_des_listes(client, parc, national):
    client.force_login(national)
    motif = motif_codes(codes_bruts())
    fautes = defaultdict(list)
    urls = listes_exportables(client)
    assert len(urls) >= 15, urls
    lignes_lues = 0
    for url in urls:
        csv = lignes_export(client.get(url, {"export": "csv"}), "csv")
        lignes_lues += len(csv) - 1
        for faute in defauts([c for ligne in csv[1:] for c in ligne], motif, [parc["heure_utc"]]):
            fautes[f"{url} (CSV)"].append(faute)
        classeur = openpyxl.load_workbook(
            io.BytesIO(contenu(client.get(url, {"export": "xlsx"}))), read_only=True
        )
        for ligne in classeur.active.iter_rows(min_row=2):
            for cellule in ligne:
                valeur = cellule.value
                if isinstance(valeur, datetime.datetime):
                    if f"{valeur:%H:%M}" == parc["heure_utc"]:
                        fautes[f"{url} (XLSX)"].append(f"heure UTC {valeur:%H:%M}")
                    if valeur.second or valeur.microsecond:
                        fautes[f"{url} (XLSX)"].append(f"secondes dans {valeur}")
                elif isinstance(valeur, str) and (
                    trouve := defauts([valeur], motif, [parc["heure_utc"]])
                ):
                    fautes[f"{url} (XLSX)"].extend(trouve)
        classeur.close()
    assert lignes_lues > 50
    assert not fautes, rapport(fautes)
