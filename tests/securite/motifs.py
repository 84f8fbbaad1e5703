"""Every URL pattern of the project (`get_resolver()`, Wagtail's own included) and, for each,
the URLs the walk calls: each path argument filled with an object of the 75 world (see
monde.py), or with the kind of value its converter wants.

How an argument is filled:
- `pk`: the first object of the 75 world of the view's model (the model of the view, else of
  its URL namespace: monde.py lists first the state an edit or a delete applies to); a model
  with no object in the world (reference data, Wagtail's sites or workflows) gets its first
  row, else a missing id. The perimeter does not depend on the state: one object is enough,
  and transitions (which do) get one object per state they leave from.
- a transition's `nom`: every transition of the model, each with an object of a state it
  leaves from;
- other names: `ARGUMENTS` below (name → values); a few patterns whose arguments go together
  (bulk actions, follow-up links) are in `CAS_PARTICULIERS`.
A pattern with an argument found nowhere makes the walk fail with the name to add here.
"""

import itertools
from dataclasses import dataclass, field

from django.db.models import Model
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.urls.resolvers import RegexPattern
from django_fsm import FSMField
from wagtail.models import Page, Site, Task, Workflow

INEXISTANT = 999_999

# Unnamed patterns: the URL to call for each (by route).
SANS_NOM = {
    "admin/test404/": "/admin/test404/",
    "admin/^.*/$": "/admin/lutetia-adresse-inconnue/",
    "": "/",
}


@dataclass(frozen=True)
class Motif:
    nom: str  # "namespace:name", or the route of an unnamed pattern
    ident: str  # unique among the patterns (the test's id)
    route: str
    arguments: tuple  # names of the path arguments
    regex: bool  # declared with re_path (positional arguments possible)
    vue: object = field(compare=False)

    @property
    def espace(self):
        return self.nom.rsplit(":", 1)[0] if ":" in self.nom else ""

    @property
    def classe(self):
        return getattr(self.vue, "view_class", None)

    @property
    def options(self):
        return getattr(self.vue, "view_initkwargs", None) or {}

    def modele_propre(self):
        modele = self.options.get("model") or getattr(self.classe, "model", None)
        return modele if isinstance(modele, type) and issubclass(modele, Model) else None


def _parcourir(motifs, prefixe=(), espace=None):
    for motif in motifs:
        if isinstance(motif, URLResolver):
            sous_espace = espace
            if motif.namespace:
                sous_espace = f"{espace}:{motif.namespace}" if espace else motif.namespace
            yield from _parcourir(motif.url_patterns, (*prefixe, motif.pattern), sous_espace)
        elif isinstance(motif, URLPattern):
            yield (*prefixe, motif.pattern), espace, motif


def tous_les_motifs():
    """Every URL pattern, depth first, in the order Django resolves them."""
    motifs, vus = [], {}
    for segments, espace, motif in _parcourir(get_resolver().url_patterns):
        route = "".join(str(s) for s in segments)
        arguments = []
        for segment in segments:
            if isinstance(segment, RegexPattern):
                arguments += list(segment.regex.groupindex)
            else:
                arguments += list(segment.converters)
        nom = route
        if motif.name:
            nom = f"{espace}:{motif.name}" if espace else motif.name
        vus[nom] = vus.get(nom, 0) + 1
        ident = nom if vus[nom] == 1 else f"{nom}#{vus[nom]}"
        motifs.append(
            Motif(
                nom=nom,
                ident=ident or "racine",
                route=route,
                arguments=tuple(arguments),
                regex=any(isinstance(s, RegexPattern) for s in segments),
                vue=motif.callback,
            )
        )
    return motifs


# ---------------------------------------------------------------------------------------------
# Filling the arguments
# ---------------------------------------------------------------------------------------------


@dataclass
class Cible:
    """One URL to call, the object of the 75 world it aims at, and what a form on it would
    carry (added to the plausible body)."""

    url: str
    objet: object = None
    donnees: dict = field(default_factory=dict)


def _page():
    return Page.objects.filter(depth=2).order_by("pk").first() or Page.objects.first()


def _premier(modele):
    return modele._default_manager.order_by("pk").first()


def _pk(objet):
    return objet.pk if objet is not None else INEXISTANT


