"""The base of every list filter: its choice lists are limited to the user's perimeter by the
same rule as the forms (acces/choix.py), whatever each filter declares. A value out of the
perimeter typed in the URL is then refused by the filter form (not applied)."""

from wagtail.admin.filters import WagtailFilterSet

from . import choix
from .perimetres import LECTURE, perimetre_pour


class PerimetreFilterSet(WagtailFilterSet):
    @property
    def form(self):
        if not hasattr(self, "_form"):
            formulaire = super().form
            user = getattr(self.request, "user", None)
            if user is not None:
                perimetre = perimetre_pour(user, self._meta.model._meta.label_lower, LECTURE)
                choix.restreindre_champs(formulaire.fields, user, perimetre)
        return self._form
