"""Proper French around a model's name: articles, elision, agreement.

Wagtail builds its sentences around `verbose_name` in gender-blind French (« Ajouter un(e)
convention », « Le(la) convention … créé(e) »). Each model shown in the admin declares its
grammatical gender next to its Meta:

    class Convention(models.Model):
        genre_grammatical = FEMININ

and the shared admin views (backoffice/acces/libelles.py) build their sentences from it. Elision
(« l'avenant », « cet import ») follows the first letter of the name; an initial h is taken as
mute, which holds for every name we have.
"""

from dataclasses import dataclass

from django.core.exceptions import ImproperlyConfigured

MASCULIN = "masculin"
FEMININ = "féminin"

_ELISION = "aàâäeéèêëiîïoôöuùûüyh"


@dataclass(frozen=True)
class Nom:
    mot: str
    feminin: bool = False

    @classmethod
    def du_modele(cls, model):
        genre = getattr(model, "genre_grammatical", None)
        if genre not in (MASCULIN, FEMININ):
            raise ImproperlyConfigured(
                f"{model._meta.label} : déclarez genre_grammatical = MASCULIN ou FEMININ "
                "(backoffice.grammaire) à côté de son Meta, pour que l'administration "
                "l'accorde."
            )
        return cls(str(model._meta.verbose_name), feminin=genre == FEMININ)

    @property
    def elide(self):
        return self.mot[:1].lower() in _ELISION

    @property
    def un(self):
        return f"{'une' if self.feminin else 'un'} {self.mot}"

    @property
    def le(self):
        if self.elide:
            return f"l'{self.mot}"
        return f"{'la' if self.feminin else 'le'} {self.mot}"

    @property
    def ce(self):
        if self.feminin:
            return f"cette {self.mot}"
        return f"{'cet' if self.elide else 'ce'} {self.mot}"

    @property
    def aucun(self):
        return f"{'aucune' if self.feminin else 'aucun'} {self.mot}"

    @property
    def nouveau(self):
        if self.feminin:
            return f"nouvelle {self.mot}"
        return f"{'nouvel' if self.elide else 'nouveau'} {self.mot}"

    def accorder(self, participe):
        """« créé » → « créée » for a feminine name."""
        return participe + ("e" if self.feminin else "")


def compter(n, singulier, pluriel):
    """« 1 action modifiée », « 3 actions modifiées »: French keeps 0 and 1 in the singular."""
    return f"{n} {singulier if n < 2 else pluriel}"
