"""Admin screens of the schéma régional d'accueil: schémas (inspect = the tree objectifs →
thématiques → actions), objectifs, thématiques, actions, evaluation campaigns, and per campaign
the evaluation page, the summary per objective (chart, XLSX), the grid export and the grid import.

Perimeters: the viewsets derive from PerimetreModelViewSet (a schéma out of the user's région is
not found); the extra views fetch their object through the same scoped querysets, then ask
`regles` for the right they need (change on evaluationaction to evaluate, add on the tree and
the campaigns to import) on that object."""
