"""Searching: every typed word contained in one of the named `recherche` columns."""

import functools

from django.core.exceptions import FieldDoesNotExist, ImproperlyConfigured
from django.db.models import F, Lookup, Q

from .modeles import CHAMP, Recherchable
from .texte import mots, normaliser


@functools.cache
def verifier_colonnes(modele, colonnes):
    """Each column must be the `recherche` column of the model or of a related searchable model
    (`"recherche"`, `"entite__recherche"`): a raw field would be searched with its accents."""
    for colonne in colonnes:
        *relations, dernier = colonne.split("__")
        cible = modele
        try:
            for relation in relations:
                cible = cible._meta.get_field(relation).related_model
            if cible is None or dernier != CHAMP or not issubclass(cible, Recherchable):
                raise FieldDoesNotExist
        except FieldDoesNotExist:
            raise ImproperlyConfigured(
                f"{modele.__name__} : « {colonne} » n'est pas une colonne `recherche` "
                "(backoffice.recherche)."
            ) from None
    return colonnes


class Parmi(Lookup):
    """`relation IN (sous-requête)`, written `= ANY(ARRAY(sous-requête))` on PostgreSQL.

    PostgreSQL evaluates the array once and then treats the condition as an index condition
    (the foreign key's index), so "own column OR related column" becomes a BitmapOr of two
    indexes; `IN (sous-requête)` would stay a filter evaluated on every row of the list.
    """

    lookup_name = "parmi"
    prepare_rhs = False

    def as_sql(self, compiler, connection, modele="{lhs} IN {rhs}"):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return modele.format(lhs=lhs, rhs=rhs), [*lhs_params, *rhs_params]

    def as_postgresql(self, compiler, connection):
        return self.as_sql(compiler, connection, modele="{lhs} = ANY(ARRAY{rhs})")


def _contient(modele, colonne, mot):
    """Rows of `modele` whose `colonne` ("recherche", "entite__recherche") contains `mot`."""
    relation, _, reste = colonne.partition("__")
    if not reste:
        return Q(**{f"{colonne}__contains": mot})
    cible = modele._meta.get_field(relation).related_model
    lies = cible._base_manager.filter(_contient(cible, reste, mot)).order_by().values("pk")
    return Q(Parmi(F(relation), lies))


def rechercher(queryset, texte, colonnes=(CHAMP,)):
    """Rows where every normalised word of `texte` is contained in one of `colonnes`.

    `contains` is a `LIKE '%mot%'` on both databases; the stored text and the words are already
    lowercase and accent-free, so the comparison needs no function around the column and
    PostgreSQL answers it from the column's trigram index. A related column is searched in its
    own table (`entite_id = ANY(ARRAY(SELECT id … WHERE recherche LIKE …))`), not through a join:
    an OR across joined tables would make PostgreSQL read every row of the list, for the page
    and again for its count.
    """
    modele = queryset.model
    colonnes = verifier_colonnes(modele, tuple(colonnes))
    for mot in mots(texte):
        condition = Q()
        for colonne in colonnes:
            condition |= _contient(modele, colonne, mot)
        queryset = queryset.filter(condition)
    return queryset


def filtrer_champ(queryset, texte, champ):
    """Rows whose text field `champ` ("pilote", "entite__raison_sociale") contains every
    normalised word of `texte`: a filter on one field rather than a search on all.

    The field must be one of its model's `champs_recherche`: that model's column narrows the
    candidates (indexed), the field itself decides, normalised the same way.
    """
    *relations, nom = champ.split("__")
    modele = queryset.model
    for relation in relations:
        modele = modele._meta.get_field(relation).related_model
    if not issubclass(modele, Recherchable) or nom not in modele.champs_recherche:
        raise ImproperlyConfigured(
            f"{modele.__name__}.{nom} n'est pas dans ses `champs_recherche` (backoffice.recherche)."
        )
    cherches = mots(texte)
    if not cherches:
        return queryset
    candidats = rechercher(modele._default_manager.all(), texte).values_list("pk", nom)
    retenus = [pk for pk, valeur in candidats if all(m in normaliser(valeur) for m in cherches)]
    return queryset.filter(**{"__".join([*relations, "pk__in"]): retenus})
