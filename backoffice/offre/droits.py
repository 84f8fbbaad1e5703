"""Who may change what in the offer, beyond the model permissions of the roles."""

from backoffice.acces import perimetres
from backoffice.acces.roles import Role


def peut_modifier_structure(user, dispositif=None):
    """Full edit rights, i.e. a change right that does not come from the gestionnaire role
    (gestionnaires edit minor fields only and request the rest)."""
    perimetre = perimetres.perimetre_pour(
        user, "offre.dispositif", "change", exclure_roles=(Role.GESTIONNAIRE,)
    )
    if dispositif is None:
        return not perimetre.vide
    return perimetres.contient(perimetre, dispositif)