# Argument name → callable(monde) giving [(value, object of the 75 world or None)].
ARGUMENTS = {
    "dispositif_pk": lambda m: [(d.pk, d) for d in m.de("offre.dispositif")],
    "document_id": lambda m: [(d.pk, d) for d in m.de("wagtaildocs.document")],
    "doc_id": lambda m: [(d.pk, d) for d in m.de("wagtaildocs.document")],
    "image_id": lambda m: [(i.pk, i) for i in m.de("wagtailimages.image")],
    "collection_id": lambda m: [(c.pk, c) for c in m.de("wagtailcore.collection")],
    "uploaded_file_id": lambda m: [(INEXISTANT, None)],
    "restriction_id": lambda m: [(INEXISTANT, None)],
    "page_view_restriction_id": lambda m: [(INEXISTANT, None)],
    "session_id": lambda m: [(INEXISTANT, None)],
    "page_id": lambda m: [(_page().pk, None)],
    "parent_page_id": lambda m: [(_page().pk, None)],
    "page_to_move_id": lambda m: [(_page().pk, None)],
    "destination_id": lambda m: [(Page.get_first_root_node().pk, None)],
    "revision_id": lambda m: [(INEXISTANT, None)],
    "revision_id_a": lambda m: [("earliest", None)],
    "revision_id_b": lambda m: [("latest", None)],
    "task_state_id": lambda m: [(INEXISTANT, None)],
    "workflow_state_id": lambda m: [(INEXISTANT, None)],
    "task_id": lambda m: [(_pk(_premier(Task)), None)],
    "workflow_pk": lambda m: [(_pk(_premier(Workflow)), None)],
    "page_pk": lambda m: [(_page().pk, None)],
    "action_name": lambda m: [("publish", None)],
    "filter_spec": lambda m: [("fill-10x10", None)],
    "quoi": lambda m: [(q, None) for q in ("original", "annote", "rapport")],
    "content_type_app_name": lambda m: [("wagtailcore", None)],
    "content_type_model_name": lambda m: [("page", None)],
    "app_label": lambda m: [("conventions", None)],
    "app_name": lambda m: [("conventions", None)],
    "model_name": lambda m: [("convention", None)],
}

# Wagtail's views that are not about an object of the 75 world but take a `pk`: what to pass.
PK_PAR_ESPACE = {
    "wagtailadmin_api:pages": lambda m: [(_page().pk, None)],
    "wagtailadmin_api:documents": lambda m: [(d.pk, d) for d in m.de("wagtaildocs.document")],
    "wagtailadmin_api:images": lambda m: [(i.pk, i) for i in m.de("wagtailimages.image")],
    "wagtaildocs_chooser": lambda m: [(d.pk, d) for d in m.de("wagtaildocs.document")],
    "wagtailadmin_pages": lambda m: [(_page().pk, None)],
    "wagtailadmin_workflows": lambda m: [(_pk(_premier(Workflow)), None)],
    "wagtailsites": lambda m: [(_pk(_premier(Site)), None)],
    "wagtailsettings": lambda m: [(_pk(_premier(Site)), None)],
}


def modele_de(motif, motifs):
    """The view's model, else the model of another view of the same URL namespace."""
    modele = motif.modele_propre()
    if modele is None and motif.espace:
        for autre in motifs:
            if autre.espace == motif.espace and autre.modele_propre() is not None:
                return autre.modele_propre()
    return modele


def _valeurs_pk(motif, motifs, monde):
    for prefixe, valeurs in PK_PAR_ESPACE.items():
        if motif.espace == prefixe:
            return valeurs(monde)
    modele = modele_de(motif, motifs)
    if modele is None:
        raise LookupError(
            f"{motif.nom} : modèle inconnu pour l'argument « pk » ; "
            "déclarez-le dans PK_PAR_ESPACE (tests/securite/motifs.py)."
        )
    objets = monde.de(modele._meta.label_lower)
    if objets:
        return [(objets[0].pk, objets[0])]
    return [(_pk(_premier(modele)), None)]


def _champ_etat(modele):
    for champ in modele._meta.concrete_fields:
        if isinstance(champ, FSMField):
            return champ
    return None


def _transitions(motif, motifs, monde):
    """[(name, objects of the state it leaves from)] of the view's model."""
    modele = modele_de(motif, motifs)
    noms = list(motif.options.get("actions") or {})
    champ = _champ_etat(modele)
    sources = {}
    for transition in champ.get_all_transitions(modele) if champ else ():
        sources.setdefault(transition.name, set()).add(transition.source)
    noms = noms or sorted(sources)
    objets = monde.de(modele._meta.label_lower)
    resultat = []
    for nom in noms:
        depart = sources.get(nom, set())
        choisis = [o for o in objets if "*" in depart or getattr(o, champ.name) in depart]
        resultat.append((nom, (choisis or objets)[:1]))
    return resultat


def _url(motif, kwargs=(), args=()):
    if motif.nom in SANS_NOM:
        return SANS_NOM[motif.nom]
    return reverse(motif.nom, kwargs=dict(kwargs) or None, args=list(args) or None)


