"""What waits for a user (docs/domaine.md §6 "Workload"), shown first on the home page: only what
*this* user can act on, in their perimeter. "Can act" is read from the rules that govern the
action itself — a request's transition permission, the right to file an import, to justify an
anomaly, to renew a convention, to file or instruct a candidature, to run or answer a
control — never from role names.
A fixed number of queries whatever the volume."""

import datetime

from django.db.models import Avg, DurationField, ExpressionWrapper, F
from django.urls import reverse
from django.utils import timezone
from django_fsm import has_transition_perm

from backoffice.acces.policies import policy_for
from backoffice.appels.models import AppelAProjets, Candidature, EtatAppel
from backoffice.controle.panneaux import files_de as files_controles
from backoffice.conventions.panneaux import files_de, fins_prochaines
from backoffice.demandes.filters import File
from backoffice.demandes.models import ETATS_OUVERTS, Demande, EtatDemande
from backoffice.qualite.models import Anomalie
from backoffice.qualite.services import url_liste
from backoffice.signalements.models import EtatSignalement, Signalement
from imports.models import ImportTemps1, imports_a_reprendre

LECTURE = ("view",)
# Signalement state → (the queue's label, the transition that moves it on).
FILES_SIGNALEMENTS = {
    EtatSignalement.DECLARE: ("Signalements à prendre en charge", "prendre_en_charge"),
    EtatSignalement.EN_ANALYSE: ("Signalements en analyse, à conclure", "clore"),
}


def _age_jours(depuis, maintenant):
    return (maintenant - depuis).days if depuis else None


def _ligne(libelle, nombre=None, url="", plus_ancienne=None):
    return {"libelle": libelle, "nombre": nombre, "plus_ancienne": plus_ancienne, "url": url}


def files_demandes():
    """(queue, transitions that empty it): a request waits in a queue for whoever may run one of
    its transitions (the SIAO pre-validates, or validates the simple natures directly; the
    département validates; the requester completes)."""
    return [
        (File.A_PRE_VALIDER, ("pre_valider", "valider")),
        (File.A_VALIDER, ("valider",)),
        (File.A_COMPLETER, ("completer",)),
    ]


def demandes(user, maintenant=None):
    """[{libelle, nombre, plus_ancienne (days), url}] for the request queues of this user."""
    maintenant = maintenant or timezone.now()
    politique = policy_for(Demande)
    if not politique.user_has_permission(user, "view"):
        return []
    # What the transition permissions read: state, département, the types' natures (direct
    # validation by the SIAO), the requester's account.
    ouvertes = politique.filtrer(
        Demande.objects.filter(etat__in=ETATS_OUVERTS), user, LECTURE
    ).select_related("type_dispositif__nature", "dispositif__type__nature")
    files = files_demandes()
    compte = {file: [0, None] for file, _ in files}
    for demande in ouvertes:
        for file, transitions in files:
            if demande.etat in File.ETATS[file] and any(
                has_transition_perm(getattr(demande, nom), user) for nom in transitions
            ):
                compte[file][0] += 1
                depuis = compte[file][1]
                compte[file][1] = (
                    min(depuis, demande.etat_depuis) if depuis else demande.etat_depuis
                )
    url = reverse("demande:index")
    return [
        _ligne(
            f"Demandes {File.LIBELLES[file].lower()}",
            nombre,
            f"{url}?file={file}",
            _age_jours(depuis, maintenant),
        )
        for file, (nombre, depuis) in compte.items()
        if nombre
    ]


def delai_moyen_demandes(user, maintenant=None):
    """Average days from filing to decision over the last 12 months' decisions, for those who
    instruct requests (None otherwise, or without decisions)."""
    maintenant = maintenant or timezone.now()
    politique = policy_for(Demande)
    if not politique.user_has_permission(user, "change"):
        return None
    delai = (
        politique.filtrer(Demande.objects.all(), user, ("change",))
        .filter(
            etat__in=[EtatDemande.VALIDEE, EtatDemande.REFUSEE],
            etat_depuis__gte=maintenant - datetime.timedelta(days=365),
        )
        .aggregate(
            delai=Avg(
                ExpressionWrapper(F("etat_depuis") - F("soumise_le"), output_field=DurationField())
            )
        )["delai"]
    )
    return round(delai.total_seconds() / 86400, 1) if delai is not None else None


