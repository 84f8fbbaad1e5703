"""Evaluation grids of a schéma: reading (`lecture`: an .xlsx workbook, or rows from any
source), matching with the schéma (`plan`: nothing written; also the preview) and applying
(`application`: writes, atomic). Writing a grid back is `exports.grille_xlsx`."""
