"""Abuse resistance without a CAPTCHA service: honeypot, per-IP limit, CSRF."""

import pytest
from django.core import mail
from django.test import Client

from backoffice.demandes.models import Demande
from tests.public.outils import donnees_valides

pytestmark = pytest.mark.django_db

URL = "/demande/"


def test_le_piege_a_robots_rempli_ne_cree_rien_mais_repond_comme_si_de_rien_n_etait(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        reponse = client.post(URL, donnees_valides(site_web="http://spam.example"))
    # Same answer as a real filing (a bot learns nothing), but nothing is created or sent.
    assert reponse.status_code == 302
    assert reponse["Location"] == "/demande/envoyee/"
    assert not Demande.objects.exists()
    assert mail.outbox == []
    assert "Votre demande a bien été envoyée" in client.get("/demande/envoyee/").content.decode()


def test_le_champ_piege_est_cache_aux_personnes(client):
    html = client.get(URL).content.decode()
    assert '<div class="champ-piege" aria-hidden="true">' in html
    assert 'name="site_web" id="id_site_web" value="" tabindex="-1" autocomplete="off"' in html


def test_au_dela_de_la_limite_par_ip_la_reponse_est_429(
    client, settings, django_capture_on_commit_callbacks
):
    settings.DEMANDE_RATE_LIMIT = 3
    for numero in range(3):
        donnees = donnees_valides(**{"dispositif-nom": f"CADA numéro {numero}"})
        with django_capture_on_commit_callbacks(execute=True):
            assert client.post(URL, donnees).status_code == 302
    reponse = client.post(URL, donnees_valides())
    assert reponse.status_code == 429
    assert "Trop de demandes" in reponse.content.decode()
    assert Demande.objects.count() == 3
    # Another address is not affected.
    with django_capture_on_commit_callbacks(execute=True):
        autre = client.post(URL, donnees_valides(), REMOTE_ADDR="192.0.2.44")
    assert autre.status_code == 302


def test_la_limite_par_defaut_est_de_cinq_demandes_par_heure(settings):
    assert settings.DEMANDE_RATE_LIMIT == 5
    assert settings.DEMANDE_RATE_LIMIT_FENETRE == 3600


def test_les_corrections_d_un_formulaire_invalide_ne_comptent_pas(
    client, settings, django_capture_on_commit_callbacks
):
    settings.DEMANDE_RATE_LIMIT = 1
    for _ in range(4):
        assert client.post(URL, donnees_valides(**{"dispositif-nom": ""})).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(URL, donnees_valides()).status_code == 302
    assert client.post(URL, donnees_valides()).status_code == 429


def test_les_robots_comptent_dans_la_limite(client, settings):
    settings.DEMANDE_RATE_LIMIT = 2
    for _ in range(2):
        client.post(URL, donnees_valides(site_web="spam"))
    assert client.post(URL, donnees_valides()).status_code == 429


def test_sans_jeton_csrf_l_envoi_est_refuse():
    client = Client(enforce_csrf_checks=True)
    reponse = client.post(URL, donnees_valides())
    assert reponse.status_code == 403
    assert not Demande.objects.exists()


def test_avec_le_jeton_csrf_de_la_page_l_envoi_passe(django_capture_on_commit_callbacks):
    client = Client(enforce_csrf_checks=True)
    client.get(URL)
    jeton = client.cookies["csrftoken"].value
    with django_capture_on_commit_callbacks(execute=True):
        reponse = client.post(URL, {**donnees_valides(), "csrfmiddlewaretoken": jeton})
    assert reponse.status_code == 302
    assert Demande.objects.count() == 1


def test_aucune_liste_de_demandes_sans_connexion(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(URL, donnees_valides())
    for url in ["/demande/suivi/", "/demande/suivi", "/demandes/", "/admin/demandes/"]:
        reponse = client.get(url, follow=True)
        # Not found, or the agents' login page: never a list of requests.
        assert reponse.status_code == 404 or "/admin/login/" in reponse.request["PATH_INFO"], url
        assert "CADA Horizon" not in reponse.content.decode()
