"""What every object with a state machine shares: the state field's name, its label, the date
it entered its current state, the exclusion of the protected state field from validation, and
the refusal of a concurrent transition (django-fsm's ConcurrentTransitionMixin).

ConcurrentTransitionMixin is a base of this mixin, not a sibling in each model, because its
`refresh_from_db` must come before `models.Model`'s in the method order (a protected state field
cannot be re-assigned otherwise): listing an abstract model before it would put Model first.

Abstract: it adds no table. Its `etat_depuis` field is declared exactly as the models declared
it (same verbose name and default), so adopting the mixin changes no column and needs no
migration (`makemigrations --check` stays clean). The state field itself (`FSMField`) and the
`@transition` methods stay on each model: they are its state machine.
"""

from django.db import models
from django.utils import timezone
from django_fsm import ConcurrentTransitionMixin


class EtatSuiviMixin(ConcurrentTransitionMixin, models.Model):
    CHAMP_ETAT = "etat"
    # Relations the transition permissions read (prefetched by the work queues, so checking
    # every waiting object costs no query per object).
    RELATIONS_PERMISSIONS = ()

    etat_depuis = models.DateTimeField("dans cet état depuis", default=timezone.now)

    class Meta:
        abstract = True

    def libelle_etat(self):
        return getattr(self, f"get_{self.CHAMP_ETAT}_display")()

    def _changer_etat(self):
        """Every transition calls it: the object is in its new state from now."""
        self.etat_depuis = timezone.now()

    def clean_fields(self, exclude=None):
        # full_clean() would re-assign the protected state field (docs/architecture.md): never
        # validate it.
        super().clean_fields(exclude={*(exclude or ()), self.CHAMP_ETAT})
