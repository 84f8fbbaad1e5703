"""Validation materialises a request: creates (or updates, or closes) the entité, the
dispositif, its groupes and financements, with the model validation of the registry (one way to
check), inside the transition's transaction. Any error aborts the whole validation."""

from django.core.exceptions import ValidationError

from backoffice.offre.models import Dispositif, EntiteGestionnaire, Financement, GroupeDePlaces
from backoffice.offre.validators import normaliser_siren

from .choix import TypeDemande

# Fields a modification request may change: the descriptive fields but the minor ones (the
# gestionnaire edits those directly) and the OFII code (an identifier the State's agents keep on the
# dispositif's page), plus the type and the département. Kept in the order of the model's fields:
# the modification form shows them in this order.
_HORS_DEMANDE_DE_MODIFICATION = {*Dispositif.CHAMPS_MINEURS, "code_dna"}
CHAMPS_MODIFIABLES = [
    "nom",
    "type_id",
    "departement_id",
    *(
        champ
        for champ in Dispositif.CHAMPS_DESCRIPTIFS
        if champ != "nom" and champ not in _HORS_DEMANDE_DE_MODIFICATION
    ),
]


def affecter_valeurs(instance, donnees):
    """Set model fields from JSON-friendly values (strings, numbers), converted per field."""
    champs = {f.attname: f for f in instance._meta.concrete_fields}
    champs.update({f.name: f for f in instance._meta.concrete_fields})
    for nom, valeur in donnees.items():
        champ = champs.get(nom)
        if champ is None or champ.primary_key:
            continue
        if valeur in ("", None) and champ.null:
            valeur = None
        elif valeur is None:
            valeur = ""
        setattr(instance, champ.attname, champ.to_python(valeur))
    return instance


def _valider(instance, contexte, exclude=None):
    try:
        instance.full_clean(exclude=exclude)
    except ValidationError as exc:
        details = "; ".join(
            f"{champ} : {' '.join(messages)}" for champ, messages in exc.message_dict.items()
        )
        raise ValidationError(f"{contexte} invalide — {details}") from exc


def _motif(demande):
    return f"Demande {demande.numero}"


def _entite(demande):
    if demande.entite_id:
        return demande.entite
    donnees = dict(demande.nouvelle_entite)
    siren = normaliser_siren(donnees.get("siren", ""))
    existante = EntiteGestionnaire.objects.filter(siren=siren).first()
    if existante:  # created since the request was filed: attach to it, never duplicate
        return existante
    entite = affecter_valeurs(EntiteGestionnaire(), {**donnees, "siren": siren})
    _valider(entite, "Entité gestionnaire")
    entite._change_reason = _motif(demande)
    entite.save()
    return entite


def _creer(demande):
    entite = _entite(demande)
    dispositif = affecter_valeurs(Dispositif(), demande.donnees_dispositif)
    dispositif.entite = entite
    dispositif.type = demande.type_dispositif
    dispositif.departement_id = demande.departement_id
    _valider(dispositif, "Dispositif", exclude=["code"])
    dispositif._change_reason = _motif(demande)
    dispositif.save()
    _ajouter_lignes(demande, dispositif)
    demande.entite = entite
    demande.dispositif = dispositif


def _ajouter_lignes(demande, dispositif):
    for index, donnees in enumerate(demande.groupes, start=1):
        groupe = affecter_valeurs(GroupeDePlaces(dispositif=dispositif), donnees)
        _valider(groupe, f"Groupe de places n° {index}")
        groupe._change_reason = _motif(demande)
        groupe.save()
    for index, donnees in enumerate(demande.financements, start=1):
        financement = affecter_valeurs(Financement(dispositif=dispositif), donnees)
        _valider(financement, f"Financement n° {index}")
        financement._change_reason = _motif(demande)
        financement.save()


def _modifier(demande):
    dispositif = Dispositif.objects.select_for_update().get(pk=demande.dispositif_id)
    changements = {k: v for k, v in demande.donnees_dispositif.items() if k in CHAMPS_MODIFIABLES}
    affecter_valeurs(dispositif, changements)
    _valider(dispositif, "Dispositif")
    dispositif._change_reason = _motif(demande)
    dispositif.save()
    _ajouter_lignes(demande, dispositif)


def _fermer(demande):
    dispositif = Dispositif.objects.select_for_update().get(pk=demande.dispositif_id)
    if not demande.date_fermeture:
        raise ValidationError("La date de fermeture est obligatoire.")
    dispositif.date_fermeture = demande.date_fermeture
    _valider(dispositif, "Dispositif")
    dispositif._change_reason = _motif(demande)
    dispositif.save()


def materialiser(demande, acteur):
    {
        TypeDemande.CREATION: _creer,
        TypeDemande.MODIFICATION: _modifier,
        TypeDemande.FERMETURE: _fermer,
    }[demande.type_demande](demande)


def _instantane(dispositif):
    """An unsaved history row holding the dispositif's values (what diff_against compares)."""
    historique = Dispositif.history.model
    return historique(
        **{f.attname: getattr(dispositif, f.attname) for f in historique.tracked_fields}
    )


def diff_modification(demande):
    """[(libellé, avant, après)] of a modification request, for the validator: the dispositif
    as it is against the same with the requested values (django-simple-history's diff), in the
    order of the dispositif's fields; relations as their keys."""
    if not demande.dispositif_id:
        return []
    actuel = Dispositif.objects.get(pk=demande.dispositif_id)
    propose = affecter_valeurs(
        Dispositif.objects.get(pk=demande.dispositif_id),
        {k: v for k, v in demande.donnees_dispositif.items() if k in CHAMPS_MODIFIABLES},
    )
    champs = [f for f in Dispositif._meta.concrete_fields if f.attname in CHAMPS_MODIFIABLES]
    delta = _instantane(propose).diff_against(
        _instantane(actuel), included_fields=[f.name for f in champs]
    )
    changes = {change.field: change for change in delta.changes}
    return [
        (str(f.verbose_name), changes[f.name].old, changes[f.name].new)
        for f in champs
        if f.name in changes
    ]
