"""Checking a Temps 1 workbook: every sheet, every cell, cross-sheet references and the importer's
perimeter, before anything is written; the result is a `Rapport` holding every error at once, the
warnings, the counts per sheet and the plan `appliquer` runs.

Shape: per-sheet row parsers (cell → model value, `valeurs.py`) → rows resolved against the
workbook and the database (keys, references, perimeter) → model instances checked with the
models' own `clean()` (one place for business rules) → a plan of creations and updates.

Queries: the reference lists, then one query per kind of existing object (entités by SIREN,
dispositifs by code and by référence locale, financements by dispositif, contacts), whatever the
number of rows; model validation never queries (no `full_clean()`, whose unique checks query per
row: uniqueness is checked here against the cached instances).

Modules: `analyseur` runs the whole and reports, `cellules` parses the cells, `existants` loads
the existing objects, `entites`, `dispositifs` and `financements` resolve each sheet's rows,
`plan` holds the rows and the plan, `perimetre` says what a user may import. The sheet steps are
mixins of one analysis object: no per-row call layer is added to the hot loops.
"""
