"""Anomalies are recomputed after each change, once per transaction."""

import pytest
from django.db import transaction

from backoffice.conventions.models import Convention
from backoffice.qualite import services, signaux
from backoffice.qualite.models import Regle
from tests.factories import DispositifFactory, EntiteFactory, FinancementFactory, GroupeFactory

from .outils import anomalie, anomalies, convention_en_vigueur

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media_temporaire")]


@pytest.fixture
def espion(monkeypatch):
    """Records each call of the recomputation made by the signals (and still runs it)."""
    appels = []
    original = services.recalculer

    def recalculer(**kwargs):
        appels.append(kwargs)
        return original(**kwargs)

    monkeypatch.setattr(services, "recalculer", recalculer)
    return appels


def _nos_callbacks(callbacks):
    return [c for c in callbacks if isinstance(getattr(c, "__self__", None), signaux.Lot)]


def test_recalcul_apres_un_enregistrement(apres_commit, espion):
    with apres_commit() as callbacks:
        d = DispositifFactory()
    assert len(_nos_callbacks(callbacks)) == 1
    assert anomalie(d, Regle.SANS_GROUPE).resolue_le is None

    with apres_commit():
        GroupeFactory(dispositif=d)
    assert anomalie(d, Regle.SANS_GROUPE).resolue_le is not None

    with apres_commit():
        financement = FinancementFactory(dispositif=d, places_financees=100)
    assert anomalie(d, Regle.FINANCEES_SUP_AUTORISEES).message.startswith("100 places")

    with apres_commit():
        financement.delete()
    assert anomalie(d, Regle.FINANCEES_SUP_AUTORISEES).resolue_le is not None
    assert anomalie(d, Regle.SANS_FINANCEMENT).resolue_le is None


def test_un_seul_recalcul_par_transaction(apres_commit, espion):
    with apres_commit() as callbacks:
        with transaction.atomic():
            dispositifs = [DispositifFactory() for _ in range(5)]
            for d in dispositifs:
                GroupeFactory(dispositif=d)
                FinancementFactory(dispositif=d)
        assert espion == []  # nothing before the commit
    assert len(_nos_callbacks(callbacks)) == 1
    assert len(espion) == 1
    assert set(espion[0]["dispositifs"]) == {d.pk for d in dispositifs}
    assert anomalies(regle=Regle.SANS_FINANCEMENT).count() == 0
    assert anomalies(regle=Regle.FINESS_MANQUANT).count() == 5


def test_rollback_d_un_point_de_sauvegarde(apres_commit, espion):
    """The batch registered inside a rolled-back savepoint is gone with it: the next change
    registers a new one (nothing is lost)."""
    with apres_commit() as callbacks, transaction.atomic():
        try:
            with transaction.atomic():
                DispositifFactory()
                raise RuntimeError("ligne refusée")
        except RuntimeError:
            pass
        garde = DispositifFactory()
    assert len(_nos_callbacks(callbacks)) == 1
    assert espion[0]["dispositifs"] == {garde.pk}
    assert anomalies(garde).exists()


def test_rollback_d_un_point_de_sauvegarde_apres_enregistrement(apres_commit, espion):
    """Batch registered before a savepoint that rolls back: it stays, and collects on."""
    with apres_commit() as callbacks, transaction.atomic():
        premier = DispositifFactory()
        try:
            with transaction.atomic():
                GroupeFactory(dispositif=premier)
                raise RuntimeError("ligne refusée")
        except RuntimeError:
            pass
        second = DispositifFactory()
    assert len(_nos_callbacks(callbacks)) == 1
    assert {premier.pk, second.pk} <= espion[0]["dispositifs"]
    assert anomalie(premier, Regle.SANS_GROUPE).resolue_le is None


def test_changement_de_siren_de_l_entite(apres_commit):
    entite = EntiteFactory()
    d = DispositifFactory(entite=entite, siret="")
    with apres_commit():
        d.siret = "73282932000074"
        d.save()
    assert anomalie(d, Regle.SIRET_SIREN).resolue_le is None
    with apres_commit():
        entite.siren = "732829320"
        entite.save()
    assert anomalie(d, Regle.SIRET_SIREN).resolue_le is not None


def test_rattachement_a_une_convention_signee(apres_commit, national):
    d = DispositifFactory()
    financement = FinancementFactory(dispositif=d)
    services.recalculer()
    assert anomalie(d, Regle.FINANCEMENT_SANS_CONVENTION).resolue_le is None
    with apres_commit():
        convention = convention_en_vigueur(d, national)
        financement.convention = convention
        financement.save()
    assert anomalie(d, Regle.FINANCEMENT_SANS_CONVENTION).resolue_le is not None


def test_suppression_d_une_convention_brouillon(apres_commit, national):
    from tests.conventions.factories import convention_pour

    d = DispositifFactory()
    convention = convention_pour(d)
    FinancementFactory(dispositif=d, convention=convention)
    services.recalculer()
    assert not anomalies(d, Regle.FINANCEMENT_SANS_CONVENTION).exists()
    with apres_commit():
        Convention.objects.get(pk=convention.pk).delete()
    assert anomalie(d, Regle.FINANCEMENT_SANS_CONVENTION).resolue_le is None


# serialized_rollback: the flush after a transactional test would lose the reference data
# loaded by data migrations (départements, nomenclature) for the tests that follow.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_hors_transaction_le_recalcul_est_immediat():
    """Autocommit (no atomic block): each save is its own commit, recomputed at once."""
    d = DispositifFactory()
    assert anomalie(d, Regle.SANS_GROUPE).resolue_le is None
    GroupeFactory(dispositif=d)
    assert anomalie(d, Regle.SANS_GROUPE).resolue_le is not None