def _cibles_transition(motif, motifs, monde):
    cibles = []
    for nom, objets in _transitions(motif, motifs, monde):
        if "pk" in motif.arguments:
            cibles += [Cible(_url(motif, {"pk": o.pk, "nom": nom}), o) for o in objets]
        else:  # the bulk page: the objects are in the form
            cibles.append(
                Cible(
                    _url(motif, {"nom": nom}),
                    objets[0] if objets else None,
                    {"objets": [str(o.pk) for o in objets]},
                )
            )
    return cibles


def _cibles_suivi(motif, motifs, monde):
    """Public follow-up pages: the visitor holds the token of their own request (44 world),
    never the 75 one; a 75 attachment asked through the 44 token must stay out of reach."""
    jeton = monde.propres["demande"].jeton
    if "piece_id" in motif.arguments:
        return [
            Cible(_url(motif, {"jeton": jeton, "piece_id": p.pk}), p)
            for p in monde.de("demandes.piecejointe")
        ]
    if motif.nom == "public:annuler":  # with its own token, cancelling is the visitor's right
        return [Cible(_url(motif, {"jeton": "inconnu"}))]
    return [Cible(_url(motif, {"jeton": jeton})), Cible(_url(motif, {"jeton": "inconnu"}))]


def _cibles_documents(motif, motifs, monde):
    return [
        Cible(_url(motif, args=[d.pk, d.file.name.rsplit("/", 1)[-1]]), d)
        for d in monde.de("wagtaildocs.document")
    ]


def _cibles_bulk(motif, motifs, monde):
    cibles = []
    for app, modele, action, label in (
        ("wagtaildocs", "document", "delete", "wagtaildocs.document"),
        ("wagtailimages", "image", "delete", "wagtailimages.image"),
        ("customuser", "user", "delete", "auth.user"),
        ("auth", "user", "delete", "auth.user"),
        ("conventions", "convention", "delete", "conventions.convention"),
    ):
        objets = monde.de(label)
        ids = "&".join(f"id={o.pk}" for o in objets)
        url = _url(motif, {"app_label": app, "model_name": modele, "action": action})
        cibles.append(Cible(f"{url}?{ids}", objets[0] if objets else None))
    return cibles


def _cibles_session(motif, motifs, monde):
    convention = monde.de("conventions.convention")[0]
    kwargs = {"app_label": "conventions", "model_name": "convention"}
    kwargs.update({"object_id": str(convention.pk), "session_id": INEXISTANT})
    return [Cible(_url(motif, kwargs), convention)]


def _cibles_mot_de_passe(motif, motifs, monde):
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    compte = monde.de("auth.user")[0]
    uid = urlsafe_base64_encode(force_bytes(compte.pk))
    return [Cible(_url(motif, {"uidb64": uid, "token": "set-password"}), compte)]


CAS_PARTICULIERS = {
    "public:suivi": _cibles_suivi,
    "public:annuler": _cibles_suivi,
    "public:piece": _cibles_suivi,
    "wagtaildocs_serve": _cibles_documents,
    "wagtail_bulk_action": _cibles_bulk,
    "wagtailadmin_editing_sessions:ping": _cibles_session,
    "wagtailadmin_password_reset_confirm": _cibles_mot_de_passe,
    "wagtail_serve": lambda motif, motifs, monde: [Cible("/lutetia-page-inconnue/")],
}


def cibles(motif, motifs, monde):
    """The URLs to call for a pattern (at least one)."""
    if motif.nom in CAS_PARTICULIERS:
        return CAS_PARTICULIERS[motif.nom](motif, motifs, monde)
    if "nom" in motif.arguments and motif.nom.endswith(("transition", "transition_groupee")):
        return _cibles_transition(motif, motifs, monde)
    if not motif.arguments:
        return [Cible(_url(motif))]
    valeurs = []
    for argument in motif.arguments:
        if argument == "pk":
            valeurs.append(_valeurs_pk(motif, motifs, monde))
        elif argument in ARGUMENTS:
            valeurs.append(ARGUMENTS[argument](monde))
        else:
            raise LookupError(
                f"{motif.nom} : argument « {argument} » inconnu ; ajoutez ses valeurs à "
                "ARGUMENTS ou le motif à CAS_PARTICULIERS (tests/securite/motifs.py)."
            )
    resultat = []
    for combinaison in itertools.product(*valeurs):
        kwargs = {a: v for a, (v, _) in zip(motif.arguments, combinaison, strict=True)}
        objet = next((o for _, o in combinaison if o is not None), None)
        resultat.append(Cible(_url(motif, kwargs), objet))
    return resultat
