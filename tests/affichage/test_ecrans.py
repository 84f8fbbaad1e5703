"""Every admin page a person reaches, for each role, on the populated database (conftest.py):
no Python value (`None`, `True`, `False`), no raw state or action code, no date in UTC, with
microseconds or in ISO format — in the text, in what screen readers read, in tooltips. The
requesters' public follow-up pages and the e-mails likewise."""

import io
import re
from collections import defaultdict

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from backoffice.conventions.echeances import envoyer_relances

from .controles import codes_bruts, defauts, motif_codes, textes
from .parcours import urls_des_menus, urls_des_objets, vues_sans_parametre

pytestmark = pytest.mark.django_db

ROLES = ["national", "ddets44", "ddets75", "siao44", "regional52", "lecteur44", "gestionnaire"]


def rapport(fautes):
    """Each fault once (digits blurred), with a few of the pages showing it."""
    pages = defaultdict(set)
    for url, liste in fautes.items():
        for faute in liste:
            pages[re.sub(r"\d+", "N", faute)].add(url)
    lignes = []
    for faute, urls in sorted(pages.items(), key=lambda p: -len(p[1])):
        lignes.append(f"{faute} — {len(urls)} page(s), dont {', '.join(sorted(urls)[:3])}")
    return "\n".join(lignes)


def parcourir(client, urls, motif, heure_utc):
    fautes = defaultdict(list)
    vues = 0
    client.raise_request_exception = False
    for url in dict.fromkeys(urls):
        if not url.startswith("/admin/"):
            continue  # Wagtail's help links lead to its online documentation
        response = client.get(url)
        if response.status_code >= 500:
            fautes[url].append(f"erreur {response.status_code}")
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        vues += 1
        trouve = defauts(textes(response.content.decode()), motif, [heure_utc])
        if trouve:
            fautes[url].extend(trouve)
    return vues, fautes


@pytest.mark.parametrize("role", ROLES)
def test_aucune_valeur_python_ni_code_ni_heure_utc(request, client, parc, role):
    """The national administrator visits every page of every sampled object (inspect,
    history, edit, the transitions offered); each other role the pages that change with the
    role: the menus' pages and the objects' inspect pages (buttons, sections, perimeter)."""
    user = parc["gestionnaire"] if role == "gestionnaire" else request.getfixturevalue(role)
    client.force_login(user)
    tout = role == "national"
    urls = [
        reverse("wagtailadmin_home"),
        *urls_des_menus(user),
        *(reverse(nom) for nom in vues_sans_parametre()),
        *urls_des_objets(
            user, vues=("inspect", "history", "edit") if tout else ("inspect",), transitions=tout
        ),
    ]
    vues, fautes = parcourir(client, urls, motif_codes(codes_bruts()), parc["heure_utc"])
    assert vues > 20, f"{vues} pages seulement : le parcours ne voit pas les écrans"
    assert not fautes, f"{len(fautes)} pages fautives sur {vues} :\n{rapport(fautes)}"


def test_pages_de_suivi_publiques(client, parc):
    """The requester's follow-up page (public, by private link) of every request."""
    motif = motif_codes(codes_bruts())
    fautes = defaultdict(list)
    for demande in parc["demandes"]:
        url = demande.get_suivi_url()
        response = client.get(url)
        assert response.status_code == 200, url
        fautes[url] = defauts(textes(response.content.decode()), motif, [parc["heure_utc"]])
    fautes = {url: liste for url, liste in fautes.items() if liste}
    assert not fautes, rapport(fautes)


def test_courriels_sans_valeur_python_ni_code(parc):
    """The e-mails of the transitions, and the daily and weekly reminders."""
    envoyer_relances()
    call_command("relancer_demandes", "--jours", "0", "--forcer", stdout=io.StringIO())
    courriels = [*parc["courriels"], *mail.outbox]
    assert len(parc["courriels"]) > 10
    sujets = {message.subject for message in courriels}
    assert any(s.startswith("Conventions : point hebdomadaire") for s in sujets), sujets
    assert any(s.startswith("Demandes en attente") for s in sujets), sujets
    motif = motif_codes(codes_bruts())
    fautes = defaultdict(list)
    for message in courriels:
        trouve = defauts([*message.body.splitlines(), message.subject], motif, [parc["heure_utc"]])
        if trouve:
            fautes[message.subject].extend(trouve)
    assert not fautes, rapport(fautes)
