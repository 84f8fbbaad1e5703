"""Who may import what: the départements a user may create or update through a workbook."""

from backoffice.acces.perimetres import NATIONAL, perimetre_pour

DROIT_IMPORT = "imports.importtemps1"


def perimetre_import(user):
    """Départements a user may create or update through a workbook (no user: no limit)."""
    if user is None:
        return NATIONAL
    return perimetre_pour(user, DROIT_IMPORT, {"add"})


def libelle_perimetre(perimetre):
    if perimetre.national:
        return "France entière"
    return ", ".join(sorted(perimetre.departements)) or "aucun"
