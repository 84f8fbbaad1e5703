"""Calling a chooser as its modal does: the listing (`choose`, a modal-workflow JSON holding the
HTML), its results when searching or paging (`choose_results`), and the « chosen » answer."""

import json

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.acces.outils import comparer_requetes


def modal(client, espace, **params):
    """The HTML of the chooser's modal."""
    response = client.get(reverse(f"{espace}:choose"), params)
    assert response.status_code == 200, response.status_code
    return json.loads(response.content)["html"]


def resultats(client, espace, **params):
    """The rows listed by the chooser's results (one page)."""
    response = client.get(reverse(f"{espace}:choose_results"), params)
    assert response.status_code == 200, response.status_code
    return list(response.context["results"])


def choisir(client, espace, pk):
    return client.get(reverse(f"{espace}:chosen", args=[pk]))


def requetes_du_listing(client, espace):
    """(SQL of one page of the chooser's results, rows listed)."""
    with CaptureQueriesContext(connection) as capture:
        lignes = resultats(client, espace)
    return [q["sql"] for q in capture.captured_queries], len(lignes)


def assert_listing_a_cout_constant(client, espace, ajouter, n=4):
    """The chooser's listing costs as many queries for n rows as for 4n (one page)."""
    ajouter(n)
    resultats(client, espace)  # warm-up: session, permissions, caches
    petit, n_petit = requetes_du_listing(client, espace)
    ajouter(3 * n)
    grand, n_grand = requetes_du_listing(client, espace)
    assert n_grand == 4 * n_petit, (n_petit, n_grand)
    comparer_requetes(petit, grand, n_petit, n_grand)
