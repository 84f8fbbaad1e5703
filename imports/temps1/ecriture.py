"""Writing Temps 1 workbooks with openpyxl: the blank template, and the writer the export of
current data (export.py) uses for the same format.

Layout: the three data tabs (bold coloured header row, frozen, a note on every header, code
columns formatted as text, a drop-down on every list column), the « Annexes et guide » tab
(every column with its accepted values and an example, then every list) and a hidden « Listes »
tab holding the drop-downs' values behind named ranges. Written in write-only mode: an export of
the whole country stays fast and light.
"""

import datetime
import functools
from types import SimpleNamespace

from backoffice.exports import FORMAT_DATE, FORMAT_DECIMAL, FORMAT_TEXTE, cellule

from .listes import TITRES_LISTES
from .referentiel import Referentiel, libelle_programme
from .schema import (
    FEUILLE_DISPOSITIFS,
    FEUILLE_ENTITES,
    FEUILLE_FINANCEMENTS,
    GUIDE,
    LISTES,
)

BLEU = "000091"  # DSFR "bleu France"
BLEU_CLAIR = "E3E3FD"
GRIS = "F6F6F6"
FORMAT_MONTANT = FORMAT_DECIMAL
LIGNES_MODELE = 1000  # rows of the blank template that carry drop-downs
AUTEUR = "Parc d'hébergement"


@functools.cache
def _styles():
    # import différé : openpyxl n'est chargé qu'au premier classeur écrit, pas au démarrage
    # (les vues des imports chargent ce module avec le paquet temps1).
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

    return SimpleNamespace(
        police_entete=Font(bold=True, color="FFFFFF"),
        fond_entete=PatternFill("solid", fgColor=BLEU),
        fond_obligatoire=PatternFill("solid", fgColor="6A6AF4"),
        bordure=Border(bottom=Side(style="thin", color="929292")),
        alignement_entete=Alignment(wrap_text=True, vertical="center"),
        renvoi=Alignment(wrap_text=True, vertical="top"),
    )


def _nom_plage(liste):
    return f"liste_{liste}"


