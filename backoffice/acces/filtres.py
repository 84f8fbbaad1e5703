"""The base of every list filter: its choice lists are limited to the user's perimeter by the
same rule as the forms (acces/choix.py), whatever each filter declares. A value out of the
perimeter typed in the URL is then refused by the filter form (not applied). A filter on a
chooser's model (`choosers.ChoixFilter`) is a list up to `SEUIL_LISTE` rows, the chooser beyond."""

from wagtail.admin.filters import WagtailFilterSet

from . import choix, listes
from .choosers import SEUIL_LISTE, ChoixFilter
from .perimetres import LECTURE, perimetre_pour


class PerimetreFilterSet(WagtailFilterSet):
    SEUIL_LISTE = SEUIL_LISTE

    @property
    def form(self):
        if not hasattr(self, "_form"):
            formulaire = super().form
            user = getattr(self.request, "user", None)
            if user is not None:
                perimetre = perimetre_pour(user, self._meta.model._meta.label_lower, LECTURE)
                choix.restreindre_champs(formulaire.fields, user, perimetre)
            for nom, filtre in self.filters.items():
                if isinstance(filtre, ChoixFilter) and nom in formulaire.fields:
                    filtre.adapter(formulaire.fields[nom], self.SEUIL_LISTE)
            listes.accelerer(formulaire.fields)
        return self._form
