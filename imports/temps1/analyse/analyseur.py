"""The analysis of one workbook: runs the sheets in order, reports every anomaly once per cell,
and runs the models' own `clean()` on what the import would write."""

from django.core.exceptions import ValidationError

from backoffice.bornes import ContrainteDeBornes

from .. import valeurs as v
from ..rapport import Anomalie, Rapport
from ..referentiel import Referentiel
from ..schema import DISPOSITIFS, ENTITES, FEUILLES, FINANCEMENTS
from .cellules import LectureCellules
from .dispositifs import ControleDispositifs
from .entites import ControleEntites
from .existants import ChargementExistants
from .financements import ControleFinancements
from .perimetre import perimetre_import
from .plan import Plan

# Model field → column key, where they differ (errors raised by the models' clean()).
COLONNE_DU_CHAMP = {
    DISPOSITIFS: {
        "type": "type",
        "departement": "departement",
        "entite": "siren",
        "date_fermeture": "date_ouverture",
    },
    FINANCEMENTS: {"dispositif": "dispositif", "programme": "programme"},
    ENTITES: {},
}


_BORNES = {}


def _bornes(modele):
    """[(field, Bornes)] of the model's bounded fields: the same bounds its fields validate in
    the web forms and its check constraints enforce (backoffice/bornes.py)."""
    bornes = _BORNES.get(modele)
    if bornes is None:
        bornes = _BORNES[modele] = [
            (contrainte.champ, contrainte.bornes)
            for contrainte in modele._meta.constraints
            if isinstance(contrainte, ContrainteDeBornes) and contrainte.bornes is not None
        ]
    return bornes


def analyser(classeur, user=None):
    """Check a workbook read by `lire_classeur`; write nothing. Returns a `Rapport` whose `plan`
    `appliquer` can run when `rapport.ok`."""
    return _Analyse(classeur, user).executer()


class _Analyse(
    LectureCellules,
    ChargementExistants,
    ControleEntites,
    ControleDispositifs,
    ControleFinancements,
):
    def __init__(self, classeur, user):
        self.classeur = classeur
        self.user = user
        self.rapport = Rapport(nom_fichier=classeur.nom_fichier)
        self.rapport.warnings.extend(classeur.avertissements)
        self.plan = Plan()
        self._cellules_en_erreur = set()

    # -- reporting ------------------------------------------------------------------------

    def _anomalie(self, ligne, cle_colonne, message):
        feuille = self.classeur.feuilles[ligne.feuille]
        colonne = FEUILLES[ligne.feuille].colonne(cle_colonne)
        indice = feuille.colonnes.get(cle_colonne)
        cellules = ligne.cellules
        brute = cellules[indice] if indice is not None and indice < len(cellules) else None
        return Anomalie(
            ligne.feuille,
            ligne.numero,
            colonne.entete,
            v.en_texte(brute),
            message,
            titre_feuille=feuille.titre,
            indice_colonne=indice,
        )

    def erreur(self, ligne, cle_colonne, message):
        ligne.en_erreur = True
        # One message per cell: the first problem found is the one to fix.
        cellule = (ligne.feuille, ligne.numero, cle_colonne)
        if cellule in self._cellules_en_erreur:
            return
        self._cellules_en_erreur.add(cellule)
        self.rapport.errors.append(self._anomalie(ligne, cle_colonne, message))

    def avertissement(self, ligne, cle_colonne, message):
        self.rapport.warnings.append(self._anomalie(ligne, cle_colonne, message))

    def _erreurs_modele(self, ligne, instance):
        """Run the model's clean() (the business rules' one place) and its fields' bounds (what
        the web forms check besides clean(), backoffice/bornes.py), and report their errors on
        the matching columns."""
        try:
            instance.clean()
            erreurs = {}
        except ValidationError as exc:
            erreurs = exc.message_dict
        for champ, bornes in _bornes(type(instance)):
            valeur = getattr(instance, champ)
            if valeur is None or bornes.minimum <= valeur <= bornes.maximum:
                continue
            message = bornes.trop_petit if valeur < bornes.minimum else bornes.trop_grand
            erreurs.setdefault(champ, []).append(message)
        if not erreurs:
            return
        presentes = self.classeur.feuilles[ligne.feuille].colonnes
        correspondances = COLONNE_DU_CHAMP[ligne.feuille]
        schema = FEUILLES[ligne.feuille]
        for champ, messages in erreurs.items():
            cle_colonne = correspondances.get(champ, champ)
            if not any(c.cle == cle_colonne for c in schema.colonnes):
                cle_colonne = schema.colonnes[0].cle
            # A column the sheet does not carry keeps an existing object's stored value:
            # not this file's business. A new object must be valid whatever is missing.
            if cle_colonne in presentes or instance.pk is None:
                self.erreur(ligne, cle_colonne, " ".join(messages))

    # -- run ------------------------------------------------------------------------------

    def executer(self):
        self.perimetre = perimetre_import(self.user)
        if self.perimetre.vide:
            self.rapport.errors.append(
                Anomalie(
                    None,
                    None,
                    None,
                    "",
                    "Votre compte ne permet pas d'importer un fichier Temps 1.",
                )
            )
            return self.rapport
        self.ref = Referentiel()
        self._preparer_parseurs()
        entites = self._lire_lignes(ENTITES)
        dispositifs = self._lire_lignes(DISPOSITIFS)
        financements = self._lire_lignes(FINANCEMENTS)

        self._charger_existants(entites, dispositifs, financements)
        self._entites(entites, dispositifs)
        self._dispositifs(dispositifs)
        self._financements(financements)

        for nom, lignes in (
            (ENTITES, entites),
            (DISPOSITIFS, dispositifs),
            (FINANCEMENTS, financements),
        ):
            for ligne in lignes:
                if ligne.statut and not ligne.en_erreur:
                    self.rapport.sheets[nom][ligne.statut] += 1
        ordre = {ENTITES: 0, DISPOSITIFS: 1, FINANCEMENTS: 2, None: -1}
        self.rapport.errors.sort(
            key=lambda e: (ordre.get(e.sheet, 3), e.row or 0, e.indice_colonne or 0)
        )
        if self.rapport.ok:
            self.rapport.plan = self.plan
        return self.rapport
