"""The one spreadsheet writer: every CSV and XLSX file the application produces goes through it.

Why one writer: a value typed by a user (an entité named `=HYPERLINK(...)`, a comment starting
with `+` or `@`) must never become a live formula in the file a colleague opens, and French
Excel must open the file as it is (separator, accents, numbers, dates).

- CSV: `;` separator, UTF-8 with a byte-order mark (French Excel reads accents only with it),
  numbers with a decimal comma and no thousands separator (so Excel reads them as numbers),
  dates as `31/12/2025`, booleans as « Oui » / « Non ». A text starting with `= + - @` (or their
  full-width forms), a tab or a carriage return is prefixed with `'` (OWASP "CSV injection"):
  Excel shows it as text.
- XLSX (write-only, so large lists stay light): every text cell is typed as a string, never a
  formula (openpyxl turns any string starting with "=" into a formula unless told otherwise);
  numbers stay numeric cells with a French-friendly format (thousands separator, two decimals
  for amounts), dates are date cells, datetimes are shown in Europe/Paris.

This module imports no domain app: every app, and the admin listings' export
(`acces.viewsets.PerimetreIndexView`), calls it.
"""

import csv
import datetime
import io
from decimal import Decimal

from django.core.exceptions import FieldDoesNotExist
from django.http import HttpResponse, StreamingHttpResponse
from django.utils import timezone

SEPARATEUR_CSV = ";"
BOM = "\ufeff"
# The full-width forms too: some spreadsheets fold them into the ASCII ones when they read a cell.
DEBUTS_DANGEREUX = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")

FORMAT_ENTIER = "#,##0"
FORMAT_ENTIER_SIMPLE = "0"  # years, numbers of an order: no thousands separator
FORMAT_DECIMAL = "#,##0.00"
FORMAT_DATE = "DD/MM/YYYY"
FORMAT_DATE_HEURE = "DD/MM/YYYY HH:MM"
FORMAT_POURCENTAGE = "0.0%"
FORMAT_TEXTE = "@"

TYPE_XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
TYPE_CSV = "text/csv; charset=utf-8"

# Characters Excel forbids in a sheet name, and its length limit.
_INTERDITS_FEUILLE = str.maketrans(dict.fromkeys("[]:*?/\\", " "))
LONGUEUR_NOM_FEUILLE = 31


def nom_de_feuille(titre):
    """A valid sheet name from a list's title (Excel: 31 characters, none of []:*?/\\)."""
    nom = " ".join(str(titre).translate(_INTERDITS_FEUILLE).split()).strip("'")
    return (nom or "Export")[:LONGUEUR_NOM_FEUILLE]


def _heure_locale(valeur):
    if timezone.is_aware(valeur):
        valeur = timezone.localtime(valeur)
    return valeur.replace(tzinfo=None, microsecond=0)


def _normaliser(valeur):
    """Values every format shares: booleans in French, lists joined, objects as their text."""
    if isinstance(valeur, bool):
        return "Oui" if valeur else "Non"
    if isinstance(valeur, (list, tuple, set, frozenset)):
        return ", ".join(str(v) for v in valeur)
    return valeur


# ---------------------------------------------------------------------------------------------
# CSV
# ---------------------------------------------------------------------------------------------


def texte_neutralise(texte):
    """A text that a spreadsheet will not run: `'` before a leading = + - @ tab or CR."""
    return "'" + texte if texte.startswith(DEBUTS_DANGEREUX) else texte


def _nombre_csv(valeur, decimales):
    return f"{valeur:.{decimales}f}".replace(".", ",")


def valeur_csv(valeur):
    """One CSV field: French number and date formats, text neutralised."""
    valeur = _normaliser(valeur)
    if valeur is None:
        return ""
    if isinstance(valeur, int):
        return str(valeur)
    if isinstance(valeur, (Decimal, float)):
        # Two decimals (amounts, costs, scores), more only if the value holds more.
        exposant = valeur.as_tuple().exponent if isinstance(valeur, Decimal) else -2
        return _nombre_csv(valeur, max(2, -exposant))
    if isinstance(valeur, datetime.datetime):
        return _heure_locale(valeur).strftime("%d/%m/%Y %H:%M")
    if isinstance(valeur, datetime.date):
        return valeur.strftime("%d/%m/%Y")
    return texte_neutralise(str(valeur))


class _Echo:
    def write(self, valeur):
        return valeur


def lignes_csv(entetes, lignes):
    """The CSV file as text chunks: the BOM and the header, then one chunk per row."""
    redacteur = csv.writer(_Echo(), delimiter=SEPARATEUR_CSV, lineterminator="\r\n")
    yield BOM + redacteur.writerow([valeur_csv(e) for e in entetes])
    for ligne in lignes:
        yield redacteur.writerow([valeur_csv(v) for v in ligne])


def csv_octets(entetes, lignes):
    return "".join(lignes_csv(entetes, lignes)).encode("utf-8")


def _disposition(nom_fichier):
    return f'attachment; filename="{nom_fichier}"'


def reponse_csv(entetes, lignes, nom_fichier):
    """A streamed CSV download (rows are read while the body is sent)."""
    reponse = StreamingHttpResponse(
        (morceau.encode("utf-8") for morceau in lignes_csv(entetes, lignes)),
        content_type=TYPE_CSV,
    )
    reponse["Content-Disposition"] = _disposition(nom_fichier)
    return reponse


