"""Accent-insensitive search, the same on SQLite and PostgreSQL.

One normalising function (`texte.normaliser`) turns both what is stored and what is typed into
lowercase words without accents or punctuation. Each searchable model derives from
`modeles.Recherchable`: a `recherche` column holds the normalised text of its own searchable
fields, kept up to date by `save()` and by its queryset's `bulk_create` / `bulk_update` /
`update`, so that no write path can forget it. A search (`filtres.rechercher`) asks every typed
word to be contained in one of the columns it names, the model's own or a related model's
(`entite__recherche`): a plain `LIKE '%mot%'`, which PostgreSQL answers from a trigram index
(`operations.IndexTrigramme`).

Shared ground: imports no domain app.
"""
