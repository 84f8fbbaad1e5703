"""Cells → model values (`valeurs.py`), per sheet, with a cache per distinct raw value for the
values that repeat; the hot loop of a national file."""

from backoffice.offre.models import ContactReferent, Dispositif, EntiteGestionnaire, Financement

from .. import valeurs as v
from ..schema import DISPOSITIFS, ENTITES, FEUILLES, FINANCEMENTS
from .plan import Ligne

# Genres whose empty cell means "no value" (None) rather than an empty text.
GENRES_NULS = {"entier", "montant", "annee", "date", "departement"}
LISTES_OBJETS = {"natures", "types", "programmes"}
# Values that repeat from row to row (lists, SIREN of the Dispositifs sheet, phones, years):
# parsed once per distinct value.
GENRES_REPETES = {"liste", "departement", "siren", "annee", "action", "telephone", "date"}


# Identifier columns only normalised by the parsers: the model's clean() checks them with the
# same validators (checking twice would double the costliest checks of a national file).
VERIFIES_PAR_LE_MODELE = {
    ENTITES: {"code_postal", "telephone"},
    DISPOSITIFS: {"siret", "finess", "code_postal", "telephone"},
}


def memoriser(parseur):
    """Cache a parser's result (or its error) per distinct raw value, for one analysis."""
    cache = {}

    def parser(brut):
        cle_cache = (type(brut), brut)
        try:
            ok, resultat = cache[cle_cache]
        except KeyError:
            try:
                ok, resultat = True, parseur(brut)
            except v.ValeurInvalide as exc:
                ok, resultat = False, exc
            cache[cle_cache] = ok, resultat
        if ok:
            return resultat
        raise resultat

    return parser


class LectureCellules:
    """Part of the analysis (analyseur.Analyse): parsing every cell of every sheet."""

    def _preparer_parseurs(self):
        modeles = {ENTITES: EntiteGestionnaire, DISPOSITIFS: Dispositif, FINANCEMENTS: Financement}
        self._parseurs = {}
        for nom, feuille in self.classeur.feuilles.items():
            schema = FEUILLES[nom]
            parseurs = []
            for cle_colonne, indice in feuille.colonnes.items():
                colonne = schema.colonne(cle_colonne)
                if colonne.informative:
                    continue
                modele = ContactReferent if cle_colonne.startswith("contact_") else modeles[nom]
                champ = cle_colonne.removeprefix("contact_")
                parseur = self._parseur(
                    colonne, modele, champ, cle_colonne not in VERIFIES_PAR_LE_MODELE.get(nom, ())
                )
                if colonne.genre in GENRES_REPETES:
                    parseur = memoriser(parseur)
                vide = (
                    None if colonne.genre in GENRES_NULS or colonne.liste in LISTES_OBJETS else ""
                )
                parseurs.append((colonne.cle, indice, colonne.obligatoire, vide, parseur))
            self._parseurs[nom] = parseurs

    def _parseur(self, colonne, modele, champ, valider=True):
        try:
            longueur = modele._meta.get_field(champ).max_length
        except Exception:
            longueur = None
        genre = colonne.genre
        if genre == "texte":
            return lambda brut: v.texte(brut, longueur)
        if genre == "telephone":
            return lambda brut: v.telephone(brut, longueur or 20, valider=valider)
        if genre in {"siret", "finess", "code_postal"}:
            fonction = getattr(v, genre)
            return lambda brut: fonction(brut, valider=valider)
        if genre == "courriel":
            return lambda brut: v.courriel(brut, longueur or 254)
        if genre == "action":
            return lambda brut: v.action(brut, longueur or 10)
        if genre == "liste":
            return lambda brut: self._valeur_liste(colonne.liste, brut)
        if genre == "departement":
            return self._departement
        return {
            "siren": v.siren,
            "entier": v.entier,
            "montant": v.montant,
            "annee": v.annee,
            "date": v.date,
        }[genre]

    def _departement(self, brut):
        code = v.code_departement(brut)
        if code not in self.ref.departements:
            raise v.ValeurInvalide(
                "Département inconnu : indiquez le code officiel (01…95, 2A, 2B, 971…976)."
            )
        return code

    def _valeur_liste(self, liste, brut):
        cle = v.cle(v.en_texte(brut))
        if liste == "natures":
            trouve = self.ref.natures_par_cle.get(cle)
        elif liste == "types":
            trouve = self.ref.types_par_cle.get(cle)
        elif liste == "programmes":
            trouve = self.ref.programmes_par_cle.get(cle)
        else:
            trouve = self.ref.statiques[liste].get(cle)
        if trouve is None:
            valeurs = self.ref.valeurs_liste(liste)
            apercu = ", ".join(valeurs[:12]) + (" …" if len(valeurs) > 12 else "")
            raise v.ValeurInvalide(f"Valeur hors liste. Valeurs acceptées : {apercu}.")
        return trouve

    def _lire_lignes(self, nom):
        # The hot loop of a national file (600,000 cells): kept plain on purpose.
        feuille = self.classeur.feuilles[nom]
        parseurs = self._parseurs[nom]
        lignes = []
        for lue in feuille.lignes:
            ligne = Ligne(nom, lue.numero, lue.cellules)
            cellules = lue.cellules
            taille = len(cellules)
            valeurs = ligne.valeurs
            for cle_colonne, indice, obligatoire, vide, parseur in parseurs:
                brut = cellules[indice] if indice < taille else ""
                if brut == "" or brut is None or (type(brut) is str and not brut.strip()):
                    if obligatoire:
                        self.erreur(ligne, cle_colonne, "Valeur obligatoire manquante.")
                    else:
                        valeurs[cle_colonne] = vide
                    continue
                try:
                    valeurs[cle_colonne] = parseur(brut)
                except v.ValeurInvalide as exc:
                    self.erreur(ligne, cle_colonne, exc.message)
            lignes.append(ligne)
        return lignes