# ---------------------------------------------------------------------------------------------
# XLSX
# ---------------------------------------------------------------------------------------------


def _format_nombre(valeur):
    if isinstance(valeur, int):
        return FORMAT_ENTIER
    return FORMAT_DECIMAL


def remplir_cellule(cellule, valeur, format_=None):
    """Put `valeur` in an openpyxl cell (write-only or not) the safe way; returns the cell.

    Text is always a string cell (never a formula, whatever it starts with); numbers and dates
    keep their type with a French-friendly format unless `format_` says otherwise."""
    valeur = _normaliser(valeur)
    if valeur is None or valeur == "":
        cellule.value = None
        return cellule
    if isinstance(valeur, (int, float, Decimal)):
        cellule.value = valeur
        cellule.number_format = format_ or _format_nombre(valeur)
        return cellule
    if isinstance(valeur, datetime.datetime):
        cellule.value = _heure_locale(valeur)
        cellule.number_format = format_ or FORMAT_DATE_HEURE
        return cellule
    if isinstance(valeur, datetime.date):
        cellule.value = valeur
        cellule.number_format = format_ or FORMAT_DATE
        return cellule
    # import différé : openpyxl (≈ 0,25 s) n'est chargé qu'au premier classeur écrit, pas au
    # démarrage de chaque commande ou worker qui importe ce module pour ses exports CSV.
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    texte = ILLEGAL_CHARACTERS_RE.sub("", str(valeur))
    cellule.value = texte
    cellule.data_type = "s"  # openpyxl made "=…" a formula: a string it stays
    if format_:
        cellule.number_format = format_
    return cellule


def cellule(feuille, valeur, *, format_=None, police=None, alignement=None):
    """A write-only cell holding `valeur` safely, with optional style."""
    from openpyxl.cell.cell import WriteOnlyCell  # import différé : openpyxl au premier classeur

    resultat = remplir_cellule(WriteOnlyCell(feuille), valeur, format_)
    if police is not None:
        resultat.font = police
    if alignement is not None:
        resultat.alignment = alignement
    return resultat


class Feuille:
    """A write-only sheet whose rows go through `cellule()`."""

    def __init__(self, feuille):
        self.feuille = feuille

    def ligne(self, valeurs, *, formats=None, police=None, alignement=None):
        from openpyxl.cell.cell import Cell  # import différé : openpyxl au premier classeur

        formats = formats or {}
        self.feuille.append(
            [
                v
                if isinstance(v, Cell)
                else cellule(
                    self.feuille, v, format_=formats.get(i), police=police, alignement=alignement
                )
                for i, v in enumerate(valeurs)
            ]
        )

    def entete(self, titres):
        from openpyxl.styles import Font  # import différé : openpyxl au premier classeur

        self.ligne(titres, police=Font(bold=True))

    def vide(self):
        self.feuille.append([])

    def largeurs(self, largeurs):
        from openpyxl.utils import get_column_letter  # import différé : premier classeur

        for rang, largeur in enumerate(largeurs, start=1):
            self.feuille.column_dimensions[get_column_letter(rang)].width = largeur

    def __getattr__(self, nom):  # freeze_panes, column_dimensions…: the openpyxl sheet's own
        return getattr(self.feuille, nom)


class Classeur:
    """A write-only workbook of `Feuille`s."""

    def __init__(self):
        from openpyxl import Workbook  # import différé : openpyxl au premier classeur

        self.classeur = Workbook(write_only=True)

    def feuille(self, titre):
        return Feuille(self.classeur.create_sheet(nom_de_feuille(titre)))

    def enregistrer(self, destination):
        self.classeur.save(destination)

    def octets(self):
        tampon = io.BytesIO()
        self.classeur.save(tampon)
        return tampon.getvalue()


def xlsx_octets(titre_feuille, entetes, lignes, formats=None):
    """A one-sheet workbook: a bold header row, then the rows (`formats`: {column: format})."""
    classeur = Classeur()
    feuille = classeur.feuille(titre_feuille)
    feuille.entete(entetes)
    for ligne in lignes:
        feuille.ligne(ligne, formats=formats)
    return classeur.octets()


def reponse_xlsx(contenu, nom_fichier):
    reponse = HttpResponse(contenu, content_type=TYPE_XLSX)
    reponse["Content-Disposition"] = _disposition(nom_fichier)
    return reponse


def reponse_tableau(format_, titre_feuille, entetes, lignes, nom_fichier, formats=None):
    """The same table as a CSV (streamed) or XLSX download; `nom_fichier` without extension."""
    if format_ == "csv":
        return reponse_csv(entetes, lignes, f"{nom_fichier}.csv")
    contenu = xlsx_octets(titre_feuille, entetes, lignes, formats)
    return reponse_xlsx(contenu, f"{nom_fichier}.xlsx")


def champ_du_chemin(modele, chemin):
    """The model field a dotted export path ("dispositif.exercice") ends on, or None (a method,
    a property, an annotation)."""
    for rang, nom in enumerate(chemin.split(".")):
        try:
            champ = modele._meta.get_field(nom)
        except FieldDoesNotExist:
            return None
        if rang < chemin.count("."):
            modele = champ.related_model
            if modele is None:
                return None
    return champ
