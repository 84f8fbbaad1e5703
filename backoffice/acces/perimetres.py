"""Perimeters: which rows a user reaches, for a given model and action.

A user's perimeter for (model, action) is the union of the perimeters of their active role
assignments whose role grants that action on that model (roles.py). An empty perimeter reaches
nothing; the national one reaches everything.
"""

from dataclasses import dataclass, field

from django.apps import apps
from django.core.exceptions import ImproperlyConfigured
from django.db.models import Q
from simple_history.models import HistoricalChanges

from .roles import Portee, Role, actions_du_role


@dataclass(frozen=True)
class Perimetre:
    national: bool = False
    departements: frozenset = field(default_factory=frozenset)
    entites: frozenset = field(default_factory=frozenset)

    def __or__(self, other):
        return Perimetre(
            national=self.national or other.national,
            departements=self.departements | other.departements,
            entites=self.entites | other.entites,
        )

    @property
    def vide(self):
        return not (self.national or self.departements or self.entites)


NATIONAL = Perimetre(national=True)
VIDE = Perimetre()
# Any of these actions lets a user read a row (listings, choices, fetch-or-404).
LECTURE = ("view", "change", "delete")


def _perimetre_affectation(affectation):
    if affectation.portee == Portee.NATIONALE:
        return NATIONAL
    if affectation.portee == Portee.REGION:
        return Perimetre(
            departements=frozenset(d.code for d in affectation.region.departements.all())
        )
    if affectation.portee == Portee.DEPARTEMENTS:
        return Perimetre(departements=frozenset(d.code for d in affectation.departements.all()))
    if affectation.portee == Portee.SIAO:
        return Perimetre(
            departements=frozenset(d.code for d in affectation.siao.departements.all())
        )
    if affectation.portee == Portee.ENTITE:
        return Perimetre(entites=frozenset([affectation.entite_id]))
    return VIDE


def affectations_de(user):
    """[(role, Perimetre)] of a user's active assignments, loaded once per user object."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return []
    cache = getattr(user, "_affectations_cache", None)
    if cache is None:
        # import différé : models.py importe ce module (q_modele) pour ses propres périmètres.
        from .models import AffectationRole

        requete = (
            AffectationRole.objects.filter(utilisateur=user, actif=True)
            .select_related("region", "siao")
            .prefetch_related("departements", "region__departements", "siao__departements")
        )
        cache = [(Role(a.role), _perimetre_affectation(a)) for a in requete]
        user._affectations_cache = cache
    return cache


def roles_de(user):
    return {role for role, _ in affectations_de(user)}


def perimetre_pour(user, model_label, actions, exclure_roles=()):
    """Union of the perimeters of the assignments granting any of `actions` on the model."""
    if isinstance(actions, str):
        actions = {actions}
    if getattr(user, "is_superuser", False) and user.is_active:
        return NATIONAL
    perimetre = VIDE
    for role, perimetre_role in affectations_de(user):
        if role in exclure_roles:
            continue
        if actions_du_role(role, model_label) & set(actions):
            perimetre = perimetre | perimetre_role
    return perimetre


def perimetre_global(user):
    """Perimeter of all the user's assignments, whatever the action (dashboards, filters)."""
    if getattr(user, "is_superuser", False) and user.is_active:
        return NATIONAL
    perimetre = VIDE
    for _, perimetre_role in affectations_de(user):
        perimetre = perimetre | perimetre_role
    return perimetre


# ---------------------------------------------------------------------------------------------
# How each model is scoped: declared by the model itself, next to its fields, never guessed here.
#
#   REFERENTIEL = True          reference data: every role holding the model right reads every row
#   PERIMETRE_NATIONAL = True   internal rows: the national perimeter only
#   PERIMETRE_PAR = "<fk>"      the perimeter of its parent through that foreign key
#   q_perimetre(cls, perimetre, prefixe="")   (classmethod) its own rule, a Q on the rows reached
#                               through `prefixe`; optionally `dans_perimetre(self, perimetre)`,
#                               the same answer in Python for one instance (must agree: tested)
#
# Models of installed apps we do not edit are declared with `declarer()` by the app that owns the
# decision; django-simple-history's historical rows follow the perimeter of their object. A model
# with no declaration is refused (ImproperlyConfigured), whatever the perimeter, and the system
# check `acces.E001` stops `manage.py check` before it can be reached (checks.py).
# ---------------------------------------------------------------------------------------------

REFERENTIEL = "référentiel"
NATIONAL_SEULEMENT = "national seulement"
PAR_PARENT = "par son parent"
PROPRE = "règle propre"
HISTORIQUE = "historique de son objet"


@dataclass(frozen=True)
class Declaration:
    genre: str
    q: object = None  # PROPRE: (perimetre, prefixe) -> Q
    champ: str = ""  # PAR_PARENT: the foreign key to the parent
    motif: str = ""  # declarations of installed apps: why


_DECLARATIONS_TIERCES = {}


