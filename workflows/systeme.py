"""The scheduled tasks' actor: date-driven transitions (entry into force, expiry, closing of a
call at its deadline) run through the one transition service as « Système », never as a person.

`workflows.services.executer_transition` fetches the object through `queryset_pour`, which asks
the model's `queryset_pour_demandeur(acteur)` for actors without an account: models using
`OuvertAuSystemeMixin` answer every row for `Systeme` and nothing for anyone else. Only the
system-only transitions accept it (their permission is `systeme_seulement`).
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Systeme:
    tache: str = "échéances"
    is_authenticated = False
    is_superuser = False
    is_active = True

    def has_perm(self, perm, obj=None):
        return False

    def __str__(self):
        return f"Système ({self.tache})"


def est_systeme(acteur):
    return isinstance(acteur, Systeme)


def systeme_seulement(objet, acteur):
    """Transition permission of the date-driven transitions."""
    return est_systeme(acteur)


class OuvertAuSystemeMixin:
    """For models without public requester: the only account-less actor is the Système."""

    @classmethod
    def queryset_pour_demandeur(cls, acteur):
        return cls.objects.all() if est_systeme(acteur) else cls.objects.none()
