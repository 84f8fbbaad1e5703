"""The background task that writes an export job's file (`django_tasks`: the database worker
in `make run`, run at once by the immediate backend of the tests)."""

import logging

from django.shortcuts import redirect
from django_tasks import task

from . import registre, services
from .models import EtatExport, ExportDiffere

logger = logging.getLogger(__name__)


@task()
def produire_export(export_id):
    export = (
        ExportDiffere.objects.select_related("demandeur")
        .filter(pk=export_id, etat=EtatExport.EN_ATTENTE)
        .first()
    )
    if export is None:  # purged, or already taken by another worker
        return None
    try:
        services.ecrire(export)
    except (KeyboardInterrupt, SystemExit):
        raise
    except services.ListeInconnue:
        services.marquer_echec(export, "Cette liste ne peut plus être exportée.")
        return {"etat": export.etat}
    except registre.Introuvable:
        services.marquer_echec(
            export, "Les données de cet export ne font plus partie de votre périmètre."
        )
        return {"etat": export.etat}
    except BaseException:
        logger.exception("Échec de l'export n° %s", export_id)
        services.marquer_echec(
            export,
            "L'export a échoué sur une erreur inattendue. Relancez-le depuis sa page ; si "
            f"l'erreur revient, signalez-la à l'assistance en citant l'export n° {export_id}.",
        )
        raise
    return {"etat": export.etat, "lignes": export.lignes}


def demander(user, nom_liste, titre, nom_fichier, parametres, format_):
    """Create the job and enqueue its task. With the database backend the task row is written
    in the same database as the job (as for Temps 1), so a worker never picks up a task whose
    job is not committed; the immediate backend of the tests writes the file at once."""
    export = services.creer(user, nom_liste, titre, nom_fichier, parametres, format_)
    produire_export.enqueue(export.pk)
    export.refresh_from_db()
    return export


def differer(request, nom, titre, nom_fichier, format_="xlsx", parametres=None):
    """The page's export as a job of `request.user` with the page's query string (or
    `parametres`, when the page's object is in its URL); the answer sends them to the job's
    progress page."""
    if parametres is None:
        parametres = request.GET.urlencode()
    export = demander(request.user, nom, titre, nom_fichier, parametres, format_)
    return redirect("exportations:suivi", export.pk)
