"""Exports run in the background: a list export above `EXPORTS_SEUIL_DIFFERE` rows (and the
dashboard's workbook, a schéma's grid, the Temps 1 workbook of a large perimeter) becomes a job
(`ExportDiffere`) written by a task of the worker, followed on a progress page and downloaded
from « Mes exports » by the user who asked, and by nobody else.

Shared ground: this app imports no domain app. A listing that can be exported in the background
enters the registry (`registre.py`) under its index URL name, with a function that rebuilds its
table for a user and a query string; the task re-runs that function, so the file holds the rows
the user's perimeter and the list's filters give at the time it is written. The other long
exports enter it the same way from their own app (a `Fichier` they write themselves).
"""
