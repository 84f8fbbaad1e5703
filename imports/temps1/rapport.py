"""What an analysis tells: errors, warnings, counts per sheet, and the plan to apply.

`Rapport.to_json()` is exactly the report of docs/temps1.md (« Le format »):
``{"ok", "applied", "sheets": {sheet: {"created", "updated", "unchanged"}}, "errors", "warnings"}``
with each error and warning as ``{"sheet", "row", "column", "value", "message"}``.
"""

from dataclasses import dataclass, field

from backoffice.grammaire import compter

from .schema import FEUILLES_DONNEES


class FichierIllisible(Exception):
    """The file cannot be read as a Temps 1 workbook; nothing was (or will be) written.

    `message` is French and meant for the person who sent the file; `details` lists every
    structural problem found (missing sheets and columns are reported all at once).
    """

    def __init__(self, message, details=()):
        super().__init__(message)
        self.message = message
        self.details = list(details)

    def __str__(self):
        if self.details:
            return "\n".join([self.message, *(f"- {d}" for d in self.details)])
        return self.message


@dataclass
class Anomalie:
    sheet: str | None
    row: int | None
    column: str | None
    value: str
    message: str
    # Where to annotate the uploaded file (not part of the JSON report).
    titre_feuille: str | None = field(default=None, compare=False)
    indice_colonne: int | None = field(default=None, compare=False)

    def to_json(self):
        return {
            "sheet": self.sheet,
            "row": self.row,
            "column": self.column,
            "value": self.value,
            "message": self.message,
        }

    @classmethod
    def from_json(cls, donnees):
        return cls(
            sheet=donnees.get("sheet"),
            row=donnees.get("row"),
            column=donnees.get("column"),
            value=donnees.get("value") or "",
            message=donnees.get("message") or "",
        )

    def __str__(self):
        ou = []
        if self.sheet:
            ou.append(f"onglet {self.sheet}")
        if self.row:
            ou.append(f"ligne {self.row}")
        if self.column:
            ou.append(f"colonne « {self.column} »")
        valeur = f" (valeur : « {self.value} »)" if self.value else ""
        prefixe = ", ".join(ou)
        return f"{prefixe} : {self.message}{valeur}" if prefixe else f"{self.message}{valeur}"


CREATED, UPDATED, UNCHANGED = "created", "updated", "unchanged"


def compteurs_vides():
    return {nom: {CREATED: 0, UPDATED: 0, UNCHANGED: 0} for nom in FEUILLES_DONNEES}


@dataclass
class Rapport:
    nom_fichier: str = ""
    errors: list = field(default_factory=list)
    warnings: list = field(default_factory=list)
    sheets: dict = field(default_factory=compteurs_vides)
    applied: bool = False
    plan: object = field(default=None, repr=False, compare=False)

    @property
    def ok(self):
        return not self.errors

    @property
    def nombre_lignes(self):
        return sum(sum(c.values()) for c in self.sheets.values())

    def to_json(self):
        return {
            "ok": self.ok,
            "applied": self.applied,
            "sheets": {nom: dict(compteurs) for nom, compteurs in self.sheets.items()},
            "errors": [e.to_json() for e in self.errors],
            "warnings": [w.to_json() for w in self.warnings],
        }

    @classmethod
    def from_json(cls, donnees, nom_fichier=""):
        """A report read back from storage (ImportTemps1.rapport): no plan, cannot be applied."""
        rapport = cls(nom_fichier=nom_fichier, applied=bool(donnees.get("applied")))
        for nom, compteurs in (donnees.get("sheets") or {}).items():
            rapport.sheets[nom] = dict(compteurs)
        rapport.errors = [Anomalie.from_json(e) for e in donnees.get("errors") or []]
        rapport.warnings = [Anomalie.from_json(w) for w in donnees.get("warnings") or []]
        return rapport

    @classmethod
    def illisible(cls, exc, nom_fichier=""):
        """The report of a file that could not be read (exit code 2 of the command)."""
        rapport = cls(nom_fichier=nom_fichier)
        rapport.errors.append(Anomalie(None, None, None, "", exc.message))
        rapport.errors.extend(Anomalie(None, None, None, "", d) for d in exc.details)
        return rapport

    def resume(self):
        """One French line per sheet, for the command line and logs."""
        lignes = []
        for nom, c in self.sheets.items():
            inchangees = compter(c[UNCHANGED], "inchangée", "inchangées")
            if self.applied:
                creees = compter(c[CREATED], "créée", "créées")
                modifiees = compter(c[UPDATED], "modifiée", "modifiées")
                lignes.append(f"{nom} : {creees}, {modifiees}, {inchangees}")
            else:
                lignes.append(
                    f"{nom} : {c[CREATED]} à créer, {c[UPDATED]} à modifier, {inchangees}"
                )
        return lignes
