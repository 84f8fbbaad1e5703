"""Figures read from conventions."""

from .convention import Convention, q_en_vigueur_le

# ---------------------------------------------------------------------------------------------
# Indicators
# ---------------------------------------------------------------------------------------------


def places_conventionnees_au(date, dispositifs=None, conventions=None):
    """Σ places conventionnées on `date` (conventions in force that day, their lines as they
    stood that day). `dispositifs`: ids or queryset to restrict to; `conventions`: a queryset."""
    conventions = conventions if conventions is not None else Convention.objects.all()
    conventions = conventions.filter(q_en_vigueur_le(date))
    if dispositifs is not None:
        conventions = conventions.filter(lignes__dispositif__in=dispositifs).distinct()
    dispositifs_ids = None if dispositifs is None else {getattr(d, "pk", d) for d in dispositifs}
    total = 0
    for convention in conventions:
        for dispositif_id, places in convention.lignes_au(date).items():
            if dispositifs_ids is None or dispositif_id in dispositifs_ids:
                total += places
    return total
