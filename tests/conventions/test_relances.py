"""Reminders: conventions ending within 3 and 6 months (queue and weekly digest), conventions in
force without a financing line, financing lines without a convention."""

import re

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from backoffice.conventions.echeances import envoyer_relances
from backoffice.conventions.models import Convention
from tests.acces.outils import pks_listes
from tests.conventions.factories import amener, convention_pour, jours
from tests.factories import DispositifFactory, FinancementFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media_temporaire")]


@pytest.fixture
def conventions(national, dispositif44, dispositif75):
    def signee(dispositif, fin):
        return amener(
            convention_pour(
                dispositif, type_convention="huda", date_debut=jours(-300), date_fin=jours(fin)
            ),
            "signee",
            national,
        )

    return {
        "deux_mois": signee(dispositif44, 60),
        "cinq_mois": signee(DispositifFactory(departement_id="44"), 150),
        "huit_mois": signee(DispositifFactory(departement_id="44"), 240),
        "paris": signee(dispositif75, 60),
    }


def test_files_se_terminant(conventions):
    aujourdhui = jours(0)
    trois = set(Convention.objects.se_terminant(aujourdhui, 3).values_list("pk", flat=True))
    six = set(Convention.objects.se_terminant(aujourdhui, 6).values_list("pk", flat=True))
    c = conventions
    assert trois == {c["deux_mois"].pk, c["paris"].pk}
    assert six == {c["deux_mois"].pk, c["cinq_mois"].pk, c["paris"].pk}


def test_une_convention_renouvelee_ne_relance_plus(conventions, dispositif44):
    ancienne = conventions["deux_mois"]
    convention_pour(
        dispositif44, date_debut=jours(61), convention_precedente=ancienne
    )  # draft of the renewal
    assert not Convention.objects.se_terminant(jours(0), 3).filter(pk=ancienne.pk).exists()


def test_file_dans_la_liste(client, ddets44, conventions):
    client.force_login(ddets44)
    response = client.get(reverse("convention:index"), {"file": "fin_6_mois"})
    assert pks_listes(response) == {conventions["deux_mois"].pk, conventions["cinq_mois"].pk}


def test_point_hebdomadaire(ddets44, ddets75, lecteur44, conventions):
    envoyes = envoyer_relances(jours(0))
    destinataires = {m.to[0]: m for m in mail.outbox}
    assert envoyes == len(mail.outbox)
    assert lecteur44.email not in destinataires  # readers get no digest
    corps = destinataires[ddets44.email].body
    assert conventions["deux_mois"].numero in corps.split("dans 3 à 6 mois")[0]
    assert conventions["cinq_mois"].numero in corps.split("dans 3 à 6 mois")[1]
    assert conventions["huit_mois"].numero not in corps.split("sans ligne de financement")[0]
    assert conventions["paris"].numero not in corps
    assert conventions["paris"].numero in destinataires[ddets75.email].body


def test_commande_relancer(ddets44, conventions, capsys):
    call_command("relancer_conventions", "--date", jours(0).isoformat())
    assert re.search(r"\d+ courriels? envoyés?\.", capsys.readouterr().out)
    assert any(ddets44.email in m.to for m in mail.outbox)


def test_signalements_financement(client, ddets44, conventions, dispositif44, dispositif75):
    convention = conventions["deux_mois"]
    assert Convention.objects.sans_financement(jours(0).year).filter(pk=convention.pk).exists()
    lie = FinancementFactory(dispositif=dispositif44, convention=convention)
    orphelin = FinancementFactory(dispositif=DispositifFactory(departement_id="44"))
    FinancementFactory(dispositif=dispositif75)
    assert not Convention.objects.sans_financement(lie.exercice).filter(pk=convention.pk).exists()
    client.force_login(ddets44)
    response = client.get(reverse("financement_sans_convention:index"))
    assert pks_listes(response) == {orphelin.pk}
    response = client.get(reverse("convention:index"), {"file": "sans_financement"})
    assert convention.pk not in pks_listes(response)
    assert conventions["cinq_mois"].pk in pks_listes(response)
