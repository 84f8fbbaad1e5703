"""The recomputation service: idempotent, limited to its scope, flat in queries."""

import pytest
from django.db import connection
from django.db.models import F
from django.test.utils import CaptureQueriesContext

from backoffice.offre.models import Dispositif, Financement
from backoffice.qualite import services
from backoffice.qualite.models import Anomalie, Regle
from tests.factories import DispositifFactory, EntiteFactory, FinancementFactory, GroupeFactory

from .outils import anomalie, anomalies, jours, montant_pour

pytestmark = pytest.mark.django_db


def test_idempotent(dispositif44):
    premier = services.recalculer()
    assert premier.nouvelles == premier.ouvertes > 0
    etat = {a.cle: (a.message, a.detectee_le) for a in Anomalie.objects.all()}
    vues = {a.cle: a.vue_le for a in Anomalie.objects.all()}

    second = services.recalculer()
    assert (second.nouvelles, second.rouvertes, second.resolues) == (0, 0, 0)
    assert second.ouvertes == premier.ouvertes
    assert {a.cle: (a.message, a.detectee_le) for a in Anomalie.objects.all()} == etat
    # …but each one is stamped as still found.
    assert all(a.vue_le > vues[a.cle] for a in Anomalie.objects.all())


def test_message_rafraichi_avec_les_chiffres(dispositif44):
    financement = FinancementFactory(dispositif=dispositif44, places_financees=90)
    services.recalculer()
    a = anomalie(dispositif44, Regle.FINANCEES_SUP_AUTORISEES)
    assert a.message.startswith("90 places financées")
    financement.places_financees = 120
    financement.montant_annuel = montant_pour("19.50", 120)  # same cost per place
    financement.save()
    bilan = services.recalculer()
    a.refresh_from_db()
    assert a.message.startswith("120 places financées")
    assert (bilan.nouvelles, bilan.resolues) == (0, 0)


def test_portee_departement(dispositif44, dispositif75):
    services.recalculer(departements=["44"])
    assert anomalies(dispositif44).exists()
    assert not anomalies(dispositif75).exists()
    services.recalculer()
    GroupeFactory(dispositif=dispositif75)
    GroupeFactory(dispositif=dispositif44)
    # Only the 44 is recomputed: the 75's anomaly stays open until its turn.
    services.recalculer(departements=["44"])
    assert anomalie(dispositif44, Regle.SANS_GROUPE).resolue_le is not None
    assert anomalie(dispositif75, Regle.SANS_GROUPE).resolue_le is None


def test_portee_dispositifs(dispositif44):
    autre = DispositifFactory()
    services.recalculer()
    GroupeFactory(dispositif=dispositif44)
    GroupeFactory(dispositif=autre)
    services.recalculer(dispositifs=[dispositif44.pk])
    assert anomalie(dispositif44, Regle.SANS_GROUPE).resolue_le is not None
    assert anomalie(autre, Regle.SANS_GROUPE).resolue_le is None


def test_portee_par_tranches(monkeypatch):
    """A long list of ids is computed in slices, with the same result."""
    monkeypatch.setattr(services, "TAILLE_LOT", 2)
    dispositifs = [DispositifFactory() for _ in range(5)]
    bilan = services.recalculer(dispositifs=[d.pk for d in dispositifs])
    assert bilan.nouvelles == Anomalie.objects.count() > 0
    assert set(Anomalie.objects.values_list("dispositif_id", flat=True)) == {
        d.pk for d in dispositifs
    }
    assert services.recalculer(dispositifs=dispositifs).nouvelles == 0


def test_changement_de_departement(dispositif44):
    services.recalculer()
    dispositif44.departement_id = "49"
    dispositif44.save()
    services.recalculer(dispositifs=[dispositif44])
    assert set(anomalies(dispositif44).values_list("departement_id", flat=True)) == {"49"}


