"""Admin screens of the requests: work queues per role, the inspect page with its
timeline, attachments, before/after diff and possible duplicates, the transition buttons, bulk
actions from the queues, and the modification/closure requests filed from a dispositif page.

Every state change goes through workflows.services.executer_transition (role AND perimeter,
atomic, logged, safe against concurrent actions); every view fetches its rows through the
permission policy's scoped querysets, so anything out of perimeter is answered as not found.

Modules: `liste` (queues), `fiche` (a request's page, its attachments), `transitions` (buttons
and bulk actions), `changements` (requests filed from a dispositif's page), `affichage`
(requested values shown with the registry's labels), `viewset` (URLs).
"""
