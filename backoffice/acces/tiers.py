"""What the installed apps (Wagtail, Django, taggit, django-tasks, DSFR) bring, and what each role
reaches of it: the scope of their models, the decision on each of their URLs.

Both lists are checked at start-up (checks.py): a model without a declared scope, or an endpoint
of an installed app without a decision, stops `manage.py check`, hence `make test`. A Wagtail
upgrade that adds either must be decided here first. docs/securite.md explains each decision.
"""

from django.urls import URLResolver, get_resolver
from django.urls.resolvers import ResolverMatch

from . import perimetres

# ---------------------------------------------------------------------------------------------
# Models
# ---------------------------------------------------------------------------------------------

MODELES_REFERENTIELS = {
    "contenttypes.contenttype": "identifiants des types d'objets, lus par Wagtail pour tout objet",
    "wagtailcore.locale": "la seule langue (français)",
    "dsfr.dsfrconfig": "en-tête et pied des pages publiques",
    "dsfr.dsfrsocialmedia": "liens du pied des pages publiques",
}

_COMPTES = "comptes et droits : administration nationale"
_PAGES = "pages Wagtail : le projet n'en publie aucune"
_CIRCUITS = "circuits de modération Wagtail : nos objets ont leurs machines à états"
_TECHNIQUE = "table technique, montrée par aucun écran"
MODELES_NATIONAUX = {
    "auth.user": _COMPTES,
    "auth.group": _COMPTES,
    "auth.permission": _COMPTES,
    "wagtailusers.userprofile": _COMPTES,
    "wagtailcore.groupsitepermission": _COMPTES,
    "wagtailcore.groupcollectionpermission": _COMPTES,
    "wagtailcore.grouppagepermission": _COMPTES,
    "wagtailcore.site": "sites Wagtail : réglage national",
    "wagtailcore.collection": "collections de documents : rangement technique des fichiers",
    "wagtailcore.collectionviewrestriction": "restrictions de collection : non utilisées",
    "wagtailcore.modellogentry": (
        "journal : l'historique d'un objet passe par la vue scopée de l'objet, "
        "le journal du site est national"
    ),
    "wagtailcore.pagelogentry": _PAGES,
    "wagtailcore.revision": "révisions : aucun de nos modèles n'en a",
    "wagtailcore.page": _PAGES,
    "wagtailcore.pageviewrestriction": _PAGES,
    "wagtailcore.pagesubscription": _PAGES,
    "wagtailcore.comment": _PAGES,
    "wagtailcore.commentreply": _PAGES,
    "wagtailcore.workflow": _CIRCUITS,
    "wagtailcore.workflowcontenttype": _CIRCUITS,
    "wagtailcore.workflowpage": _CIRCUITS,
    "wagtailcore.workflowstate": _CIRCUITS,
    "wagtailcore.workflowtask": _CIRCUITS,
    "wagtailcore.task": _CIRCUITS,
    "wagtailcore.groupapprovaltask": _CIRCUITS,
    "wagtailcore.taskstate": _CIRCUITS,
    "wagtailcore.apitoken": _TECHNIQUE,
    "wagtailcore.uploadedfile": _TECHNIQUE,
    "wagtailcore.referenceindex": _TECHNIQUE,
    "wagtailadmin.admin": _TECHNIQUE,
    "wagtailadmin.editingsession": _TECHNIQUE,
    "wagtailadmin.formstate": _TECHNIQUE,
    "wagtailimages.image": "images : le projet n'en utilise pas",
    "wagtailimages.rendition": "images : le projet n'en utilise pas",
    "taggit.tag": "étiquettes de la médiathèque Wagtail, fermée",
    "taggit.taggeditem": "étiquettes de la médiathèque Wagtail, fermée",
    "django_tasks_database.dbtaskresult": (
        "résultats des tâches : lus à travers l'import qui les a lancées"
    ),
    "admin.logentry": _TECHNIQUE,
    "sessions.session": _TECHNIQUE,
}


def declarer_modeles():
    for label, motif in MODELES_REFERENTIELS.items():
        perimetres.declarer(label, referentiel=True, motif=motif)
    for label, motif in MODELES_NATIONAUX.items():
        perimetres.declarer(label, national=True, motif=motif)


# ---------------------------------------------------------------------------------------------
# Endpoints, by URL name (`namespace:*` for a whole namespace); unnamed URLs by their view
# ---------------------------------------------------------------------------------------------

