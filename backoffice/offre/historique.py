"""Field-level history (who, when, field, before → after) from django-simple-history records."""

from collections import defaultdict
from dataclasses import dataclass, field

from backoffice.affichage.valeurs import valeur_affichee

TYPES = {"+": "Création", "~": "Modification", "-": "Suppression"}


@dataclass
class Changement:
    champ: str
    avant: str
    apres: str


@dataclass
class Evenement:
    date: object
    auteur: str
    type: str
    motif: str
    changements: list = field(default_factory=list)


def _nommer_les_liens(changements):
    """Foreign keys changed: the related objects' names instead of their ids (one query per
    related model, whatever the number of changes)."""
    cles = defaultdict(set)
    for _changement, model_field, avant, apres in changements:
        if model_field.is_relation:
            cles[model_field.related_model].update(v for v in (avant, apres) if v is not None)
    objets = {
        model: model._default_manager.in_bulk(list(pks)) for model, pks in cles.items() if pks
    }
    for changement, model_field, avant, apres in changements:
        if model_field.is_relation:
            trouves = objets.get(model_field.related_model, {})
            avant, apres = trouves.get(avant, avant), trouves.get(apres, apres)
        changement.avant = valeur_affichee(avant, model_field)
        changement.apres = valeur_affichee(apres, model_field)


def historique(instance, limite=50):
    """The last `limite` events of an object, newest first, each with its field changes."""
    enregistrements = list(
        instance.history.select_related("history_user").order_by("-history_date", "-history_id")[
            : limite + 1
        ]
    )
    model = type(instance)
    champs = {
        f.attname: f for f in model._meta.concrete_fields if f.name not in {"modifie_le", "cree_le"}
    }
    evenements = []
    a_nommer = []
    for index, record in enumerate(enregistrements[:limite]):
        precedent = enregistrements[index + 1] if index + 1 < len(enregistrements) else None
        changements = []
        if record.history_type == "~" and precedent is not None:
            for attname, model_field in champs.items():
                avant, apres = getattr(precedent, attname, None), getattr(record, attname, None)
                if avant != apres:
                    changement = Changement(str(model_field.verbose_name), "", "")
                    changements.append(changement)
                    a_nommer.append((changement, model_field, avant, apres))
        utilisateur = record.history_user
        evenements.append(
            Evenement(
                date=record.history_date,
                auteur=(utilisateur.get_full_name() or utilisateur.email)
                if utilisateur
                else "Système",
                type=TYPES.get(record.history_type, record.history_type),
                motif=record.history_change_reason or "",
                changements=changements,
            )
        )
    _nommer_les_liens(a_nommer)
    return evenements
