"""Forms of the public request page (DSFR rendering, French messages).

One request is several forms: the requester, the entité (an existing one found by SIREN, or a new
one), the dispositif, formsets of groupes de places and financements, and the attachments.

**One way to check.** Each section's values are turned into the JSON stored on the request, then
back into an unsaved model instance with ``materialisation.affecter_valeurs`` — exactly what
validation will do — and ``full_clean()`` runs on it, excluding only what validation supplies later
(the entité and the code of the dispositif, the dispositif of a groupe or a financement). Model
errors are put back on the matching form fields. A request that passes this form therefore cannot
fail at validation for the same reasons.
"""