OUVERT = "ouvert"  # no row of anyone else: login, own account, static
PERIMETRE = "périmètre"  # rows filtered by the perimeter mechanism
NATIONAL = "national"  # national administrators only; 404 for everyone else
FERME = "fermé"  # 404 for everyone, national administrators included

_CONNEXION = "connexion, mot de passe oublié, déconnexion"
_PAGES_FERMEES = "pages Wagtail : le projet n'en publie aucune"
_MEDIATHEQUE = (
    "médiathèque Wagtail : nos documents se déposent et se lisent depuis leur convention, "
    "leur appel ou leur candidature (contrôle strict du fichier, périmètre) ; la médiathèque "
    "contournait l'un et l'autre"
)
_IMAGES = "images : le projet n'en utilise pas"
_SELECTEUR = (
    "sélecteur de documents : aucun de nos formulaires ne l'ouvre (sa recherche répondait 500)"
)
_CIRCUITS_FERMES = "circuits de modération Wagtail : nos objets ont leurs machines à états"

POINTS_D_ACCES = {
    # Connexion and one's own account
    "wagtailadmin_login": (OUVERT, _CONNEXION),
    "wagtailadmin_logout": (OUVERT, _CONNEXION),
    "wagtailadmin_password_reset": (OUVERT, _CONNEXION),
    "wagtailadmin_password_reset_done": (OUVERT, _CONNEXION),
    "wagtailadmin_password_reset_confirm": (OUVERT, _CONNEXION),
    "wagtailadmin_password_reset_complete": (OUVERT, _CONNEXION),
    "wagtailadmin_account": (OUVERT, "son propre compte"),
    "wagtailadmin_dismissibles": (OUVERT, "ses propres préférences d'affichage"),
    "wagtailadmin_editing_sessions:release": (OUVERT, "sa propre session d'édition"),
    "wagtailadmin_home": (OUVERT, "accueil : ses panneaux sont calculés dans le périmètre"),
    "wagtailadmin_javascript_catalog": (OUVERT, "fichiers statiques"),
    "wagtailadmin_sprite": (OUVERT, "fichiers statiques"),
    "wagtail.admin.views.home.default": (OUVERT, "adresse inconnue de l'administration : 404"),
    "django.views.generic.base.TemplateView": (OUVERT, "page 404 de démonstration de Wagtail"),
    "django.views.generic.base.RedirectView": (OUVERT, "redirection de / vers /admin/"),
    # Documents: a document belongs to the objects it is attached to
    "wagtaildocs_serve": (PERIMETRE, "hook before_serve_document (documents_visibles)"),
    "wagtailadmin_api:documents:listing": (PERIMETRE, "point d'API limité (documents_visibles)"),
    "wagtailadmin_api:documents:detail": (PERIMETRE, "point d'API limité (documents_visibles)"),
    "wagtailadmin_api:documents:find": (PERIMETRE, "point d'API limité (documents_visibles)"),
    "wagtaildocs_chooser:*": (FERME, _SELECTEUR),
    "wagtaildocs:*": (FERME, _MEDIATHEQUE),
    "wagtaildocs_authenticate_with_password": (FERME, "mots de passe de documents : aucun"),
    # Editing sessions: the object's own permission policy (ours: the perimeter), action "change"
    "wagtailadmin_editing_sessions:ping": (PERIMETRE, "politique de permission de l'objet"),
    # National administration
    "wagtailusers_users:*": (NATIONAL, "comptes : les DDETS gèrent ceux des opérateurs (Comptes)"),
    "wagtailusers_groups:*": (NATIONAL, "groupes et droits Wagtail"),
    "wagtailsites:*": (NATIONAL, "sites Wagtail"),
    "wagtailadmin_collections:*": (NATIONAL, "collections de documents"),
    "wagtailsettings:*": (NATIONAL, "réglages du site"),
    "wagtail_bulk_action": (NATIONAL, "actions groupées de Wagtail (comptes)"),
    "wagtailadmin_reports:site_history": (NATIONAL, "journal de tout le site, sans périmètre"),
    "wagtailadmin_reports:site_history_results": (NATIONAL, "idem"),
    # Switched off
    "wagtailadmin_api:pages:*": (FERME, _PAGES_FERMEES),
    "wagtailadmin_api:images:*": (FERME, _IMAGES),
    "wagtailadmin_explore_root": (FERME, _PAGES_FERMEES),
    "wagtailadmin_explore": (FERME, _PAGES_FERMEES),
    "wagtailadmin_explore_results": (FERME, _PAGES_FERMEES),
    "wagtailadmin_pages:*": (FERME, _PAGES_FERMEES),
    "wagtailadmin_choose_page": (FERME, _PAGES_FERMEES),
    "wagtailadmin_choose_page_child": (FERME, _PAGES_FERMEES),
    "wagtailadmin_choose_page_search": (FERME, _PAGES_FERMEES),
    "wagtailadmin_choose_page_chosen_multiple": (FERME, _PAGES_FERMEES),
    "wagtailadmin_choose_page_external_link": (FERME, "liens de texte riche : aucun"),
    "wagtailadmin_choose_page_email_link": (FERME, "liens de texte riche : aucun"),
    "wagtailadmin_choose_page_phone_link": (FERME, "liens de texte riche : aucun"),
    "wagtailadmin_choose_page_anchor_link": (FERME, "liens de texte riche : aucun"),
    "wagtail_serve": (FERME, _PAGES_FERMEES),
    "wagtailcore_authenticate_with_password": (FERME, _PAGES_FERMEES),
    "wagtailcore_login": (FERME, _PAGES_FERMEES),
    "wagtailadmin_reports:locked_pages": (FERME, _PAGES_FERMEES),
    "wagtailadmin_reports:locked_pages_results": (FERME, _PAGES_FERMEES),
    "wagtailadmin_reports:aging_pages": (FERME, _PAGES_FERMEES),
    "wagtailadmin_reports:aging_pages_results": (FERME, _PAGES_FERMEES),
    "wagtailadmin_reports:page_types_usage": (FERME, _PAGES_FERMEES),
    "wagtailadmin_reports:page_types_usage_results": (FERME, _PAGES_FERMEES),
    "wagtailadmin_reports:workflow": (FERME, _CIRCUITS_FERMES),
    "wagtailadmin_reports:workflow_results": (FERME, _CIRCUITS_FERMES),
    "wagtailadmin_reports:workflow_tasks": (FERME, _CIRCUITS_FERMES),
    "wagtailadmin_reports:workflow_tasks_results": (FERME, _CIRCUITS_FERMES),
    "wagtailadmin_workflows:*": (FERME, _CIRCUITS_FERMES),
    "wagtailimages:*": (FERME, _IMAGES),
    "wagtailimages_chooser:*": (FERME, _IMAGES),
    "wagtailadmin_tag_autocomplete": (FERME, "étiquettes de la médiathèque, fermée"),
    "wagtailadmin_tag_model_autocomplete": (FERME, "étiquettes de la médiathèque, fermée"),
    "wagtailadmin_block_preview": (FERME, "blocs StreamField : aucun"),
    "wagtailadmin_error_test": (FERME, "erreur 500 volontaire de Wagtail"),
}

