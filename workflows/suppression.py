"""Deleting an object that has a life cycle (convention, avenant, call): the one rule and the one
way to do it.

Each model says why it may not be deleted now (`motif_non_supprimable()`: a French sentence,
None when it may) and who may delete it (`peut_supprimer(acteur)`). Its `delete()` refuses in
the first case whatever the caller — a signed convention is never deleted, by no path. The
admin's delete views call `supprimer()`, which adds the actor's check; they turn the refusal
into a message. Past the draft, an object leaves through a transition instead (abandon,
cancellation, termination), which keeps its history.
"""

from django.core.exceptions import ValidationError
from django.db import models, transaction
from wagtail.log_actions import log

from backoffice.grammaire import Nom


class SuppressionInterdite(ValidationError):
    pass


class SuppressionEncadreeMixin(models.Model):
    """`delete()` refused while `motif_non_supprimable()` gives a reason. (A queryset's bulk
    `delete()` does not call it: the project deletes these objects one at a time.)"""

    class Meta:
        abstract = True

    def motif_non_supprimable(self):
        return None

    def peut_supprimer(self, acteur):
        return False

    def delete(self, *args, **kwargs):
        motif = self.motif_non_supprimable()
        if motif:
            raise SuppressionInterdite(motif)
        return super().delete(*args, **kwargs)


def motif_refus(objet, acteur):
    """Why `acteur` may not delete `objet` now (French), or None."""
    motif = objet.motif_non_supprimable()
    if motif:
        return motif
    if not objet.peut_supprimer(acteur):
        return f"Vous n'avez pas le droit de supprimer {Nom.du_modele(type(objet)).ce}."
    return None


def supprimer(objet, acteur):
    """Delete `objet` for `acteur` (logged in the history, like Wagtail's own deletions), or
    raise SuppressionInterdite with the French reason."""
    motif = motif_refus(objet, acteur)
    if motif:
        raise SuppressionInterdite(motif)
    with transaction.atomic():
        log(instance=objet, action="wagtail.delete", user=acteur, deleted=True)
        objet.delete()
