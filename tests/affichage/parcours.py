"""The admin pages a person can reach: the menus' links, and for every object of the database
the pages of its viewset that take its primary key (inspect, history, edit, usage, delete),
and the transition pages it offers to that person."""

from django.test import RequestFactory
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from wagtail.admin.menu import admin_menu

from workflows.services import transitions_disponibles

from .controles import modeles_du_projet

# Pages that answer a file, or that do something on GET.
NOMS_EXCLUS = {"wagtailadmin_logout"}
DU_PROJET = ("backoffice.", "imports.", "workflows.")


def urls_des_menus(user):
    requete = RequestFactory().get("/admin/")
    requete.user = user
    urls = []

    def parcourir(items):
        for item in items:
            menu = getattr(item, "menu", None)
            if menu is not None:
                parcourir(menu.menu_items_for_request(requete))
            elif item.url and item.url != "#":
                urls.append(item.url)

    parcourir(admin_menu.menu_items_for_request(requete))
    return urls


def _motifs(patterns, espaces=()):
    for motif in patterns:
        if isinstance(motif, URLResolver):
            espace = (*espaces, motif.namespace) if motif.namespace else espaces
            yield from _motifs(motif.url_patterns, espace)
        elif isinstance(motif, URLPattern) and motif.name:
            yield ":".join((*espaces, motif.name)), motif


def _modele(motif):
    vue = motif.callback
    initiaux = getattr(vue, "view_initkwargs", {}) or {}
    return initiaux.get("model") or getattr(getattr(vue, "view_class", None), "model", None)


def vues_d_objets():
    """(URL name, model, parameter names) of every project view taking an object's key."""
    modeles = set(modeles_du_projet())
    vues = []
    for nom, motif in _motifs(get_resolver().url_patterns):
        modele = _modele(motif)
        if modele not in modeles or nom in NOMS_EXCLUS:
            continue
        parametres = set(getattr(motif.pattern, "converters", {}))
        if parametres in ({"pk"}, {"pk", "nom"}):
            vues.append((nom, modele, parametres))
    return vues


def vues_sans_parametre():
    """URL names of the project's admin views that take no parameter (lists, forms, reports)."""
    modeles = set(modeles_du_projet())
    noms = []
    for nom, motif in _motifs(get_resolver().url_patterns):
        if getattr(motif.pattern, "converters", {}) or nom in NOMS_EXCLUS:
            continue
        if nom.endswith("_results"):
            continue  # the listing's own page, reloaded by a filter: same cells
        module = getattr(motif.callback, "__module__", "")
        if _modele(motif) in modeles or module.startswith(DU_PROJET):
            noms.append(nom)
    return noms


def echantillon(modele, par_modele=4):
    """The objects whose pages are visited: for a model with a state machine, one per state
    and kind (every value of its fields with choices); else the first few (the populated data
    puts the full and the empty variants first)."""
    objets = list(modele._default_manager.order_by("pk"))
    if not hasattr(modele, "CHAMP_ETAT"):
        return objets[:par_modele]
    choix = [f.attname for f in modele._meta.concrete_fields if f.choices]
    par_sorte = {}
    for objet in objets:
        par_sorte.setdefault(tuple(getattr(objet, c) for c in choix), objet)
    return list(par_sorte.values())


def urls_des_objets(user, vues=("inspect", "history", "edit"), transitions=True):
    """The pages `vues` of every sampled object, and the transition pages `user` is offered."""
    urls = []
    for nom, modele, parametres in vues_d_objets():
        vue = nom.rsplit(":", 1)[-1]
        for objet in echantillon(modele):
            if parametres == {"pk"} and vue in vues:
                urls.append(reverse(nom, kwargs={"pk": objet.pk}))
            elif parametres == {"pk", "nom"} and transitions and hasattr(objet, "CHAMP_ETAT"):
                for transition in transitions_disponibles(objet, user):
                    urls.append(reverse(nom, kwargs={"pk": objet.pk, "nom": transition}))
    return urls
