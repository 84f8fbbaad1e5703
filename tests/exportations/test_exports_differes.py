"""List exports above `EXPORTS_SEUIL_DIFFERE` rows run in the background: the job rebuilds the
list for the user who asked (perimeter, filters), its file is theirs only, and it is purged after
`EXPORTS_CONSERVATION_JOURS` days. Small exports stay immediate."""

import datetime
import re

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from backoffice.exportations import taches
from backoffice.exportations.models import EtatExport, ExportDiffere
from tests.acces.outils import comparer_requetes, contenu, lignes_export
from tests.factories import DispositifFactory, EntiteFactory, departement

pytestmark = pytest.mark.django_db

LISTE = "dispositif:index"


def _dispositifs(nombre, code="44", prefixe="CADA Nantes"):
    entite = EntiteFactory(departement=departement(code))
    return [
        DispositifFactory(entite=entite, departement=departement(code), nom=f"{prefixe} {rang}")
        for rang in range(nombre)
    ]


def _fichier(export):
    export.refresh_from_db()
    assert export.etat == EtatExport.TERMINE, export.erreur
    with export.fichier.open("rb") as fichier:
        return fichier.read()


class _Reponse:
    """What `lignes_export` reads, for a stored file."""

    status_code = 200
    streaming = False

    def __init__(self, brut):
        self.content = brut


def _lignes_du_fichier(export):
    return lignes_export(_Reponse(_fichier(export)), export.format)


def _texte(page):
    """The page's text, without its tags (Wagtail's own attributes may hold "None")."""
    return re.sub(r"<[^>]+>", " ", page)


@pytest.fixture
def seuil(settings):
    settings.EXPORTS_SEUIL_DIFFERE = 2
    return settings


def test_petit_export_reste_immediat(client, ddets44, seuil):
    _dispositifs(2)
    client.force_login(ddets44)
    reponse = client.get(reverse(LISTE), {"export": "csv"})
    assert reponse.status_code == 200
    assert len(lignes_export(reponse, "csv")) == 3  # header + 2 rows
    assert not ExportDiffere.objects.exists()


@pytest.mark.parametrize("format_", ["csv", "xlsx"])
def test_grand_export_en_arriere_plan_memes_lignes_que_l_export_immediat(
    client, ddets44, seuil, format_
):
    _dispositifs(4)
    _dispositifs(2, prefixe="HUDA Nantes")
    client.force_login(ddets44)
    parametres = {"export": format_, "q": "CADA"}
    reponse = client.get(reverse(LISTE), parametres)
    export = ExportDiffere.objects.get()
    assert reponse.status_code == 302
    assert reponse.url == reverse("exportations:suivi", args=[export.pk])
    assert (export.demandeur, export.liste, export.format) == (ddets44, LISTE, format_)
    assert export.lignes == export.total == 4

    page = client.get(reponse.url).content.decode()
    assert "Télécharger le fichier" in page
    assert reverse("exportations:telecharger", args=[export.pk]) in page
    assert "None" not in _texte(page)

    telechargement = client.get(reverse("exportations:telecharger", args=[export.pk]))
    assert telechargement.status_code == 200
    assert telechargement["Content-Disposition"].startswith("attachment")
    seuil.EXPORTS_SEUIL_DIFFERE = 1000
    immediat = lignes_export(client.get(reverse(LISTE), parametres), format_)
    assert lignes_export(_Reponse(contenu(telechargement)), format_) == immediat
    assert len(immediat) == 5


def test_le_perimetre_s_applique_meme_avec_un_filtre_force(ddets44, seuil):
    _dispositifs(3)
    _dispositifs(3, code="75", prefixe="CADA Paris")
    sans_filtre = taches.demander(ddets44, LISTE, "Dispositifs", "dispositifs", "export=csv", "csv")
    lignes = _lignes_du_fichier(sans_filtre)
    assert len(lignes) == 4
    assert not any("Paris" in cellule for ligne in lignes for cellule in ligne)

    force = taches.demander(
        ddets44, LISTE, "Dispositifs", "dispositifs", "export=csv&departement=75", "csv"
    )
    # The list ignores a département out of the filter's choices (as on screen): the 44's rows,
    # never the 75's.
    lignes = _lignes_du_fichier(force)
    assert len(lignes) == 4
    assert not any("Paris" in cellule for ligne in lignes for cellule in ligne)


