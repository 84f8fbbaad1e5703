"""What people read for a state and for an action of a state machine: the state's label (the
state field's choices) and the action's label, declared on the transition itself
(`@transition(..., custom={"libelle": "Pré-valider"})`). Timelines, the objects' History and the
site history report show these labels, never the stored codes (`pre_validee`, `creer`)."""

# Timeline entries that are not transitions (workflows.services.journaliser_*).
EVENEMENTS = {
    "creer": "Créer",
    "deposer": "Déposer",
    "ajouter_pieces": "Ajouter des documents",
    "declarer": "Déclarer",
    # A control's measure acting on the rest of the park (backoffice/controle/suites.py).
    "proposer_avenant": "Proposer un avenant de minoration",
    "proposer_fermeture": "Proposer la fermeture",
}


def libelle_etat(model, code):
    """Label of state `code` of `model` (« — » for no state: before the creation)."""
    if not code:
        return "—"
    champ = model._meta.get_field(model.CHAMP_ETAT)
    return str(dict(champ.flatchoices).get(code, code))


def libelle_action(model, nom):
    """Label of transition (or timeline event) `nom` of `model`."""
    meta = getattr(getattr(model, nom, None), "_django_fsm", None)
    if meta is not None:
        for transition in meta.transitions.values():
            if transition.custom.get("libelle"):
                return transition.custom["libelle"]
    if nom in EVENEMENTS:
        return EVENEMENTS[nom]
    # Never the code itself: every transition declares its label (checked by the tests).
    return nom.replace("_", " ").capitalize()


def transitions_sans_libelle(model):
    """Names of `model`'s transitions that declare no label."""
    manquants = []
    for nom in dir(model):
        meta = getattr(getattr(model, nom, None), "_django_fsm", None)
        if meta is not None and not any(t.custom.get("libelle") for t in meta.transitions.values()):
            manquants.append(nom)
    return manquants