# Our own code: its views go through the perimeter policy (viewsets.py), not through this table;
# the test suite's own URLconfs too (views written to raise each error page).
NOTRE_CODE = ("backoffice.", "workflows.", "imports.", "tests.")


def vue_de(callback):
    vue = getattr(callback, "view_class", None) or callback
    return f"{vue.__module__}.{vue.__qualname__}"


def est_notre_vue(callback):
    return vue_de(callback).startswith(NOTRE_CODE)


def decision(view_name, namespaces=()):
    """(decision, motif) of an installed app's URL, by name then by namespace; None if
    undecided."""
    if view_name in POINTS_D_ACCES:
        return POINTS_D_ACCES[view_name]
    for n in range(len(namespaces), 0, -1):
        espace = ":".join(namespaces[:n])
        if f"{espace}:*" in POINTS_D_ACCES:
            return POINTS_D_ACCES[f"{espace}:*"]
    return None


def points_d_acces(patterns=None, namespaces=(), route=""):
    """Every URL of the project: (route, view_name, namespaces, callback), as Django names them
    when it resolves a request (`ResolverMatch.view_name`)."""
    if patterns is None:
        patterns = get_resolver().url_patterns
    for motif in patterns:
        if isinstance(motif, URLResolver):
            espaces = (*namespaces, motif.namespace) if motif.namespace else namespaces
            yield from points_d_acces(motif.url_patterns, espaces, route + str(motif.pattern))
        else:
            match = ResolverMatch(motif.callback, (), {}, motif.name, namespaces=list(namespaces))
            yield route + str(motif.pattern), match.view_name, tuple(namespaces), motif.callback
