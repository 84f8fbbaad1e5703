"""Perimeters: which rows a user reaches, for a given model and action.

A user's perimeter for (model, action) is the union of the perimeters of their active role
assignments whose role grants that action on that model (roles.py). An empty perimeter reaches
nothing; the national one reaches everything.
"""

from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef, Q

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
# How each model is scoped. Models not listed are reference data, readable by every role.
# ---------------------------------------------------------------------------------------------


def _q_dispositif(perimetre, prefixe=""):
    return Q(**{f"{prefixe}departement_id__in": perimetre.departements}) | Q(
        **{f"{prefixe}entite_id__in": perimetre.entites}
    )


def q_par_dispositif(perimetre, prefixe="dispositif__"):
    """Q keeping the rows whose dispositif (reached through `prefixe`) is in the perimeter:
    a plain join condition, cheaper than `dispositif__in=<subquery>` on large tables."""
    if perimetre.national:
        return Q()
    if perimetre.vide:
        return Q(pk__in=[])
    return _q_dispositif(perimetre, prefixe)


def _q_entite(perimetre, fk=None):
    """An entité is in a perimeter by its siège, by assignment, or by one of its dispositifs."""
    from backoffice.offre.models import Dispositif

    ref = f"{fk}_id" if fk else "pk"
    prefixe = f"{fk}__" if fk else ""
    dispositifs = Dispositif.objects.filter(
        entite_id=OuterRef(ref), departement_id__in=perimetre.departements
    )
    return (
        Q(**{f"{prefixe}departement_id__in": perimetre.departements})
        | Q(**{f"{ref}__in": perimetre.entites})
        | Q(Exists(dispositifs))
    )


def _q_affectation(perimetre):
    # Outside the national level, only operators' accounts of entités in the perimeter.
    return Q(role=Role.GESTIONNAIRE) & _q_entite(perimetre, fk="entite")


def _q_demande(perimetre, prefixe=""):
    return (
        Q(**{f"{prefixe}departement_id__in": perimetre.departements})
        | Q(**{f"{prefixe}entite_id__in": perimetre.entites})
        | Q(**{f"{prefixe}dispositif__entite_id__in": perimetre.entites})
    )


def _q_import_temps1(perimetre):
    # An import is seen by the accounts whose perimeter covers a département of its filer's
    # perimeter at filing time (ImportTemps1.departements); national imports by national ones.
    from imports.models import ImportTemps1

    couverts = ImportTemps1.departements.through.objects.filter(
        importtemps1_id=OuterRef("pk"), departement_id__in=perimetre.departements
    )
    return Q(Exists(couverts))


def _q_convention(perimetre, prefixe=""):
    # A convention belongs to its département (the instructing DDETS) and to its entité.
    return Q(**{f"{prefixe}departement_id__in": perimetre.departements}) | Q(
        **{f"{prefixe}entite_id__in": perimetre.entites}
    )


def _q_appel(perimetre, fk=None):
    # A call covers its split's départements, or its whole région without a split; operators
    # (entité perimeters) see the calls once published.
    from backoffice.appels.models import ETATS_PUBLICS, RepartitionAppel
    from backoffice.territoires.models import Departement

    ref = f"{fk}_id" if fk else "pk"
    prefixe = f"{fk}__" if fk else ""
    condition = Q(pk__in=[])
    if perimetre.departements:
        repartitions = RepartitionAppel.objects.filter(appel_id=OuterRef(ref))
        condition |= Q(Exists(repartitions.filter(departement_id__in=perimetre.departements)))
        condition |= ~Q(Exists(repartitions)) & Q(
            Exists(
                Departement.objects.filter(
                    region_id=OuterRef(f"{prefixe}region_id"), code__in=perimetre.departements
                )
            )
        )
    if perimetre.entites:
        condition |= Q(**{f"{prefixe}etat__in": ETATS_PUBLICS})
    return condition


def _q_candidature(perimetre, prefixe=""):
    # The département of the proposed places (instructors) and the candidate entité.
    return Q(**{f"{prefixe}departement_id__in": perimetre.departements}) | Q(
        **{f"{prefixe}entite_id__in": perimetre.entites}
    )


