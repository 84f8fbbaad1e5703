"""The one locked counter: human-readable numbers (convention and call numbers, dispositif codes)
drawn from a counter row locked for the time of the draw, so that two creations at the same
moment never draw the same number. Shared ground: imports no domain app; each app brings its own
counter model (a row with an integer field ``dernier``)."""

from django.db import transaction


def tirer(modele, *, nombre=1, plancher=0, **cle):
    """Draw `nombre` consecutive numbers from the counter row of `modele` named by `cle`
    (created at zero on first use) and return the first one. `plancher`: the highest number
    already given elsewhere (rows loaded with their number): the draw never goes back below it."""
    with transaction.atomic():
        modele.objects.get_or_create(**cle)
        compteur = modele.objects.select_for_update().get(**cle)
        premier = max(compteur.dernier, plancher) + 1
        compteur.dernier = premier + nombre - 1
        compteur.save(update_fields=["dernier"])
        return premier
