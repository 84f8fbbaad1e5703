"""Background tasks of the Temps 1 import (Django's tasks API, `django_tasks`): the web request
stores the file, or claims the job for application, and hands the long part to a worker
(`manage.py db_worker` with the database backend; run at once by the immediate backend of the
tests and of the browser tests' live server).

A crash never leaves a job "in progress" for ever: the job ends `echec` with the reason, then the
exception is re-raised so that the task result keeps its traceback for whoever runs the worker.
"A crash" includes what is no `Exception` (a Rust panic of a native reader is a `BaseException`);
an interruption of the worker itself (Ctrl-C, exit) is left alone. A workbook the guard refuses
is no crash: the analysis ends `en_erreur` with the French reason (services.analyser_import).
With the database backend, the task row is written in the same database as the job, so a task is
never picked up before the job it names is committed.
"""

import logging

from django.contrib.auth import get_user_model
from django_tasks import task

from . import services
from .models import ImportTemps1

logger = logging.getLogger(__name__)


def _import(import_id):
    return ImportTemps1.objects.select_related("deposant").filter(pk=import_id).first()


@task()
def analyser_depot(import_id):
    """Check a stored workbook: the job ends `analysee`, `en_erreur` or (crash) `echec`."""
    import_ = _import(import_id)
    if import_ is None:
        return None
    try:
        rapport = services.analyser_import(import_)
    except (KeyboardInterrupt, SystemExit):
        raise
    except BaseException as exc:
        logger.exception("Échec de l'analyse de l'import Temps 1 n° %s", import_id)
        services.marquer_echec(
            import_,
            "L'analyse a échoué sur une erreur inattendue ; rien n'a été modifié et le fichier "
            f"déposé est conservé. Signalez-le à l'assistance en citant l'import n° {import_id}. "
            f"Détail : {exc}",
        )
        raise
    return {"etat": import_.etat, "ok": rapport.ok}


@task()
def appliquer_depot(import_id, user_id=None):
    """Apply a job claimed by `services.reclamer_application`, all or nothing: the job ends
    `appliquee`, `en_erreur` (the database changed since the analysis) or `echec`."""
    import_ = _import(import_id)
    if import_ is None:
        return None
    user = get_user_model().objects.filter(pk=user_id).first() if user_id else None
    try:
        services.executer_application(import_, user)
    except services.DejaEnCours:
        # Not claimed (a stray second task): the job belongs to whoever claimed it.
        logger.warning("Import Temps 1 n° %s : application non réclamée, ignorée", import_id)
        return {"etat": import_.etat, "ok": False}
    except (KeyboardInterrupt, SystemExit):
        raise
    except BaseException as exc:
        # executer_application records its own failure (echec, "rien n'a été modifié"); this
        # covers a crash before it could.
        services.marquer_echec(
            import_,
            f"L'application a échoué, rien n'a été modifié : {exc}",
        )
        raise
    return {"etat": import_.etat, "ok": import_.etat == ImportTemps1.Etat.APPLIQUEE}
