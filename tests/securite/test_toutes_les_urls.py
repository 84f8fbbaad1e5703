"""The URL walk: every URL pattern of the project, for every role, out of its perimeter.

For each pattern of `get_resolver()` (ours and Wagtail's, found at collection time: a view
added tomorrow is walked tomorrow, under its URL name), the walk fills the path arguments with
objects of a populated Paris (75) world (monde.py, motifs.py) and calls the URL as each account
of the 44 / région 52 (tests/conftest.py's roles) and as an anonymous visitor:
GET and POST with a plausible body — what the form the national administrator is served on
that URL would send (sonde.py; the test client skips the CSRF check, so that the refusal
tested is the perimeter's, never the token's) — and, for one account and the
national administrator, POST with an empty body. It fails on:
- a 500 (a view that raised), for any account, the national administrator included;
- an answer that names an object of the 75 world (its name, number, code, title, file);
- an action performed: a row of the 75 world changed or deleted, a row created anywhere,
  a mail sent.
Patterns without arguments are called with GET by every account and must not fail either.

A new view needs nothing when its arguments are a `pk` (of its model or of its namespace's
model), a transition `nom`, or a name listed in `motifs.ARGUMENTS`. When the walk fails with
« argument … inconnu » or « modèle inconnu », add the argument's values to `ARGUMENTS`
(name → values) or the pattern to `CAS_PARTICULIERS` (motifs.py); when a model has no object
in the 75 world, add one to monde.py (with a `Lutetia-…` marker in its texts).
"""

import logging

import pytest
from django.core.cache import cache
from django.db import transaction
from django.test import Client, override_settings

from .monde import construire_monde
from .motifs import cibles, tous_les_motifs
from .sonde import appeler, corps_plausible

HORS_PERIMETRE = ["anonyme", "ddets44", "siao44", "regional52", "lecteur44", "gestionnaire44"]

# Patterns the walk does not call (URL name → why). Keep it short: every other pattern, and
# every pattern added tomorrow, is walked.
EXCLUSIONS = {
    # Wagtail's deliberate crash (`/admin/failwhale/`), for checking the 500 page: it raises
    # for every signed-in account by design. The 500 page itself is tested (test_pages_erreur).
    "wagtailadmin_error_test": "erreur volontaire de Wagtail",
}

# Known failures left to another piece of work, each with its reason (URL name → reason).
# The walk still calls these URLs and reports their failures as expected (xfail); once one
# holds, the walk fails until it is removed from here.
ECHECS_CONNUS = {}

MOTIFS = [m for m in tous_les_motifs() if m.nom not in EXCLUSIONS]


@pytest.fixture(scope="module")
def monde(django_db_setup, django_db_blocker, tmp_path_factory):
    """One populated world for the whole module, rolled back at its end."""
    medias = tmp_path_factory.mktemp("medias-sondes")
    journal = logging.getLogger("django.request")
    niveau = journal.level
    journal.setLevel(logging.CRITICAL)  # 404s and 403s by the thousand; 500s are reported
    with (
        override_settings(MEDIA_ROOT=medias),
        django_db_blocker.unblock(),
        transaction.atomic(),
    ):
        monde = construire_monde()
        monde.clients = {}
        for role, user in monde.acteurs.items():
            client = Client()
            if user is not None:
                client.force_login(user)
            monde.clients[role] = client
        monde.photo_initiale = monde.photo()
        yield monde
        transaction.set_rollback(True)
    journal.setLevel(niveau)


def _juger(motif, cible, role, methode, resultat, monde, hors_perimetre):
    quoi = f"{role} {methode.upper()} {cible.url}"
    problemes = []
    if resultat.statut >= 500:
        problemes.append(f"{quoi} → {resultat.statut}\n{resultat.erreur}")
    if hors_perimetre:
        noms = monde.marqueurs_visibles(resultat.corps, role)
        if noms:
            problemes.append(f"{quoi} → {resultat.statut} nomme {', '.join(noms)}")
        if resultat.ecarts:
            problemes.append(f"{quoi} → action effectuée : {'; '.join(resultat.ecarts)}")
        if resultat.mails:
            problemes.append(f"{quoi} → {resultat.mails} courriel(s) envoyé(s)")
    return problemes


@pytest.mark.parametrize("motif", MOTIFS, ids=[m.ident for m in MOTIFS])
def test_url_hors_perimetre(motif, monde, db):
    cache.clear()  # login and form counters
    problemes = []
    for cible in cibles(motif, MOTIFS, monde):
        national = monde.clients["national"]
        lecture = appeler(national, "get", cible.url, None, monde)
        problemes += _juger(motif, cible, "national", "get", lecture, monde, False)
        plausible = corps_plausible(lecture.reponse, cible)
        appels = [("get", None)]
        if motif.arguments:
            appels += [("post", plausible), ("post", {})]
        for role in HORS_PERIMETRE:
            # The empty body only once out of perimeter: the object is refused before any
            # form is read, whatever the body.
            for methode, donnees in appels if role == "ddets44" else appels[:2]:
                resultat = appeler(
                    monde.clients[role], methode, cible.url, donnees, monde, monde.photo_initiale
                )
                problemes += _juger(motif, cible, role, methode, resultat, monde, True)
        for methode, donnees in appels[1:]:
            resultat = appeler(national, methode, cible.url, donnees, monde)
            problemes += _juger(motif, cible, "national", methode, resultat, monde, False)
    if motif.nom in ECHECS_CONNUS:
        if problemes:
            pytest.xfail(ECHECS_CONNUS[motif.nom])
        pytest.fail(f"{motif.nom} ne fait plus défaut : retirez-le de ECHECS_CONNUS.")
    assert not problemes, f"{motif.nom} ({motif.route}) :\n" + "\n".join(problemes)


def test_les_exclusions_et_echecs_connus_designent_des_motifs_existants():
    """A renamed or removed view must leave these lists, or they hide nothing useful."""
    noms = {m.nom for m in tous_les_motifs()}
    assert set(EXCLUSIONS) <= noms, set(EXCLUSIONS) - noms
    assert set(ECHECS_CONNUS) <= noms, set(ECHECS_CONNUS) - noms
    assert not set(EXCLUSIONS) & set(ECHECS_CONNUS)


def test_la_marche_couvre_toutes_les_familles_de_vues():
    """The walk derives its list from the resolver: our viewsets, Wagtail's admin, the public
    pages and the document serving are all in it."""
    noms = {m.nom for m in MOTIFS}
    for attendu in (
        "convention:delete",
        "avenant:delete",
        "appel:delete",
        "convention:transition",
        "dispositif:edit",
        "public:suivi",
        "wagtaildocs_serve",
        "wagtailadmin_api:documents:listing",
        "wagtailusers_users:edit",
    ):
        assert attendu in noms, attendu
    assert len(MOTIFS) > 300