def conventions_et_appels(user):
    """The conventions, avenants, calls and candidatures waiting for this user's transition,
    and the conventions they would renew ending within 3 and 6 months
    (backoffice.conventions.panneaux)."""
    return [
        _ligne(libelle, nombre, url)
        for libelle, nombre, url in files_de(user) + fins_prochaines(user)
    ]


def appels_se_cloturant(user, maintenant=None, jours=15):
    """Calls closing soon, for those who file or instruct candidatures."""
    maintenant = maintenant or timezone.now()
    if not policy_for(Candidature).user_has_any_permission(user, ["add", "change"]):
        return []
    appels = (
        policy_for(AppelAProjets)
        .filtrer(
            AppelAProjets.objects.filter(
                etat=EtatAppel.PUBLIE,
                date_limite__gte=maintenant,
                date_limite__lte=maintenant + datetime.timedelta(days=jours),
            ),
            user,
            LECTURE,
        )
        .order_by("date_limite")[:10]
    )
    return [
        _ligne(
            f"Appel « {appel.titre} » : dépôt jusqu'au "
            f"{timezone.localtime(appel.date_limite):%d/%m/%Y}",
            url=reverse("appel:inspect", args=[appel.pk]),
        )
        for appel in appels
    ]


def imports_en_erreur(user):
    """Imports in error or failed, not replaced since, for those who may file a new one."""
    politique = policy_for(ImportTemps1)
    if not politique.user_has_permission(user, "add"):
        return []
    nombre = len(imports_a_reprendre(politique.filtrer(ImportTemps1.objects.all(), user, ("add",))))
    if not nombre:
        return []
    return [
        _ligne("Imports de fichiers en erreur ou en échec", nombre, reverse("import_temps1:index"))
    ]


def anomalies_a_traiter(user):
    """Open data anomalies, for those who may justify them (others fix them at the source)."""
    politique = policy_for(Anomalie)
    if not politique.user_has_permission(user, "change"):
        return []
    nombre = politique.filtrer(Anomalie.objects.a_traiter(), user, ("change",)).count()
    if not nombre:
        return []
    return [_ligne("Anomalies de données à traiter", nombre, url_liste(etat="ouverte"))]


def signalements_a_analyser(user, maintenant=None):
    """Signalements waiting for this user's next step (taking up a declared one, concluding
    one under analysis): read from the transitions' own permission, in one query."""
    maintenant = maintenant or timezone.now()
    politique = policy_for(Signalement)
    if not politique.user_has_permission(user, "change"):
        return []
    en_attente = politique.filtrer(
        Signalement.objects.filter(etat__in=list(FILES_SIGNALEMENTS)), user, ("change",)
    ).select_related("dispositif")
    compte = {etat: [0, None] for etat in FILES_SIGNALEMENTS}
    for signalement in en_attente:
        libelle, transition = FILES_SIGNALEMENTS[signalement.etat]
        if has_transition_perm(getattr(signalement, transition), user):
            nombre, depuis = compte[signalement.etat]
            debut = signalement.etat_depuis
            compte[signalement.etat] = [nombre + 1, min(depuis, debut) if depuis else debut]
    url = reverse("signalement:index")
    return [
        _ligne(FILES_SIGNALEMENTS[etat][0], nombre, f"{url}?etat={etat}", _age_jours(d, maintenant))
        for etat, (nombre, d) in compte.items()
        if nombre
    ]


def controles(user):
    """The controls whose next step is this user's (the DDETS: prepare, carry out, report, draw
    up the final report once the entité answered or its deadline passed, engage the suites; the
    entité: answer the provisional report within its deadline) and the measures due within 15
    days or overdue (backoffice.controle.panneaux)."""
    return [_ligne(libelle, nombre, url) for libelle, nombre, url in files_controles(user)]


def charge_de(user):
    return {
        "lignes": demandes(user)
        + conventions_et_appels(user)
        + controles(user)
        + appels_se_cloturant(user)
        + imports_en_erreur(user)
        + anomalies_a_traiter(user)
        + signalements_a_analyser(user),
        "delai_moyen_jours": delai_moyen_demandes(user),
    }
