"""The rows of an analysis and the plan `appliquer` runs; new instances built fast."""

from dataclasses import dataclass, field

from django.db import models

TAILLE_LOT = 5000  # `__in` lists are split so no database hits its parameter limit


_GABARITS = {}


def nouveau(modele, **valeurs):
    """A new, unsaved instance, built fast: tens of thousands are built for a national file.

    Uses the positional fast path of `Model.__init__` (every concrete field in order, defaults
    for the others) and skips modelcluster's `ClusterableModel.__init__`, which scans the
    model's relations on every instance only to route child-object kwargs (we pass none).
    """
    gabarit = _GABARITS.get(modele)
    if gabarit is None:
        gabarit = _GABARITS[modele] = [
            (
                f.attname,
                f.get_default if f.has_default() and callable(f.default) else f.get_default(),
            )  # fmt: skip
            for f in modele._meta.concrete_fields
        ]
    args = [
        valeurs.pop(attname) if attname in valeurs else defaut() if callable(defaut) else defaut
        for attname, defaut in gabarit
    ]
    instance = modele.__new__(modele)
    models.Model.__init__(instance, *args)
    for nom, valeur in valeurs.items():  # relations given as objects (entite=…, dispositif=…)
        setattr(instance, nom, valeur)
    return instance


def charger(requete, garder=None):
    """The instances of a queryset, built like `nouveau`: what `Model.from_db` does (every
    concrete field in order, then "saved" state) without modelcluster's `__init__`, which costs
    more than the query itself on the 15,000 entités and dispositifs a national file names.

    `garder(pk)`, when given, skips the rows it refuses before any instance is built."""
    modele = requete.model
    attnames = [f.attname for f in modele._meta.concrete_fields]
    indice_pk = attnames.index(modele._meta.pk.attname)
    base = requete.db
    for valeurs in requete.values_list(*attnames):
        if garder is not None and not garder(valeurs[indice_pk]):
            continue
        instance = modele.__new__(modele)
        models.Model.__init__(instance, *valeurs)
        instance._state.adding = False
        instance._state.db = base
        yield instance


def par_lots(valeurs):
    valeurs = list(valeurs)
    for debut in range(0, len(valeurs), TAILLE_LOT):
        yield valeurs[debut : debut + TAILLE_LOT]


@dataclass
class Ligne:
    feuille: str
    numero: int
    cellules: list = field(default_factory=list)  # the raw cells, as read (messages quote them)
    valeurs: dict = field(default_factory=dict)  # column key → model value (valid cells only)
    en_erreur: bool = False
    statut: str | None = None  # created / updated / unchanged
    objet: object = None  # the instance to create or update
    champs: set = field(default_factory=set)  # changed fields (update)


@dataclass
class Plan:
    """What `appliquer` writes, in order. Instances are ready to save."""

    entites_creees: list = field(default_factory=list)
    entites_modifiees: list = field(default_factory=list)
    champs_entites: set = field(default_factory=set)
    contacts_crees: list = field(default_factory=list)
    contacts_modifies: list = field(default_factory=list)
    contacts_supprimes: list = field(default_factory=list)
    dispositifs_crees: list = field(default_factory=list)
    dispositifs_modifies: list = field(default_factory=list)
    champs_dispositifs: set = field(default_factory=set)
    financements_crees: list = field(default_factory=list)
    financements_modifies: list = field(default_factory=list)
    champs_financements: set = field(default_factory=set)

    @property
    def vide(self):
        return not any(
            (
                self.entites_creees,
                self.entites_modifiees,
                self.contacts_crees,
                self.contacts_modifies,
                self.contacts_supprimes,
                self.dispositifs_crees,
                self.dispositifs_modifies,
                self.financements_crees,
                self.financements_modifies,
            )
        )