def test_sans_places_ni_financement_ni_groupe_attendus():
    """Premier accueil: no places, so neither financing nor groupe is expected."""
    pa = DispositifFactory(type_id="PA_DNA", places_autorisees=None)
    services.recalculer()
    assert not anomalies(pa).exists()


def test_dispositif_ferme_ou_pas_encore_ouvert():
    ferme = DispositifFactory(date_fermeture=jours(-10), finess="440000123")
    futur = DispositifFactory(date_ouverture=jours(30), finess="440000123")
    services.recalculer()
    assert not anomalies(ferme).exists()
    assert not anomalies(futur).exists()


def test_cout_a_trente_pour_cent_tout_juste_n_est_pas_signale(dispositif44):
    # 19.50 € × 1.30 = 25.35 €: at the threshold, not beyond it.
    FinancementFactory(dispositif=dispositif44, montant_annuel=montant_pour("25.35", 80))
    services.recalculer()
    assert not anomalies(dispositif44, Regle.COUT_JOURNALIER).exists()
    FinancementFactory(
        dispositif=dispositif44, mode="alt", places_financees=10, montant_annuel=None
    )
    # A line without amount does not weigh on the cost (nor on its places).
    services.recalculer()
    assert not anomalies(dispositif44, Regle.COUT_JOURNALIER).exists()


# ---------------------------------------------------------------------------------------------
# Queries: flat in the number of dispositifs
# ---------------------------------------------------------------------------------------------


def _peupler(nombre):
    for _ in range(nombre):
        d = DispositifFactory(entite=EntiteFactory(), siret="73282932000074")
        GroupeFactory(dispositif=d, places=100)
        FinancementFactory(dispositif=d, places_financees=100)


def _requetes(**portee):
    with CaptureQueriesContext(connection) as capture:
        bilan = services.recalculer(**portee)
    return len(capture.captured_queries), bilan


@pytest.mark.parametrize("portee", [{}, {"departements": ["44"]}, "ids"])
def test_requetes_constantes(portee):
    N = 3
    _peupler(N)

    def mesurer():
        if portee == "ids":
            return _requetes(dispositifs=list(Dispositif.objects.values_list("pk", flat=True)))
        return _requetes(**portee)

    def changer():
        # Messages change (places financées), SIRET anomalies vanish (resolved).
        Financement.objects.update(places_financees=F("places_financees") + 1)
        Dispositif.objects.update(siret="")

    def tout_mesurer():
        creation = mesurer()
        regime = mesurer()
        changer()
        changement = mesurer()
        return creation, regime, changement

    petit = tout_mesurer()
    Anomalie.objects.all().delete()
    Dispositif.objects.update(siret="73282932000074")
    _peupler(3 * N)
    grand = tout_mesurer()
    # The measures did compute something, four times as much.
    (_, creation_petit), (_, creation_grand) = petit[0], grand[0]
    assert creation_grand.nouvelles == 4 * creation_petit.nouvelles > 0
    (_, change_petit), (_, change_grand) = petit[2], grand[2]
    assert change_grand.resolues == 4 * change_petit.resolues == 4 * N
    assert [n for n, _ in petit] == [n for n, _ in grand]


def test_rafraichir_ne_reecrit_pas_la_justification(dispositif44, ddets44):
    """A justification given while a recomputation runs must survive it: refreshing a found
    anomaly writes the finding's fields only."""
    financement = FinancementFactory(dispositif=dispositif44, places_financees=90)
    services.recalculer()
    a = anomalie(dispositif44, Regle.FINANCEES_SUP_AUTORISEES)
    services.justifier(a, ddets44, "Accepté")
    financement.places_financees = 95
    financement.save()
    with CaptureQueriesContext(connection) as capture:
        services.recalculer()
    ecritures = [q["sql"] for q in capture.captured_queries if q["sql"].startswith("UPDATE")]
    assert ecritures and not any('"justification"' in sql for sql in ecritures)
    a.refresh_from_db()
    assert a.message.startswith("95 places") and a.justification == "Accepté"
