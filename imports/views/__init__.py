"""Admin screens of the Temps 1 import (docs/temps1.md, « Interface web »): the history of
imports, the upload, the import's page (progress, preview, every error, confirmation), the
downloads (original, report, annotated copy, blank template) and the export.

Modules: `historique` (the list), `suivi` (upload, the import's page, confirmation),
`fichiers` (downloads, export), `viewset` (the whole). The work is done elsewhere:
`imports.regles` (who may do what), `imports.services` (file → analysis → application),
`imports.tasks` (in the background), `imports.apercu` (what the preview shows). Every import is
fetched through the perimeter of ImportTemps1 (acces.perimetres): another département's import is
not found, whatever the URL; files are only ever served through these views.
"""