def test_le_perimetre_est_celui_du_jour_de_l_ecriture(ddets44, seuil):
    """A job taken by the worker after the user lost a right writes what they see then."""
    _dispositifs(3)
    export = ExportDiffere.objects.create(
        demandeur=ddets44, liste=LISTE, titre="Dispositifs", parametres="export=csv", format="csv"
    )
    ddets44.is_active = False
    ddets44.save()
    taches.produire_export.enqueue(export.pk)
    assert _lignes_du_fichier(export)[1:] == []


@pytest.mark.parametrize("vue", ["suivi", "statut", "telecharger"])
def test_un_autre_utilisateur_ne_voit_pas_l_export(client, ddets44, ddets75, national, seuil, vue):
    _dispositifs(3)
    export = taches.demander(ddets44, LISTE, "Dispositifs", "dispositifs", "export=csv", "csv")
    url = reverse(f"exportations:{vue}", args=[export.pk])
    for autre in (ddets75, national):
        client.force_login(autre)
        assert client.get(url).status_code == 404
    client.force_login(ddets44)
    assert client.get(url).status_code == 200


def test_mes_exports_ne_liste_que_les_siens(client, ddets44, ddets75, seuil):
    _dispositifs(3)
    taches.demander(ddets44, LISTE, "Dispositifs du 44", "dispositifs", "export=csv", "csv")
    taches.demander(ddets75, LISTE, "Dispositifs du 75", "dispositifs", "export=csv", "csv")
    client.force_login(ddets44)
    page = client.get(reverse("exportations:index")).content.decode()
    assert "Dispositifs du 44" in page
    assert "Dispositifs du 75" not in page
    assert "Terminé" in page
    assert "None" not in _texte(page)


def test_les_exports_expires_sont_purges(ddets44, seuil, settings):
    _dispositifs(3)
    ancien = taches.demander(ddets44, LISTE, "Dispositifs", "dispositifs", "export=csv", "csv")
    recent = taches.demander(ddets44, LISTE, "Dispositifs", "dispositifs", "export=csv", "csv")
    stockage, nom = ancien.fichier.storage, ancien.fichier.name
    assert stockage.exists(nom)
    ExportDiffere.objects.filter(pk=ancien.pk).update(
        cree_le=timezone.now()
        - datetime.timedelta(days=settings.EXPORTS_CONSERVATION_JOURS, hours=1)
    )
    call_command("purger_exports", stdout=None)
    assert list(ExportDiffere.objects.values_list("pk", flat=True)) == [recent.pk]
    assert not stockage.exists(nom)
    assert recent.fichier.storage.exists(recent.fichier.name)


def _mesurer_tache(user, format_):
    export = ExportDiffere.objects.create(
        demandeur=user,
        liste=LISTE,
        titre="Dispositifs",
        parametres=f"export={format_}",
        format=format_,
    )
    with CaptureQueriesContext(connection) as capture:
        taches.produire_export.enqueue(export.pk)
    return [q["sql"] for q in capture.captured_queries], len(_lignes_du_fichier(export)) - 1


@pytest.mark.parametrize("format_", ["csv", "xlsx"])
@pytest.mark.parametrize("utilisateur", ["national", "ddets44"])
def test_requetes_de_la_tache_sans_n_plus_1(request, utilisateur, format_, settings):
    # Progress is written every EXPORTS_PAS_PROGRESSION rows by design (one UPDATE per step):
    # the rows themselves must cost no query.
    settings.EXPORTS_PAS_PROGRESSION = 1000
    user = request.getfixturevalue(utilisateur)
    _dispositifs(4)
    _mesurer_tache(user, format_)  # warm-up
    petit, n_petit = _mesurer_tache(user, format_)
    _dispositifs(12)
    grand, n_grand = _mesurer_tache(user, format_)
    assert (n_petit, n_grand) == (4, 16)
    comparer_requetes(petit, grand, n_petit, n_grand)


def test_l_avancement_est_ecrit_tous_les_pas(ddets44, settings):
    settings.EXPORTS_PAS_PROGRESSION = 2
    _dispositifs(5)
    export = ExportDiffere.objects.create(
        demandeur=ddets44, liste=LISTE, titre="Dispositifs", parametres="export=csv", format="csv"
    )
    with CaptureQueriesContext(connection) as capture:
        taches.produire_export.enqueue(export.pk)
    mises_a_jour = [q for q in capture.captured_queries if 'SET "lignes"' in q["sql"]]
    assert len(mises_a_jour) == 2  # after rows 2 and 4
    export.refresh_from_db()
    assert (export.lignes, export.total, export.progression) == (5, 5, 100)
