"""Bounds of every figure people type: years, places, amounts, costs, scores, weights, ranks.

Each bound lives here once and is used twice: as a field validator (the form says what is wrong,
in French, before anything is saved) and as a check constraint (the database refuses it whatever
the path: admin, public form, Temps 1 import, shell). An avenant with the exercice 195000 was
accepted and then could be neither signed nor applied: that is what these bounds prevent.

The limits are sanity bounds, far above any real figure (the largest dispositifs have a few
thousand places; the largest yearly financing is well under a billion euros): they catch typing
errors (an extra zero, a year typed as an amount), never a real value.

Shared ground: imports no domain app.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import DEFAULT_DB_ALIAS, migrations
from django.db.models import CheckConstraint, Q

ANNEE_MIN = 2000
ANNEE_MAX = 2100
PLACES_MAX = 100_000
MONTANT_MAX = Decimal("1000000000")  # one billion euros a year
COUT_JOURNALIER_MAX = Decimal("1000")  # euros per place and per day
NOTE_MAX = Decimal("20")
POIDS_MAX = 100
NUMERO_MAX = 999
ORDRE_MAX = 10_000


def _milliers(nombre):
    return f"{nombre:,}".replace(",", "\u202f")


class ContrainteDeBornes(CheckConstraint):
    """A bounds check constraint that `Model.full_clean()` verifies in Python.

    Django validates a `CheckConstraint` with one query per constraint and per save
    (`SELECT 1 WHERE <condition>` inside a savepoint): three queries each, on every form save,
    for a comparison of one value with two numbers. The database still enforces the constraint;
    only the form-time check is done here, with the same bounds and message. Migrations see a
    plain `CheckConstraint` (`deconstruct`), so the Python side can change without a migration.
    """

    def __init__(self, *, champ=None, bornes=None, nul=False, **kwargs):
        super().__init__(**kwargs)
        self.champ, self.bornes, self.nul = champ, bornes, nul

    def clone(self):
        # Django clones constraints from `deconstruct()`, which leaves out the Python side.
        copie = super().clone()
        copie.champ, copie.bornes, copie.nul = self.champ, self.bornes, self.nul
        return copie

    def validate(self, model, instance, exclude=None, using=DEFAULT_DB_ALIAS):
        if self.bornes is None:
            return super().validate(model, instance, exclude=exclude, using=using)
        if exclude and self.champ in exclude:
            return
        valeur = getattr(instance, self.champ)
        if valeur is None:
            if self.nul:
                return
            raise ValidationError(self.get_violation_error_message(), code="contrainte")
        if not self.bornes.minimum <= valeur <= self.bornes.maximum:
            raise ValidationError(self.get_violation_error_message(), code="contrainte")

    def deconstruct(self):
        _, args, kwargs = super().deconstruct()
        return "django.db.models.CheckConstraint", args, kwargs


@dataclass(frozen=True)
class Bornes:
    minimum: object
    maximum: object
    trop_petit: str
    trop_grand: str

    @property
    def validateurs(self):
        return [
            MinValueValidator(self.minimum, self.trop_petit),
            MaxValueValidator(self.maximum, self.trop_grand),
        ]

    def contrainte(self, champ, nom, *, nul=False):
        """The check constraint of the same bounds (`nul`: an empty value stays allowed)."""
        condition = Q(**{f"{champ}__gte": self.minimum}) & Q(**{f"{champ}__lte": self.maximum})
        if nul:
            condition = Q(**{f"{champ}__isnull": True}) | condition
        message = (
            self.trop_petit
            if self.trop_petit == self.trop_grand
            else f"{self.trop_petit} {self.trop_grand}"
        )
        return ContrainteDeBornes(
            condition=condition,
            name=nom,
            violation_error_message=message,
            champ=champ,
            bornes=self,
            nul=nul,
        )


_ANNEES = f"entre {ANNEE_MIN} et {ANNEE_MAX}"
EXERCICE = Bornes(
    ANNEE_MIN,
    ANNEE_MAX,
    f"L'exercice doit être une année {_ANNEES}.",
    f"L'exercice doit être une année {_ANNEES}.",
)
ANNEE = Bornes(
    ANNEE_MIN,
    ANNEE_MAX,
    f"L'année doit être comprise {_ANNEES}.",
    f"L'année doit être comprise {_ANNEES}.",
)
_TROP_DE_PLACES = f"Plus de {_milliers(PLACES_MAX)} places : vérifiez la saisie."
PLACES = Bornes(0, PLACES_MAX, "Le nombre de places ne peut pas être négatif.", _TROP_DE_PLACES)
PLACES_POSITIVES = Bornes(1, PLACES_MAX, "Au moins une place.", _TROP_DE_PLACES)
MONTANT = Bornes(
    Decimal("0"),
    MONTANT_MAX,
    "Le montant ne peut pas être négatif.",
    "Plus d'un milliard d'euros par an : vérifiez la saisie.",
)
COUT_JOURNALIER = Bornes(
    Decimal("0"),
    COUT_JOURNALIER_MAX,
    "Le coût ne peut pas être négatif.",
    f"Plus de {_milliers(int(COUT_JOURNALIER_MAX))} € par place et par jour : vérifiez la saisie.",
)
NOTE = Bornes(Decimal("0"), NOTE_MAX, "La note est au moins 0.", f"La note est au plus {NOTE_MAX}.")
POIDS = Bornes(1, POIDS_MAX, "Le poids est au moins 1.", f"Le poids est au plus {POIDS_MAX}.")
NUMERO = Bornes(1, NUMERO_MAX, "Le numéro est au moins 1.", f"Le numéro est au plus {NUMERO_MAX}.")
ORDRE = Bornes(
    0,
    ORDRE_MAX,
    "L'ordre ne peut pas être négatif.",
    f"L'ordre est au plus {_milliers(ORDRE_MAX)}.",
)


def verification_prealable(app_label, operations):
    """A migration step, run before `operations` add their check constraints: if existing rows
    break one, stop with the list of them in French (rather than a bare database error), so
    they are corrected by hand before the deployment is run again."""

    def verifier(apps, schema_editor):
        fautes = []
        for operation in operations:
            if not isinstance(operation, migrations.AddConstraint) or not isinstance(
                operation.constraint, CheckConstraint
            ):
                continue
            modele = apps.get_model(app_label, operation.model_name)
            ids = list(
                modele._default_manager.exclude(operation.constraint.condition).values_list(
                    "pk", flat=True
                )[:20]
            )
            if ids:
                fautes.append(
                    f"{modele._meta.verbose_name} n° {', '.join(map(str, ids))} : "
                    f"{operation.constraint.violation_error_message}"
                )
        if fautes:
            raise RuntimeError(
                "Des données existantes sont hors des bornes ajoutées ; corrigez-les puis "
                "relancez la migration :\n" + "\n".join(fautes)
            )

    return migrations.RunPython(verifier, migrations.RunPython.noop, elidable=True)