def declarer(label, *, motif, referentiel=False, national=False, par="", q=None):
    """Declare the scope of a model we do not edit (`app_label.modelname`), from the ready() of
    the app that owns the decision. Exactly one of referentiel / national / par / q."""
    genres = [
        g
        for g, choisi in (
            (REFERENTIEL, referentiel),
            (NATIONAL_SEULEMENT, national),
            (PAR_PARENT, par),
            (PROPRE, q),
        )
        if choisi
    ]
    if len(genres) != 1:
        raise ImproperlyConfigured(f"{label} : déclarez exactement un périmètre.")
    label = label.lower()
    nouvelle = Declaration(genres[0], q=q, champ=par, motif=motif)
    # ready() may run again (a second app registry, in tests): the same declaration is no news.
    if _DECLARATIONS_TIERCES.get(label, nouvelle) != nouvelle:
        raise ImproperlyConfigured(f"{label} : un autre périmètre est déjà déclaré.")
    _DECLARATIONS_TIERCES[label] = nouvelle


def declarations_de(model):
    """Every declaration found for a model; the system check wants exactly one."""
    trouvees = []
    if getattr(model, "REFERENTIEL", False):
        trouvees.append(Declaration(REFERENTIEL))
    if getattr(model, "PERIMETRE_NATIONAL", False):
        trouvees.append(Declaration(NATIONAL_SEULEMENT))
    if getattr(model, "PERIMETRE_PAR", ""):
        trouvees.append(Declaration(PAR_PARENT, champ=model.PERIMETRE_PAR))
    if callable(getattr(model, "q_perimetre", None)):
        trouvees.append(Declaration(PROPRE, q=model.q_perimetre))
    for label in {model._meta.label_lower, model._meta.concrete_model._meta.label_lower}:
        if label in _DECLARATIONS_TIERCES:
            trouvees.append(_DECLARATIONS_TIERCES[label])
    if issubclass(model, HistoricalChanges) and getattr(model, "instance_type", None):
        trouvees.append(Declaration(HISTORIQUE))
    return trouvees


def declaration(model):
    trouvees = declarations_de(model)
    if len(trouvees) != 1:
        # Fail closed: no rows of a model whose scope nobody declared, not even national ones.
        raise ImproperlyConfigured(
            f"{model._meta.label_lower} : aucun périmètre déclaré (ou plusieurs) ; "
            "voir backoffice/acces/perimetres.py."
        )
    return trouvees[0]


def q_modele(model, perimetre, prefixe=""):
    """Q keeping the rows whose `model` object, reached through `prefixe` (`""` for the model
    itself, `"dispositif__"`…), lies in a perimeter neither national nor empty."""
    portee = declaration(model)
    if portee.genre == REFERENTIEL:
        return Q()
    if portee.genre == NATIONAL_SEULEMENT:
        return Q(pk__in=[])
    if portee.genre == PAR_PARENT:
        parent = model._meta.get_field(portee.champ).related_model
        return q_modele(parent, perimetre, f"{prefixe}{portee.champ}__")
    if portee.genre == HISTORIQUE:
        objet = model.instance_type
        dans = filtrer(objet._base_manager.all(), perimetre).values(objet._meta.pk.attname)
        return Q(**{f"{prefixe}{objet._meta.pk.attname}__in": dans})
    return portee.q(perimetre, prefixe)


def q_dans(model, perimetre, prefixe=""):
    """Q keeping the rows whose `model` object (through `prefixe`) is in any perimeter: a plain
    join condition, cheaper than `dispositif__in=<subquery>` on large tables (pilotage)."""
    if perimetre.national:
        return Q()
    if perimetre.vide:
        return Q(pk__in=[])
    return q_modele(model, perimetre, prefixe)


def reference(prefixe):
    """What an OuterRef names for the object reached through `prefixe` (its primary key)."""
    return prefixe[:-2] if prefixe else "pk"


def est_perimetre(model_label):
    """Whether a model's rows are scoped row by row (neither reference data nor national)."""
    model = apps.get_model(model_label)
    return declaration(model).genre in {PROPRE, PAR_PARENT, HISTORIQUE}


def filtrer(queryset, perimetre):
    """Restrict a queryset to a perimeter."""
    portee = declaration(queryset.model)
    if perimetre.national:
        return queryset
    if perimetre.vide or portee.genre == NATIONAL_SEULEMENT:
        return queryset.none()
    if portee.genre == REFERENTIEL:
        return queryset
    return queryset.filter(q_modele(queryset.model, perimetre))


def contient(perimetre, instance):
    """Whether an instance lies in a perimeter; in Python when the model tells, else a query.
    Always the same answer as `filtrer()` (tests/acces/test_declarations.py)."""
    portee = declaration(type(instance))
    if perimetre.national:
        return True
    if perimetre.vide or portee.genre == NATIONAL_SEULEMENT:
        return False
    if portee.genre == REFERENTIEL:
        return True
    if portee.genre == PROPRE and hasattr(instance, "dans_perimetre"):
        return instance.dans_perimetre(perimetre)
    if portee.genre == PAR_PARENT:
        parent = getattr(instance, portee.champ)
        return parent is not None and contient(perimetre, parent)
    if instance.pk is None:
        return False
    return filtrer(type(instance)._base_manager.filter(pk=instance.pk), perimetre).exists()


def libelles_declares():
    """Labels declared with `declarer()` (the check compares them with the installed models)."""
    return set(_DECLARATIONS_TIERCES)
