"""The user's own queues (what waits for *their* action, in their perimeter) for conventions,
avenants, calls and candidatures, and the conventions ending soon. Shown in the home dashboard's
workload (backoffice.pilotage.charge)."""

from django.apps import apps
from django.urls import reverse
from django.utils import timezone
from django_fsm import has_transition_perm

from backoffice.acces.policies import policy_for
from backoffice.acces.viewsets import LECTURE

from .models import Convention

# (model path, transition, label, list URL name, query string)
FILES = [
    (
        "conventions.Convention",
        "pre_valider",
        "Conventions à pré-valider",
        "convention:index",
        "file=a_pre_valider",
    ),
    (
        "conventions.Convention",
        "valider",
        "Conventions à valider",
        "convention:index",
        "file=a_valider",
    ),
    (
        "conventions.Convention",
        "signer",
        "Conventions à signer",
        "convention:index",
        "file=a_signer",
    ),
    ("conventions.Avenant", "valider", "Avenants à valider", "avenant:index", "etat=brouillon"),
    ("conventions.Avenant", "signer", "Avenants à signer", "avenant:index", "etat=validee"),
    (
        "appels.AppelAProjets",
        "pre_valider",
        "Appels à projets à pré-valider",
        "appel:index",
        "etat=soumis",
    ),
    (
        "appels.AppelAProjets",
        "valider",
        "Appels à projets à valider",
        "appel:index",
        "etat=pre_valide",
    ),
    ("appels.AppelAProjets", "publier", "Appels à projets à publier", "appel:index", "etat=valide"),
    (
        "appels.Candidature",
        "declarer_recevable",
        "Candidatures à examiner",
        "candidature:index",
        "etat=deposee",
    ),
    (
        "appels.Candidature",
        "instruire",
        "Candidatures à noter",
        "candidature:index",
        "etat=recevable",
    ),
    (
        "appels.Candidature",
        "conventionner",
        "Candidatures retenues à conventionner",
        "candidature:index",
        "etat=retenue",
    ),
]


def files_de(user):
    resultat = []
    for chemin, nom, libelle, url_name, requete in FILES:
        model = apps.get_model(chemin)
        if not policy_for(model).user_has_any_permission(user, LECTURE):
            continue
        sources = list(getattr(model, nom)._django_fsm.transitions)
        objets = (
            policy_for(model)
            .filtrer(
                model._default_manager.filter(**{f"{model.CHAMP_ETAT}__in": sources}), user, LECTURE
            )
            .prefetch_related(*model.RELATIONS_PERMISSIONS)
        )
        nombre = sum(1 for o in objets if has_transition_perm(getattr(o, nom), user))
        if nombre:
            resultat.append((libelle, nombre, f"{reverse(url_name)}?{requete}"))
    return resultat


def fins_prochaines(user):
    # For those who would renew them or draft an avenant ("change"), not for readers.
    if not policy_for(Convention).user_has_permission(user, "change"):
        return []
    base = policy_for(Convention).filtrer(Convention.objects.all(), user, ("change",))
    aujourdhui = timezone.localdate()
    trois = base.se_terminant(aujourdhui, 3).count()
    six = base.se_terminant(aujourdhui, 6).count()
    url = reverse("convention:index")
    lignes = []
    if trois:
        lignes.append(("Conventions se terminant dans 3 mois", trois, f"{url}?file=fin_3_mois"))
    if six:
        lignes.append(("Conventions se terminant dans 6 mois", six, f"{url}?file=fin_6_mois"))
    return lignes
