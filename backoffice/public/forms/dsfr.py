"""DSFR rendering of the public forms: hint and error both described, one renderer, French empty
choices, the error summary, and model fields added in a declared order."""

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS
from django.db import models
from django.forms import fields_for_model
from dsfr.forms import DsfrBaseForm, DsfrBoundField, DsfrDjangoTemplates


class ChampDsfr(DsfrBoundField):
    """A DSFR field whose input is described by its hint *and* its error message.

    django-dsfr points ``aria-describedby`` at the error only; a screen reader then loses the hint
    (formats, examples) exactly when the person needs it.
    """

    def build_widget_attrs(self, attrs, widget=None):
        attrs = super().build_widget_attrs(attrs, widget)
        ids = []
        if self.help_text and self.auto_id:
            ids.append(f"{self.auto_id}_helptext")
        if self.form._errors and self.name in self.form._errors and self.auto_id:
            ids.append(f"{self.auto_id}-desc-error")
            attrs["aria-invalid"] = "true"
        if ids:
            attrs["aria-describedby"] = " ".join(ids)
        return attrs


# django-dsfr hands each form the renderer *class*: every form then builds its own template
# engine (template-tag libraries scanned, templates read from disk again), ~100 ms per page view
# of the request form. One renderer, built once, keeps its engine's template cache.
RENDU_DSFR = DsfrDjangoTemplates()


class FormulaireDsfr(DsfrBaseForm):
    bound_field_class = ChampDsfr
    default_renderer = RENDU_DSFR
    LIBELLE_CHOIX_VIDE = "Sélectionner une option"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for champ in self.fields.values():
            if isinstance(champ, forms.ModelChoiceField):
                if champ.empty_label is not None:
                    champ.empty_label = self.LIBELLE_CHOIX_VIDE
            elif isinstance(champ, forms.ChoiceField) and not isinstance(
                champ.widget, forms.CheckboxSelectMultiple
            ):
                choix = list(champ.choices)
                if choix and choix[0][0] == "" and str(choix[0][1]).startswith("---"):
                    champ.choices = [("", self.LIBELLE_CHOIX_VIDE), *choix[1:]]

    def get_context(self):
        # django-dsfr warns about a transitional setting whenever a whole form is rendered; we
        # keep its default (required fields marked with an asterisk) without the warning.
        context = forms.Form.get_context(self)
        context.setdefault("DSFR_MARK_OPTIONAL_FIELDS", False)
        return context

    @property
    def ancre(self):
        return f"section-{self.prefix}" if self.prefix else ""

    def erreurs_resumees(self, titre=""):
        """[(anchor id, label, message)] for the error summary at the top of the page."""
        lignes = []
        for nom, erreurs in self.errors.items():
            if nom == NON_FIELD_ERRORS:
                for message in erreurs:
                    lignes.append((self.ancre, titre or "Formulaire", message))
                continue
            champ = self[nom]
            libelle = f"{titre} – {champ.label}" if titre else str(champ.label)
            for message in erreurs:
                lignes.append((champ.auto_id, libelle, message))
        return lignes


def date_widget():
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def avec_champs_du_modele(modele, noms, *, requis=None, labels=None, help_texts=None):
    """Class decorator: add the model's form fields `noms` (declared fields win), in that order."""

    def decorer(cls):
        generes = fields_for_model(
            modele,
            fields=[n for n in noms if n not in cls.declared_fields],
            labels=labels,
            help_texts=help_texts,
            widgets={
                f.name: date_widget()
                for f in modele._meta.fields
                if isinstance(f, models.DateField) and f.name in noms
            },
        )
        champs = {}
        for nom in noms:
            champ = cls.declared_fields.get(nom) or generes[nom]
            if requis is not None:
                champ.required = nom in requis
            champs[nom] = champ
        for nom, champ in cls.declared_fields.items():
            champs.setdefault(nom, champ)
        cls.base_fields = champs
        return cls

    return decorer
