"""The shape of a Temps 1 sheet description: its columns (header, parser, list, width, help)
and the header index that reading matches against."""

from dataclasses import dataclass, field

from .valeurs import cle


@dataclass(frozen=True)
class Colonne:
    cle: str  # internal key
    entete: str  # header as written in the template (without the "*")
    genre: str  # parser: texte, siren, siret, finess, code_postal, telephone, courriel, entier,
    # montant, annee, date, liste, departement, action, info
    obligatoire: bool = False
    liste: str = ""  # name of the closed list (drop-down, accepted values)
    largeur: int = 18
    format_texte: bool = False  # code column: formatted as text so Excel keeps leading zeros
    aide: str = ""
    exemple: str = ""
    alias: tuple = ()
    marque_obligatoire: bool = False  # shown with "*" although only conditionally required

    @property
    def entete_modele(self):
        return f"{self.entete} *" if (self.obligatoire or self.marque_obligatoire) else self.entete

    @property
    def informative(self):
        """Written by the export to help people, ignored on import."""
        return self.genre == "info"


@dataclass(frozen=True)
class Feuille:
    nom: str
    colonnes: tuple
    alias: tuple = ()
    description: str = ""
    index: dict = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self):
        for colonne in self.colonnes:
            for nom in (colonne.entete, *colonne.alias):
                self.index[cle(nom)] = colonne

    def colonne(self, cle_colonne):
        return next(c for c in self.colonnes if c.cle == cle_colonne)

    def par_entete(self, entete):
        return self.index.get(cle(entete))
