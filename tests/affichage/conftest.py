"""The populated database of the display tests, built once per test module (it takes a while:
every object in every state, through the real services) inside a transaction rolled back at
the module's end; each test runs in its own savepoint on top of it.

Every recorded moment is then set to one instant whose Paris time (00:41) differs from its UTC
time (23:41 or 22:41 the day before): a page showing the UTC time is caught by that time."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.db import models, transaction
from django.test import TestCase, override_settings
from django.utils import timezone
from wagtail.models import ModelLogEntry

from backoffice.acces.roles import Role
from tests.factories import UserFactory, affecter, siao_de

from .controles import modeles_du_projet
from .peuplement import peupler


def instant_temoin():
    """Yesterday 00:41 in Paris, and the UTC time of that instant (which must never show)."""
    hier = timezone.localdate() - datetime.timedelta(days=1)
    instant = timezone.make_aware(datetime.datetime.combine(hier, datetime.time(0, 41)))
    return instant, f"{instant.astimezone(datetime.UTC):%H:%M}"


def horodater(instant):
    """Set every date-time of the database to `instant` (the data's meaning stays: only the
    time of day changes what the tests look for)."""
    for model in [*modeles_du_projet(), ModelLogEntry, get_user_model()]:
        champs = [
            f.name
            for f in model._meta.concrete_fields
            if isinstance(f, models.DateTimeField) and not f.primary_key
        ]
        if champs:
            model._default_manager.all().update(**dict.fromkeys(champs, instant))


def acteurs():
    """The accounts that act while populating (not the role fixtures, which visit)."""
    national = UserFactory(username="acteur.national@example.gouv.fr")
    affecter(national, Role.NATIONAL)
    ddets44 = UserFactory(username="acteur.ddets44@example.gouv.fr")
    affecter(ddets44, Role.DEPARTEMENTAL, departements=["44"])
    siao44 = UserFactory(username="acteur.siao44@example.gouv.fr")
    affecter(siao44, Role.SIAO, siao=siao_de("44"))
    return national, ddets44, siao44


@pytest.fixture(scope="module")
def parc(django_db_setup, django_db_blocker, tmp_path_factory):
    media = tmp_path_factory.mktemp("media")
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=media), transaction.atomic():
        mail.outbox = []
        # E-mails are sent on commit, which never comes here: run the callbacks.
        with TestCase.captureOnCommitCallbacks(execute=True):
            donnees = peupler(*acteurs())
        donnees["courriels"] = list(mail.outbox)
        instant, donnees["heure_utc"] = instant_temoin()
        horodater(instant)
        yield donnees
        transaction.set_rollback(True)
