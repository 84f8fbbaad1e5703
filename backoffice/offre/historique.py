"""Field-level history (who, when, field, before → after) from django-simple-history records."""

from dataclasses import dataclass, field

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


def _affichage(model_field, valeur):
    if valeur in (None, ""):
        return "—"
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(valeur, valeur))
    if isinstance(valeur, bool):
        return "oui" if valeur else "non"
    return str(valeur)


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
    for index, record in enumerate(enregistrements[:limite]):
        precedent = enregistrements[index + 1] if index + 1 < len(enregistrements) else None
        changements = []
        if record.history_type == "~" and precedent is not None:
            for attname, model_field in champs.items():
                avant, apres = getattr(precedent, attname, None), getattr(record, attname, None)
                if avant != apres:
                    changements.append(
                        Changement(
                            str(model_field.verbose_name),
                            _affichage(model_field, avant),
                            _affichage(model_field, apres),
                        )
                    )
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
    return evenements
