"""Helpers for admin-view tests: "not found" and "denied" assertions, form payloads, exports,
query counts that must not grow with the data."""

import csv
import datetime
import io
import re
from collections import Counter
from decimal import Decimal

import openpyxl
import pytest
from django.contrib.messages import constants, get_messages
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

VUES_OBJET = ["inspect", "edit", "delete", "history", "usage"]


def url_vue(viewset, vue, objet=None):
    return reverse(f"{viewset}:{vue}", args=[objet.pk] if objet is not None else [])


def assert_introuvable(client, url, methode="get", data=None):
    """The object is answered as not found (404), whatever the method."""
    response = getattr(client, methode)(url, data or {})
    assert response.status_code == 404, (
        f"{methode.upper()} {url} → {response.status_code}, attendu 404 (hors périmètre)"
    )
    return response


def assert_refuse(response):
    """Wagtail turns PermissionDenied into a redirect to the admin home with an error message."""
    assert response.status_code == 302, (
        f"attendu une redirection (refus), reçu {response.status_code}"
    )
    assert response["Location"] == reverse("wagtailadmin_home"), response["Location"]
    niveaux = [m.level for m in get_messages(response.wsgi_request)]
    assert constants.ERROR in niveaux, "aucun message d'erreur « permission refusée »"


def _valeur(valeur):
    if valeur is None:
        return ""
    if isinstance(valeur, datetime.date | datetime.datetime):
        return valeur.isoformat()
    if isinstance(valeur, Decimal | int):
        return str(valeur)
    return valeur


def donnees_formulaire(form):
    """POST data reproducing a (Wagtail/modelcluster) form as rendered, formsets included."""
    data = {}
    for champ in form:
        valeur = champ.value()
        if isinstance(valeur, bool):
            if valeur:
                data[champ.html_name] = "on"
            continue
        if isinstance(valeur, list | tuple):
            data[champ.html_name] = [_valeur(v) for v in valeur]
        else:
            data[champ.html_name] = _valeur(valeur)
    for formset in getattr(form, "formsets", {}).values():
        for champ in formset.management_form:
            data[champ.html_name] = _valeur(champ.value())
        for sous_formulaire in formset.forms:
            data.update(donnees_formulaire(sous_formulaire))
    return data


def formulaire_de(client, url):
    """The form of an add/edit page, as the given client sees it (asserts a 200)."""
    response = client.get(url)
    assert response.status_code == 200, f"GET {url} → {response.status_code}"
    return response.context["form"]


def contenu(response):
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


def lignes_export(response, format_, brut=None):
    """Rows of a CSV or XLSX export as lists of strings (header row included). `brut`: the body
    when it was already read (a streamed body can be read once)."""
    assert response.status_code == 200, response.status_code
    if brut is None:
        brut = contenu(response)
    if format_ == "csv":
        return list(csv.reader(io.StringIO(brut.decode("utf-8-sig")), delimiter=";"))
    classeur = openpyxl.load_workbook(io.BytesIO(brut), read_only=True, data_only=True)
    try:
        return [
            ["" if cellule is None else str(cellule) for cellule in ligne]
            for ligne in classeur.active.iter_rows(values_only=True)
        ]
    finally:
        classeur.close()


def cellules_export(response, format_):
    return {cellule for ligne in lignes_export(response, format_) for cellule in ligne}


def pks_listes(response):
    return {objet.pk for objet in response.context["object_list"]}


def gabarit(sql):
    """The query with its literal values blanked, to group repeated queries."""
    sql = re.sub(r"'[^']*'", "?", sql)
    sql = re.sub(r'"s\d+_x\d+"', "<savepoint>", sql)
    sql = re.sub(r"\b\d+\b", "?", sql)
    return re.sub(r"IN \([?, %s]+\)", "IN (…)", sql)


def mesurer_requetes(client, url, params=None):
    """(SQL of one request, number of rows it listed or exported)."""
    params = params or {}
    with CaptureQueriesContext(connection) as capture:
        response = client.get(url, params)
        corps = contenu(response)  # exports stream: their queries run while the body is read
    assert response.status_code == 200
    if "export" in params:
        lignes = len(lignes_export(response, params["export"], corps)) - 1
    else:
        lignes = len(response.context["object_list"])
    return [q["sql"] for q in capture.captured_queries], lignes


def comparer_requetes(petit, grand, n_petit, n_grand):
    """Fail, naming the repeated queries, when N and 4N rows do not cost as many queries."""
    if len(petit) == len(grand):
        return
    avant, apres = Counter(map(gabarit, petit)), Counter(map(gabarit, grand))
    repetees = [f"  {avant[g]} → {apres[g]} ×  {g[:600]}" for g in apres if apres[g] != avant[g]]
    pytest.fail(
        f"{len(petit)} requêtes pour {n_petit} lignes, {len(grand)} pour {n_grand} lignes. "
        "Requêtes dont le nombre varie :\n" + "\n".join(repetees)
    )
