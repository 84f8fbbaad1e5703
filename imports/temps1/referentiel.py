"""Closed lists of a run, loaded once (a handful of queries whatever the number of rows)."""

import re

from backoffice.offre.models import Nature, Programme, TypeDispositif
from backoffice.territoires.models import Departement

from .listes import LISTES_STATIQUES
from .valeurs import cle


def libelle_programme(programme):
    """What the drop-down shows: the code for budget programmes (P303…), the label otherwise."""
    return programme.code if re.fullmatch(r"P\d{3}", programme.code) else programme.libelle


class Referentiel:
    """Reference data and the lookup tables of every list: key (see `cle`) → value."""

    def __init__(self):
        self.departements = {d.code: d for d in Departement.objects.all()}
        self.natures = list(Nature.objects.all())
        self.types = list(TypeDispositif.objects.select_related("nature"))
        self.types_par_code = {t.code: t for t in self.types}
        self.programmes = list(Programme.objects.all())

        self.natures_par_cle = {}
        for nature in self.natures:
            self.natures_par_cle[cle(nature.libelle)] = nature
            self.natures_par_cle.setdefault(cle(nature.code), nature)
        # Type labels are unique within a nature only: a key may name several types.
        self.types_par_cle = {}
        for type_ in self.types:
            for nom in {cle(type_.libelle), cle(type_.code)}:
                self.types_par_cle.setdefault(nom, []).append(type_)
        self.programmes_par_cle = {}
        for programme in self.programmes:
            for nom in (programme.code, programme.libelle, libelle_programme(programme)):
                self.programmes_par_cle.setdefault(cle(nom), programme)
        self.statiques = {}
        for nom, (valeurs, alias) in LISTES_STATIQUES.items():
            table = {}
            for valeur, libelle in valeurs:
                table[cle(libelle)] = valeur
                table.setdefault(cle(valeur), valeur)
            for orthographe, valeur in alias.items():
                table.setdefault(cle(orthographe), valeur)
            self.statiques[nom] = table

    # Values offered by the drop-downs and listed in the guide (labels people read).
    def valeurs_liste(self, nom):
        if nom == "natures":
            return [n.libelle for n in self.natures]
        if nom == "types":
            return [t.libelle for t in self.types]
        if nom == "departements":
            return list(self.departements)
        if nom == "programmes":
            return [libelle_programme(p) for p in self.programmes]
        return [libelle for _, libelle in LISTES_STATIQUES[nom][0]]

    def libelles_statiques(self, nom):
        return dict(LISTES_STATIQUES[nom][0])
