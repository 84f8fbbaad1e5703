"""The work waiting for a user, in their perimeter (DOMAIN.md §6 "Workload"): requests per queue
with their age, average time of the validation steps, conventions ending, calls closing soon,
imports in error, open anomalies. A fixed number of queries."""

import datetime

from django.db.models import Avg, Count, DurationField, ExpressionWrapper, F, Min, Q
from django.urls import reverse
from django.utils import timezone

from backoffice.acces.policies import policy_for

LECTURE = ("view",)


def _age_jours(depuis, maintenant):
    return (maintenant - depuis).days if depuis else None


def demandes(user, maintenant=None):
    """[{libelle, nombre, plus_ancienne (days), url}] for the request queues."""
    from backoffice.demandes.filters import File
    from backoffice.demandes.models import Demande, EtatDemande

    maintenant = maintenant or timezone.now()
    politique = policy_for(Demande)
    if not politique.user_has_permission(user, "view"):
        return [], None
    base = politique.filtrer(Demande.objects.all(), user, LECTURE)
    files = [File.A_PRE_VALIDER, File.A_VALIDER, File.A_COMPLETER]
    agregats = base.aggregate(
        **{f"n_{file}": Count("pk", filter=Q(etat__in=File.ETATS[file])) for file in files},
        **{
            f"min_{file}": Min("etat_depuis", filter=Q(etat__in=File.ETATS[file])) for file in files
        },
        # Average time from filing to decision, over the last 12 months' decisions.
        delai=Avg(
            ExpressionWrapper(F("etat_depuis") - F("soumise_le"), output_field=DurationField()),
            filter=Q(
                etat__in=[EtatDemande.VALIDEE, EtatDemande.REFUSEE],
                etat_depuis__gte=maintenant - datetime.timedelta(days=365),
            ),
        ),
    )
    url = reverse("demande:index")
    lignes = [
        {
            "libelle": f"Demandes {File.LIBELLES[file].lower()}",
            "nombre": agregats[f"n_{file}"],
            "plus_ancienne": _age_jours(agregats[f"min_{file}"], maintenant),
            "url": f"{url}?file={file}",
        }
        for file in files
        if agregats[f"n_{file}"]
    ]
    delai = agregats["delai"]
    return lignes, (round(delai.total_seconds() / 86400, 1) if delai is not None else None)


def conventions_et_appels(user):
    """The conventions, avenants, calls and candidatures waiting for this user, and the
    conventions ending within 3 and 6 months (backoffice.conventions.panneaux)."""
    from backoffice.conventions.panneaux import files_de, fins_prochaines

    return [
        {"libelle": libelle, "nombre": nombre, "plus_ancienne": None, "url": url}
        for libelle, nombre, url in files_de(user) + fins_prochaines(user)
    ]


def appels_se_cloturant(user, maintenant=None, jours=15):
    from backoffice.appels.models import AppelAProjets, EtatAppel

    maintenant = maintenant or timezone.now()
    politique = policy_for(AppelAProjets)
    if not politique.user_has_permission(user, "view"):
        return []
    appels = politique.filtrer(
        AppelAProjets.objects.filter(
            etat=EtatAppel.PUBLIE,
            date_limite__gte=maintenant,
            date_limite__lte=maintenant + datetime.timedelta(days=jours),
        ),
        user,
        LECTURE,
    ).order_by("date_limite")[:10]
    return [
        {
            "libelle": f"Appel « {appel.titre} » : dépôt jusqu'au "
            f"{timezone.localtime(appel.date_limite):%d/%m/%Y}",
            "nombre": None,
            "plus_ancienne": None,
            "url": reverse("appel:inspect", args=[appel.pk]),
        }
        for appel in appels
    ]


def imports_en_erreur(user):
    from imports.models import ImportTemps1

    politique = policy_for(ImportTemps1)
    if not politique.user_has_permission(user, "view"):
        return []
    nombre = politique.filtrer(
        ImportTemps1.objects.filter(
            etat__in=[ImportTemps1.Etat.EN_ERREUR, ImportTemps1.Etat.ECHEC]
        ),
        user,
        LECTURE,
    ).count()
    if not nombre:
        return []
    return [
        {
            "libelle": "Imports Temps 1 en erreur ou en échec",
            "nombre": nombre,
            "plus_ancienne": None,
            "url": reverse("import_temps1:index"),
        }
    ]


def charge_de(user):
    lignes_demandes, delai = demandes(user)
    return {
        "lignes": lignes_demandes
        + conventions_et_appels(user)
        + appels_se_cloturant(user)
        + imports_en_erreur(user),
        "delai_moyen_jours": delai,
    }