class Redacteur:
    def __init__(self, referentiel=None):
        from openpyxl import Workbook  # import différé : voir _styles

        self.ref = referentiel or Referentiel()
        self.classeur = Workbook(write_only=True)
        self.styles = _styles()

    # -- data tabs --------------------------------------------------------------------------

    def feuille(self, schema, lignes):
        """A data tab; `lignes` yields {column key: value} dicts."""
        # import différé : voir _styles
        from openpyxl.utils import get_column_letter
        from openpyxl.worksheet.datavalidation import DataValidation  # import différé : idem

        ws = self.classeur.create_sheet(schema.nom)
        colonnes = schema.colonnes
        derniere = get_column_letter(len(colonnes))
        ws.freeze_panes = "A2"
        for indice, colonne in enumerate(colonnes, start=1):
            dimension = ws.column_dimensions[get_column_letter(indice)]
            dimension.width = colonne.largeur
            if colonne.format_texte:
                dimension.number_format = FORMAT_TEXTE
            elif colonne.genre == "date":
                dimension.number_format = FORMAT_DATE
            elif colonne.genre == "montant":
                dimension.number_format = FORMAT_MONTANT
        ws.append([self._entete(ws, c) for c in colonnes])
        ws.row_dimensions[1].height = 32

        nombre = 0
        for valeurs in lignes:
            nombre += 1
            ws.append([self._cellule(ws, c, valeurs.get(c.cle)) for c in colonnes])

        fin = max(LIGNES_MODELE, nombre + 500) + 1
        for indice, colonne in enumerate(colonnes, start=1):
            if not colonne.liste:
                continue
            lettre = get_column_letter(indice)
            validation = DataValidation(
                type="list",
                formula1=_nom_plage(colonne.liste),
                allow_blank=True,
                showErrorMessage=True,
                errorStyle="warning",
                errorTitle="Valeur hors liste",
                error=f"Choisissez une valeur de la liste « {TITRES_LISTES[colonne.liste]} » "
                "(onglet Annexes et guide).",
            )
            validation.add(f"{lettre}2:{lettre}{fin}")
            ws.data_validations.append(validation)
        ws.auto_filter.ref = f"A1:{derniere}{max(nombre + 1, 1)}"
        return nombre

    def _entete(self, ws, colonne):
        from openpyxl.comments import Comment  # import différé : voir _styles

        styles = self.styles
        entete = cellule(
            ws,
            colonne.entete_modele,
            police=styles.police_entete,
            alignement=styles.alignement_entete,
        )
        obligatoire = colonne.entete_modele.endswith("*")
        entete.fill = styles.fond_obligatoire if obligatoire else styles.fond_entete
        entete.border = styles.bordure
        note = self._note(colonne)
        entete.comment = Comment(note, AUTEUR, width=320, height=40 + 16 * (note.count("\n") + 2))
        return entete

    def _note(self, colonne):
        lignes = []
        if colonne.obligatoire:
            lignes.append("Obligatoire.")
        elif colonne.marque_obligatoire:
            lignes.append("Obligatoire pour un nouveau dispositif.")
        if colonne.aide:
            lignes.append(colonne.aide)
        if colonne.liste:
            valeurs = self.ref.valeurs_liste(colonne.liste)
            if len(valeurs) <= 12:
                lignes.append("Valeurs : " + ", ".join(valeurs) + ".")
            else:
                lignes.append(
                    "Choisissez dans la liste (toutes les valeurs : onglet Annexes et guide)."
                )
        if colonne.exemple:
            lignes.append(f"Exemple : {colonne.exemple}")
        return "\n".join(lignes) or colonne.entete

    def _cellule(self, ws, colonne, valeur):
        # Through the shared writer: a user's text is never a formula (an entité named
        # "=HYPERLINK(…)" stays text), numbers and dates keep their type.
        if valeur is None or valeur == "":
            return None
        if isinstance(valeur, datetime.date):
            return cellule(ws, valeur, format_=FORMAT_DATE)
        if colonne.genre == "montant":
            return cellule(ws, valeur, format_=FORMAT_MONTANT)
        if colonne.format_texte:
            return cellule(ws, str(valeur), format_=FORMAT_TEXTE)
        return cellule(ws, valeur, format_="General")

    # -- guide and lists ---------------------------------------------------------------------

    def guide(self):
        from openpyxl.styles import Font  # import différé : voir _styles

        ws = self.classeur.create_sheet(GUIDE)
        for lettre, largeur in zip("ABCDEF", (22, 30, 13, 60, 26, 4), strict=True):
            ws.column_dimensions[lettre].width = largeur

        rang = [0]  # write-only sheets do not tell the current row

        def ajouter(cellules):
            rang[0] += 1
            ws.append(cellules)

        def titre(texte, taille=14):
            ajouter([cellule(ws, texte, police=Font(bold=True, size=taille, color=BLEU))])

        def paragraphe(texte):
            # Over the five columns of the tables, tall enough for the wrapped lines.
            ws.row_dimensions[rang[0] + 1].height = 15 * (len(texte) // 140 + 1)
            ajouter([cellule(ws, texte, alignement=self.styles.renvoi)])
            ws.merged_cells.add(f"A{rang[0]}:E{rang[0]}")

        def ligne_entete(valeurs):
            cellules = []
            for valeur in valeurs:
                entete = cellule(ws, valeur, police=self.styles.police_entete)
                entete.fill = self.styles.fond_entete
                cellules.append(entete)
            ajouter(cellules)

        def ligne_texte(*valeurs):
            # Reference labels (types, programmes…) are editable: text cells, never formulas.
            ajouter([cellule(ws, valeur, alignement=self.styles.renvoi) for valeur in valeurs])

        titre("Classeur Temps 1 — guide de remplissage", 16)
        for texte in (
            "Ce classeur décrit l'offre d'un territoire : les entités gestionnaires (onglet "
            "Entités), leurs dispositifs (onglet Dispositifs, chacun rattaché à une entité) et "
            "les financements de chaque dispositif (onglet Financements).",
            "Les colonnes marquées * sont obligatoires. Les en-têtes sont reconnus par leur nom "
            "(majuscules, accents et espaces indifférents) : l'ordre des colonnes est libre, une "
            "colonne inconnue est ignorée avec un avertissement.",
            "Le dépôt vérifie tout le classeur avant d'écrire quoi que ce soit et liste toutes "
            "les erreurs à la fois (onglet, ligne, colonne). Rien n'est enregistré tant qu'il "
            "reste une erreur ; réimporter le même fichier ne change rien.",
            "Pour corriger des données existantes, partez d'un export : il porte les codes "
            "dispositif ; modifiez les cellules voulues et déposez-le.",
            "Valeurs saisies : dates en cellule date ou 31/12/2025, 31/12/25, 2025-12-31 ; "
            "nombres en cellule nombre ou texte (« 12 345,50 ») ; listes sans tenir compte des "
            "majuscules ni des accents. Une cellule vide efface la valeur enregistrée ; une "
            "colonne absente la laisse telle quelle. Un import ne supprime jamais rien.",
        ):
            paragraphe(texte)
        ajouter([])

        for schema in (FEUILLE_ENTITES, FEUILLE_DISPOSITIFS, FEUILLE_FINANCEMENTS):
            titre(f"Onglet « {schema.nom} »")
            paragraphe(schema.description)
            ligne_entete(["Colonne", "Valeurs acceptées", "Obligatoire", "Explication", "Exemple"])
            for colonne in schema.colonnes:
                if colonne.obligatoire:
                    obligatoire = "oui"
                elif colonne.marque_obligatoire:
                    obligatoire = "si pas de code"
                else:
                    obligatoire = "non"
                ligne_texte(
                    colonne.entete,
                    self._valeurs_acceptees(colonne),
                    obligatoire,
                    colonne.aide,
                    colonne.exemple,
                )
            ajouter([])

        titre("Natures et types de dispositif")
        ligne_entete(["Nature", "Type", "Régime", "Places autorisées obligatoires", "Code"])
        for type_ in self.ref.types:
            ligne_texte(
                type_.nature.libelle,
                type_.libelle,
                type_.get_regime_display(),
                "oui" if type_.places_autorisees_requises else "",
                type_.code,
            )
        ajouter([])
        titre("Départements")
        ligne_entete(["Code", "Nom"])
        for code, departement in self.ref.departements.items():
            ligne_texte(code, departement.nom)
        ajouter([])
        for liste in (
            "statuts",
            "publics",
            "modes_hebergement",
            "programmes",
            "services",
            "modes_financement",
            "orientations",
        ):
            titre(TITRES_LISTES[liste])
            if liste == "programmes":
                for programme in self.ref.programmes:
                    ligne_texte(libelle_programme(programme), programme.libelle)
            else:
                for valeur in self.ref.valeurs_liste(liste):
                    ligne_texte(valeur)
            ajouter([])

    def _valeurs_acceptees(self, colonne):
        if colonne.liste == "departements":
            return "Code officiel du département (liste)"
        if colonne.liste:
            valeurs = self.ref.valeurs_liste(colonne.liste)
            if len(valeurs) > 12:
                return f"Une valeur de la liste « {TITRES_LISTES[colonne.liste]} » (plus bas)"
            return ", ".join(valeurs)
        return {
            "siren": "9 chiffres",
            "siret": "14 chiffres",
            "finess": "9 caractères",
            "code_postal": "5 chiffres",
            "telephone": "Numéro de téléphone",
            "courriel": "Adresse électronique",
            "entier": "Nombre entier ≥ 0",
            "montant": "Nombre ≥ 0",
            "annee": "Année (2000 à 2100)",
            "date": "Date",
            "action": "Texte (ex. 02)",
            "info": "Information, ignorée à l'import",
        }.get(colonne.genre, "Texte")

    def listes(self):
        # import différé : voir _styles
        from openpyxl.utils import get_column_letter, quote_sheetname
        from openpyxl.workbook.defined_name import DefinedName  # import différé : idem

        ws = self.classeur.create_sheet(LISTES)
        ws.sheet_state = "hidden"
        noms = list(TITRES_LISTES)
        colonnes = [self.ref.valeurs_liste(nom) for nom in noms]
        ws.append([cellule(ws, TITRES_LISTES[nom]) for nom in noms])
        for rang in range(max(len(c) for c in colonnes)):
            ws.append([cellule(ws, c[rang]) if rang < len(c) else None for c in colonnes])
        for indice, (nom, valeurs) in enumerate(zip(noms, colonnes, strict=True), start=1):
            lettre = get_column_letter(indice)
            plage = f"{quote_sheetname(LISTES)}!${lettre}$2:${lettre}${len(valeurs) + 1}"
            self.classeur.defined_names[_nom_plage(nom)] = DefinedName(
                _nom_plage(nom), attr_text=plage
            )

    def enregistrer(self, destination):
        self.classeur.save(destination)


def generer_modele(destination):
    """Write the blank Temps 1 workbook to `destination` (a path or a binary file)."""
    redacteur = Redacteur()
    for schema in (FEUILLE_ENTITES, FEUILLE_DISPOSITIFS, FEUILLE_FINANCEMENTS):
        redacteur.feuille(schema, [])
    redacteur.guide()
    redacteur.listes()
    redacteur.enregistrer(destination)
