"""Rules on the dispositif a request asks for, in one place: the model's validation applies them
(every path that files a request obeys them) and the public form shows or hides its fields from
them."""

CHAMPS_PLACES = ("places_autorisees", "places_pmr")

MESSAGE_CHAMP_SANS_PLACES = (
    "Un dispositif de premier accueil n'a pas de places : laissez ce champ vide."
)


def message_lignes_sans_places(titre):
    return (
        "Un dispositif de premier accueil n'a ni places, ni groupes de places, ni financements : "
        f"retirez les lignes « {titre} »."
    )


def sans_places(type_dispositif):
    """A « premier accueil » dispositif has no places, no groupes, no financements."""
    return type_dispositif is not None and type_dispositif.nature.sans_places


def champs_places_exclus(type_dispositif):
    """The place fields a dispositif of this type never carries: both for premier accueil; the
    authorised places outside the authorisation regime (the dispositif's own validation refuses
    them). The public form hides these fields for this type."""
    if type_dispositif is None:
        return ()
    if sans_places(type_dispositif):
        return CHAMPS_PLACES
    if not type_dispositif.sous_autorisation:
        return ("places_autorisees",)
    return ()


def places_interdites(type_dispositif, donnees):
    """The place fields of `donnees` that carry a value a premier accueil may not have."""
    if not sans_places(type_dispositif):
        return []
    return [nom for nom in CHAMPS_PLACES if donnees.get(nom) not in (None, "")]