def _q_anomalie(perimetre):
    # An anomaly belongs to its département, and to the entité of its dispositif or convention.
    return (
        Q(departement_id__in=perimetre.departements)
        | Q(dispositif__entite_id__in=perimetre.entites)
        | Q(convention__entite_id__in=perimetre.entites)
    )


def _q_schema(perimetre, prefixe=""):
    # A schéma régional is seen by the accounts covering one département of its région.
    from backoffice.territoires.models import Departement

    return Q(
        Exists(
            Departement.objects.filter(
                region_id=OuterRef(f"{prefixe}region_id"), code__in=perimetre.departements
            )
        )
    )


PORTEES_MODELES = {
    "offre.dispositif": _q_dispositif,
    "offre.groupedeplaces": lambda p: _q_dispositif(p, "dispositif__"),
    "offre.financement": lambda p: _q_dispositif(p, "dispositif__"),
    "offre.entitegestionnaire": _q_entite,
    "offre.contactreferent": lambda p: _q_entite(p, fk="entite"),
    "acces.affectationrole": _q_affectation,
    "demandes.demande": _q_demande,
    "demandes.piecejointe": lambda p: _q_demande(p, "demande__"),
    "imports.importtemps1": _q_import_temps1,
    "conventions.convention": _q_convention,
    "conventions.ligneconvention": lambda p: _q_convention(p, "convention__"),
    "conventions.montantconvention": lambda p: _q_convention(p, "convention__"),
    "conventions.avenant": lambda p: _q_convention(p, "convention__"),
    "conventions.ligneavenant": lambda p: _q_convention(p, "avenant__convention__"),
    "conventions.montantavenant": lambda p: _q_convention(p, "avenant__convention__"),
    "conventions.documentconvention": lambda p: _q_convention(p, "convention__"),
    "appels.appelaprojets": _q_appel,
    "appels.repartitionappel": lambda p: _q_appel(p, fk="appel"),
    "appels.critereselection": lambda p: _q_appel(p, fk="appel"),
    "appels.documentappel": lambda p: _q_appel(p, fk="appel"),
    "appels.candidature": _q_candidature,
    "appels.notecritere": lambda p: _q_candidature(p, "candidature__"),
    "appels.documentcandidature": lambda p: _q_candidature(p, "candidature__"),
    "qualite.anomalie": _q_anomalie,
    "schemas.schemaregional": _q_schema,
    "schemas.objectif": lambda p: _q_schema(p, "schema__"),
    "schemas.thematique": lambda p: _q_schema(p, "objectif__schema__"),
    "schemas.actionschema": lambda p: _q_schema(p, "thematique__objectif__schema__"),
    "schemas.campagneevaluation": lambda p: _q_schema(p, "schema__"),
    "schemas.evaluationaction": lambda p: _q_schema(p, "campagne__schema__"),
}


def est_perimetre(model_label):
    return model_label in PORTEES_MODELES


def filtrer(queryset, perimetre):
    """Restrict a queryset to a perimeter."""
    if perimetre.national:
        return queryset
    if perimetre.vide:
        return queryset.none()
    label = queryset.model._meta.label_lower
    portee = PORTEES_MODELES.get(label)
    if portee is None:
        return queryset
    return queryset.filter(portee(perimetre))


def contient(perimetre, instance):
    """Whether an instance lies in a perimeter; in Python when the instance tells, else a query."""
    if perimetre.national:
        return True
    if perimetre.vide:
        return False
    label = instance._meta.label_lower
    if label not in PORTEES_MODELES:
        return True
    if label == "offre.dispositif":
        return instance.departement_id in perimetre.departements or (
            instance.entite_id in perimetre.entites
        )
    if label in {"offre.groupedeplaces", "offre.financement"}:
        return contient(perimetre, instance.dispositif)
    return filtrer(type(instance)._default_manager.filter(pk=instance.pk), perimetre).exists()
