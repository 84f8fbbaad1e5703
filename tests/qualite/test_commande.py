"""The nightly command and its task: idempotent, scoped, French output and errors."""

import io

import pytest
from django.core.management import CommandError, call_command

from backoffice.qualite.models import Anomalie, Regle
from backoffice.qualite.taches import verifier_qualite
from tests.factories import FinancementFactory

from .outils import anomalie, anomalies, jours

pytestmark = pytest.mark.django_db


def _commande(*args):
    sortie = io.StringIO()
    call_command("verifier_qualite", *args, stdout=sortie)
    return sortie.getvalue()


def test_idempotente(dispositif44, dispositif75):
    premiere = _commande()
    nombre = Anomalie.objects.count()
    assert nombre > 1
    assert f"{nombre} nouvelles, 0 rouverte, 0 résolue, {nombre} ouvertes" in premiere
    assert "tous les départements" in premiere
    seconde = _commande()
    assert f"0 nouvelle, 0 rouverte, 0 résolue, {nombre} ouvertes" in seconde
    assert Anomalie.objects.count() == nombre


def test_un_departement(dispositif44, dispositif75):
    sortie = _commande("--departement", "44")
    assert "départements 44" in sortie
    assert anomalies(dispositif44).exists()
    assert not anomalies(dispositif75).exists()


def test_date_de_reference(dispositif44):
    """Rules depending on the day: an authorisation ending tomorrow is reported the day
    after tomorrow, and the exercice is the year of that day."""
    dispositif44.date_fin_autorisation = jours(1)
    dispositif44.save()
    _commande("--date", jours(0).isoformat())
    assert not anomalies(dispositif44, Regle.AUTORISATION_ECHUE).exists()
    sortie = _commande("--date", jours(2).isoformat())
    assert f"au {jours(2):%d/%m/%Y}" in sortie
    assert anomalie(dispositif44, Regle.AUTORISATION_ECHUE).resolue_le is None


def test_exercice_de_la_date(dispositif44):
    FinancementFactory(dispositif=dispositif44)  # current exercice
    _commande()
    assert not anomalies(dispositif44, Regle.SANS_FINANCEMENT).exists()
    annee_prochaine = jours(0).replace(year=jours(0).year + 1, month=6, day=1)
    _commande("--date", annee_prochaine.isoformat())
    assert anomalie(dispositif44, Regle.SANS_FINANCEMENT).message.endswith(
        f"l'exercice {annee_prochaine.year}"
    )


@pytest.mark.parametrize(
    "args, message",
    [
        (["--date", "31/12/2025"], "Date invalide : « 31/12/2025 » (attendu AAAA-MM-JJ)."),
        (["--departement", "99"], "Département inconnu : 99."),
    ],
)
def test_erreurs_en_francais(db, args, message):
    with pytest.raises(CommandError) as erreur:
        _commande(*args)
    assert str(erreur.value) == message
    assert not Anomalie.objects.exists()


def test_tache(dispositif44, dispositif75):
    resultat = verifier_qualite.enqueue(departements=["44"], date=jours(0).isoformat())
    assert resultat.return_value["nouvelles"] == anomalies(dispositif44).count() > 0
    assert resultat.return_value["date"] == jours(0).isoformat()
    assert not anomalies(dispositif75).exists()
