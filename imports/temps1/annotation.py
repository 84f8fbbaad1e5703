"""The annotated copy of an uploaded workbook: every faulty cell filled in red with its message as
a note, warnings in orange, and an « Erreurs » tab listing everything with links to the cells.

The copy is made with openpyxl in normal mode (the only one that can edit a file); formulas are
kept as formulas. openpyxl drops what it does not know (e.g. drop-downs stored as Excel
extensions) and says so with a warning, silenced here: the copy is for reading the errors, the
original stays stored untouched.
"""

import warnings

from backoffice.exports import FORMAT_ENTIER_SIMPLE, remplir_cellule

from .lecture import LIGNES_ENTETE
from .schema import ERREURS, FEUILLES
from .valeurs import cle

COULEUR_ERREUR = "FFB3B3"
COULEUR_AVERTISSEMENT = "FFE0A3"
AUTEUR = "Contrôle Temps 1"


def _trouver_feuille(classeur, anomalie):
    if anomalie.titre_feuille and anomalie.titre_feuille in classeur.sheetnames:
        return classeur[anomalie.titre_feuille]
    if not anomalie.sheet:
        return None
    schema = FEUILLES.get(anomalie.sheet)
    noms = {cle(anomalie.sheet), *(cle(a) for a in (schema.alias if schema else ()))}
    for titre in classeur.sheetnames:
        if cle(titre) in noms:
            return classeur[titre]
    return None


def _indice_colonne(ws, anomalie, cache):
    """0-based column of an anomaly: known from the analysis, else found by its header (a report
    read back from JSON)."""
    if anomalie.indice_colonne is not None:
        return anomalie.indice_colonne
    if not anomalie.column:
        return None
    if ws.title not in cache:
        entetes = {}
        schema = FEUILLES.get(anomalie.sheet)
        for ligne in ws.iter_rows(min_row=1, max_row=LIGNES_ENTETE, values_only=True):
            trouvees = {}
            for indice, valeur in enumerate(ligne):
                if isinstance(valeur, str):
                    colonne = schema.par_entete(valeur) if schema else None
                    trouvees[colonne.entete if colonne else valeur.strip()] = indice
            if len(trouvees) > len(entetes):
                entetes = trouvees
        cache[ws.title] = entetes
    return cache[ws.title].get(anomalie.column)


def _noter(cellule, message, fond):
    from openpyxl.comments import Comment  # import différé : voir annoter

    cellule.fill = fond
    texte = message
    if cellule.comment is not None and cellule.comment.author == AUTEUR:
        texte = f"{cellule.comment.text}\n{message}"
    note = Comment(texte, AUTEUR)
    note.width, note.height = 300, 80 + 15 * texte.count("\n")
    cellule.comment = note


def _ajouter_ligne(feuille, valeurs):
    """A row of the « Erreurs » tab through the shared writer: a faulty value quoted there (a
    SIREN typed "=HYPERLINK(…)") is text, never a live formula."""
    rang = feuille.max_row + 1 if feuille.max_row > 1 or feuille["A1"].value is not None else 1
    for colonne, valeur in enumerate(valeurs, start=1):
        # Row numbers and values as typed: no thousands separator.
        format_ = FORMAT_ENTIER_SIMPLE if isinstance(valeur, int) else None
        remplir_cellule(feuille.cell(row=rang, column=colonne), valeur, format_)


def annoter(source, rapport, destination):
    """Write to `destination` a copy of the workbook `source` with the report's errors and
    warnings on their cells. Returns the number of annotated cells."""
    # import différé : openpyxl n'est chargé qu'au premier classeur annoté, pas au démarrage
    # (les vues des imports chargent ce module avec le paquet temps1).
    from openpyxl import load_workbook
    from openpyxl.styles import Font, PatternFill  # import différé : idem
    from openpyxl.utils import quote_sheetname  # import différé : idem
    from openpyxl.worksheet.hyperlink import Hyperlink  # import différé : idem

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        classeur = load_workbook(source)
    if ERREURS in classeur.sheetnames:  # a corrected annotated copy sent back
        del classeur[ERREURS]
    cache, annotees = {}, 0
    lignes_resume = []
    for anomalies, fond, nature in (
        (rapport.warnings, PatternFill("solid", fgColor=COULEUR_AVERTISSEMENT), "Avertissement"),
        (rapport.errors, PatternFill("solid", fgColor=COULEUR_ERREUR), "Erreur"),
    ):
        for anomalie in anomalies:
            ws = _trouver_feuille(classeur, anomalie)
            lien = None
            if ws is not None and anomalie.row:
                indice = _indice_colonne(ws, anomalie, cache)
                cellule = ws.cell(row=anomalie.row, column=(indice or 0) + 1)
                message = anomalie.message
                if indice is None and anomalie.column:
                    message = f"{anomalie.column} : {message}"
                _noter(cellule, message, fond)
                annotees += 1
                lien = f"{quote_sheetname(ws.title)}!{cellule.coordinate}"
            lignes_resume.append((nature, anomalie, lien))

    resume = classeur.create_sheet(ERREURS, 0)
    _ajouter_ligne(resume, ["Nature", "Onglet", "Ligne", "Colonne", "Valeur", "Message"])
    for cellule in resume[1]:
        cellule.font = Font(bold=True)
    # Errors first, then warnings, in reading order.
    lignes_resume.sort(key=lambda x: (x[0] != "Erreur",))
    for nature, anomalie, lien in lignes_resume:
        _ajouter_ligne(
            resume,
            [
                nature,
                anomalie.sheet,
                anomalie.row,
                anomalie.column,
                anomalie.value,
                anomalie.message,
            ],
        )
        if lien:
            cellule = resume.cell(row=resume.max_row, column=3)
            cellule.hyperlink = Hyperlink(ref=cellule.coordinate, location=lien)
            cellule.font = Font(color="000091", underline="single")
    for lettre, largeur in zip("ABCDEF", (14, 14, 8, 24, 24, 90), strict=True):
        resume.column_dimensions[lettre].width = largeur
    resume.freeze_panes = "A2"
    for ws in classeur.worksheets:  # only the summary tab selected, or Excel groups the tabs
        ws.sheet_view.tabSelected = False
    classeur.active = 0
    resume.sheet_view.tabSelected = True
    classeur.save(destination)
    return annotees
