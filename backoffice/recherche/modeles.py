"""The `recherche` column of searchable models, and the writes that keep it right.

A model derives from `Recherchable` and lists in `champs_recherche` the paths of its own
searchable values: a field (`"nom"`), a key of a JSON field (`"donnees_dispositif.nom"`) or a
field of a related object that cannot carry its own column (`"utilisateur.email"`, Django's user).
The column holds their normalised concatenation. Related models that are themselves searchable
are not copied: a search names their column (`entite__recherche`), so renaming an entité needs
no cascade.

Every write path fills the column: `save()`, and the model's queryset (`RechercheQuerySet`), whose
`bulk_create`, `bulk_update` and `update` recompute it — a bulk import, the demo loader or a
materialised request cannot forget it. A system check (`checks.py`) refuses a searchable model
whose default manager would bypass that queryset.
"""

import functools

from django.db import connections, models, transaction

from .texte import normaliser

CHAMP = "recherche"
TAILLE_LOT = 2000


def valeur(objet, chemin):
    """The value at `chemin` ("nom", "donnees_dispositif.nom", "utilisateur.email") or None."""
    for nom in chemin.split("."):
        if objet is None:
            return None
        objet = objet.get(nom) if isinstance(objet, dict) else getattr(objet, nom, None)
    return objet


def texte_recherche(objet, chemins):
    """The normalised text of `objet` along `chemins` (the column's content)."""
    valeurs = (valeur(objet, chemin) for chemin in chemins)
    return normaliser(" ".join(str(v) for v in valeurs if v not in (None, "")))


@functools.cache
def _sources(modele):
    """Field names and attnames whose change can change the column."""
    sources = set()
    for chemin in modele.champs_recherche:
        champ = modele._meta.get_field(chemin.split(".", 1)[0])
        sources |= {champ.name, champ.attname}
    return sources


def _relations(modele):
    """Related objects the column reads (`utilisateur` for "utilisateur.email")."""
    premiers = {chemin.split(".", 1)[0] for chemin in modele.champs_recherche if "." in chemin}
    return sorted(nom for nom in premiers if modele._meta.get_field(nom).is_relation)


def ecrire_recherche(modele, lignes, using):
    """Write the column of `lignes` [(pk, texte)]: one UPDATE joined to a VALUES list per batch.

    `bulk_update`'s `CASE WHEN pk = … THEN …` costs Django about a millisecond of Python per row
    and `executemany` a round trip per row (36,000 financements: 90 s and 17 s, against 3 s
    here). Also used by the data migration, whose historical models share the table.
    """
    connexion = connections[using]
    q = connexion.ops.quote_name
    table = q(modele._meta.db_table)
    taille = min(TAILLE_LOT, (connexion.features.max_query_params or 2 * TAILLE_LOT) // 2)
    with connexion.cursor() as curseur:
        for debut in range(0, len(lignes), taille):
            lot = lignes[debut : debut + taille]
            curseur.execute(
                f"WITH v(cle, texte) AS (VALUES {', '.join(['(%s, %s)'] * len(lot))}) "
                f"UPDATE {table} SET {q(CHAMP)} = v.texte FROM v "
                f"WHERE {table}.{q(modele._meta.pk.column)} = v.cle",
                [valeur for ligne in lot for valeur in ligne],
            )


class RechercheQuerySet(models.QuerySet):
    def bulk_create(self, objs, *args, **kwargs):
        objs = list(objs)
        for objet in objs:
            objet.actualiser_recherche()
        update_fields = kwargs.get("update_fields")
        if update_fields and CHAMP not in update_fields:  # upsert: the conflict row too
            kwargs["update_fields"] = [*update_fields, CHAMP]
        return super().bulk_create(objs, *args, **kwargs)

    def bulk_update(self, objs, fields, *args, **kwargs):
        if CHAMP in fields or not _sources(self.model) & set(fields):
            return super().bulk_update(objs, fields, *args, **kwargs)
        objs = list(objs)
        with transaction.atomic(using=self.db, savepoint=False):
            nombre = super().bulk_update(objs, fields, *args, **kwargs)
            for objet in objs:
                objet.actualiser_recherche()
            ecrire_recherche(self.model, [(o.pk, getattr(o, CHAMP)) for o in objs], self.db)
        return nombre

    def update(self, **kwargs):
        # An update that writes the column itself is trusted.
        if CHAMP in kwargs or not _sources(self.model) & set(kwargs):
            return super().update(**kwargs)
        with transaction.atomic(using=self.db, savepoint=False):
            pks = list(self.values_list("pk", flat=True))
            nombre = super().update(**kwargs)
            lignes = self.model._default_manager.using(self.db)
            for debut in range(0, len(pks), TAILLE_LOT):
                lignes.filter(pk__in=pks[debut : debut + TAILLE_LOT]).actualiser_recherche()
        return nombre

    update.alters_data = True

    def actualiser_recherche(self):
        """Recompute the column of these rows; write only the ones that changed. Returns how
        many changed."""
        a_ecrire = []
        lignes = self.select_related(*_relations(self.model)).order_by("pk")
        for objet in lignes.iterator(TAILLE_LOT):
            avant = getattr(objet, CHAMP)
            objet.actualiser_recherche()
            if getattr(objet, CHAMP) != avant:
                a_ecrire.append((objet.pk, getattr(objet, CHAMP)))
        ecrire_recherche(self.model, a_ecrire, self.db)
        return len(a_ecrire)

    actualiser_recherche.alters_data = True


class Recherchable(models.Model):
    """A model with a normalised `recherche` column (see the module's docstring).

    Declare it as the LAST base before `models.Model` (after ClusterableModel, workflow mixins,
    `AvecEmpreinte`…): its `save()` then computes the column from values the other `save()`s
    have just set (a drawn code, a cleaned label).
    """

    champs_recherche: tuple[str, ...] = ()

    recherche = models.TextField("texte de recherche", default="", blank=True, editable=False)

    objects = RechercheQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        update_fields = kwargs.get("update_fields")
        # A partial save of other fields (a transition's state, a login) reads nothing more.
        if update_fields is None or _sources(type(self)) & set(update_fields):
            self.actualiser_recherche()
            if update_fields is not None and CHAMP not in update_fields:
                kwargs["update_fields"] = [*update_fields, CHAMP]
        super().save(*args, **kwargs)

    def actualiser_recherche(self):
        setattr(self, CHAMP, texte_recherche(self, self.champs_recherche))
