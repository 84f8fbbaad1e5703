"""Choosers bound to perimeters: a modal that lists, searches and pages the rows a user may
choose, instead of a `<select>` of thousands (12,000 dispositifs nationally).

Wagtail's chooser views list and fetch every row of their model (`objects.all()`, then
`objects.get(pk=…)`): here the listing, its results and the « chosen » answers all go through
the model's permission policy (read rights, like the choices of every form: acces/choix.py), so
an id out of the perimeter is not found, whatever the URL. The search is the project's one
accent-insensitive search (backoffice.recherche). No « create » tab: objects are created on their
own page, with their own rules.

A domain app declares its chooser by subclassing `PerimetreChooserViewSet` (model, texts,
columns, search columns) and registering it (`register_admin_viewset`). Registration makes its
widget the one of every admin form field pointing to the model (`register_widget`); a list filter
uses `ChoixFilter`, a `<select>` while the perimeter holds few rows, the chooser beyond.
"""

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import Http404
from django.template.loader import render_to_string
from wagtail.admin.forms.choosers import BaseFilterForm
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import chooser as vues
from wagtail.admin.viewsets.chooser import ChooserViewSet
from wagtail.admin.widgets.chooser import BaseChooser

from backoffice.affichage.valeurs import valeur_affichee
from backoffice.recherche.filtres import rechercher
from backoffice.recherche.modeles import CHAMP as CHAMP_RECHERCHE

from .perimetres import LECTURE
from .policies import policy_for

# Up to this many rows in the perimeter, a list filter stays a `<select>` (one click, and its
# options are all on screen); beyond, the chooser. 3,000 options cost more than the whole list
# page (benchmarks/bench_offre.py).
SEUIL_LISTE = 300

# Ids are counters (12,000 dispositifs): a whole number of 9 digits or more is a SIREN or a SIRET
# typed in a link, taken as words when the filter accepts words.
CHIFFRES_IDENTIFIANT_MAX = 8


def rangs_choisissables(model, user):
    """The rows of `model` that `user` may choose: those they may read (fail closed)."""
    return policy_for(model).instances_user_has_any_permission_for(user, LECTURE)


# ---------------------------------------------------------------------------------------------
# The widget
# ---------------------------------------------------------------------------------------------


class PerimetreChooserWidget(BaseChooser):
    """Wagtail's chooser widget, whose shown value is read through the field's own queryset
    (scoped to the perimeter by the form): a forged id sent back with an invalid form shows
    nothing, never the name of another perimeter's object. A disabled field shows its value
    only, without buttons."""

    clear_choice_text = "Effacer le choix"
    show_edit_link = False  # an edit page the user may not be allowed to open

    def get_instance(self, value):
        if value is None or isinstance(value, self.model_class):
            return value
        queryset = getattr(getattr(self, "choices", None), "queryset", None)
        if queryset is None:  # outside a model choice field: no scope known, nothing shown
            return None
        try:
            return queryset.filter(pk=value).first()
        except (ValueError, TypeError, ValidationError):  # words, not an id
            return None

    def get_value_data_from_instance(self, instance):
        return {"id": instance.pk, "edit_url": "", "title": self.get_display_title(instance)}

    def render(self, name, value, attrs=None, renderer=None):
        if attrs and attrs.get("disabled"):
            donnees = self.get_value_data(value) or {}
            return render_to_string(
                "acces/choix_lecture_seule.html",
                {
                    "titre": donnees.get("title") or valeur_affichee(None),
                    "champ": self.render_hidden_input(name, donnees.get("id"), attrs),
                },
            )
        return super().render(name, value, attrs, renderer)


# ---------------------------------------------------------------------------------------------
# The modal's views
# ---------------------------------------------------------------------------------------------


class FormulaireRecherche(BaseFilterForm):
    """The chooser's search box: every typed word in one of the `recherche` columns."""

    q = forms.CharField(
        label="Rechercher",
        required=False,
        widget=forms.TextInput(attrs={"placeholder": "Rechercher", "autocomplete": "off"}),
    )
    colonnes = (CHAMP_RECHERCHE,)

    def filter(self, objects):
        texte = (self.cleaned_data.get("q") or "").strip()
        self.is_searching = bool(texte)
        self.search_query = texte
        return rechercher(objects, texte, self.colonnes) if texte else objects


class ColonneValeur(Column):
    """A column whose empty value reads « — » (never `None` on screen)."""

    def get_value(self, instance):
        return valeur_affichee(super().get_value(instance))


class ListeChoixMixin:
    """The listing of the modal (and of its results when searching or paging)."""

    colonnes = ()  # [(attribute or accessor, label)] after the title
    titre_colonne = "Nom"
    search_fields = (CHAMP_RECHERCHE,)
    select_related = ()
    per_page = 20

    def get_object_list(self):
        objets = rangs_choisissables(self.model_class, self.request.user)
        return objets.select_related(*self.select_related) if self.select_related else objets

    def get_filter_form_class(self):
        return type(
            "FormulaireRecherche", (FormulaireRecherche,), {"colonnes": tuple(self.search_fields)}
        )

    @property
    def title_column(self):
        colonne = super().title_column
        colonne.label = self.titre_colonne
        return colonne

    @property
    def columns(self):
        return [
            self.title_column,
            *(
                ColonneValeur(f"colonne_{rang}", label=libelle, accessor=accesseur)
                for rang, (accesseur, libelle) in enumerate(self.colonnes)
            ),
        ]

    def can_create(self):
        return False


class ChooseView(ListeChoixMixin, vues.ChooseView):
    pass


class ChooseResultsView(ListeChoixMixin, vues.ChooseResultsView):
    pass


class SansLienModificationMixin:
    # Wagtail's answer carries the edit URL of the chosen object: the widget shows no such
    # link (an edit page the user may not be allowed to open), and finding it costs queries.
    def get_edit_item_url(self, instance):
        return None


class ChosenView(SansLienModificationMixin, vues.ChosenView):
    def get_object(self, pk):
        try:
            return rangs_choisissables(self.model_class, self.request.user).get(pk=pk)
        except (ValueError, ValidationError) as erreur:  # not an id: not found either
            raise Http404 from erreur


class ChosenMultipleView(SansLienModificationMixin, vues.ChosenMultipleView):
    def get_objects(self, pks):
        ids = [pk for pk in pks if str(pk).isdigit()]  # a forged non-number must not raise
        return rangs_choisissables(self.model_class, self.request.user).filter(pk__in=ids)


# ---------------------------------------------------------------------------------------------
# The viewset
# ---------------------------------------------------------------------------------------------


class PerimetreChooserViewSet(ChooserViewSet):
    """A chooser whose every view is scoped by the model's permission policy. Subclasses set
    `model`, `icon`, the French texts (`choose_one_text`: « Choisir un dispositif »…), the title
    column's label, other `colonnes` [(accessor, label)], `search_fields` (`recherche` columns),
    `select_related` and `ordering`."""

    base_widget_class = PerimetreChooserWidget
    choose_view_class = ChooseView
    choose_results_view_class = ChooseResultsView
    chosen_view_class = ChosenView
    chosen_multiple_view_class = ChosenMultipleView
    search_tab_label = "Rechercher"
    edit_item_text = "Modifier"
    per_page = 20
    titre_colonne = "Nom"
    colonnes = ()
    search_fields = (CHAMP_RECHERCHE,)
    select_related = ()
    ordering = None

    @property
    def choose_view(self):
        return self.construct_view(
            self.choose_view_class,
            icon=self.icon,
            page_title=self.page_title,
            search_tab_label=self.search_tab_label,
            creation_tab_label=self.creation_tab_label,
            **self._options_liste(),
        )

    @property
    def choose_results_view(self):
        return self.construct_view(self.choose_results_view_class, **self._options_liste())

    def _options_liste(self):
        return {
            "titre_colonne": self.titre_colonne,
            "colonnes": tuple(self.colonnes),
            "search_fields": tuple(self.search_fields),
            "select_related": tuple(self.select_related),
            "ordering": self.ordering,
        }

    def get_urlpatterns(self):
        # No « create » tab: an object is created on its own page, with its own rules.
        return [p for p in super().get_urlpatterns() if p.name != "create"]

    def widget_pour(self, champ):
        """The chooser widget for a model choice field, scoped by the field's queryset."""
        widget = self.widget_class()
        widget.is_required = champ.required
        widget.choices = champ.choices
        return widget


# ---------------------------------------------------------------------------------------------
# List filters
# ---------------------------------------------------------------------------------------------


class ChampChoix(forms.ModelChoiceField):
    """A chosen row: its id, sent by the list or by the chooser; an id outside the (scoped)
    queryset is refused like any choice out of the perimeter. With `texte` (a function
    (queryset, words) → queryset), a value that is not an id — words typed in a link — selects
    the rows of the queryset that function finds."""

    def __init__(self, *args, texte=None, **kwargs):
        self.texte = texte
        super().__init__(*args, **kwargs)

    def to_python(self, value):
        if value in self.empty_values:
            return None
        valeur = str(value).strip()
        if self.texte is None or (valeur.isdigit() and len(valeur) <= CHIFFRES_IDENTIFIANT_MAX):
            return super().to_python(valeur)
        trouves = self.texte(self.queryset, valeur)
        if not trouves.exists():
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return trouves

    def validate(self, value):
        if not isinstance(value, QuerySet):
            super().validate(value)


class ChoixFilter(django_filters.ModelChoiceFilter):
    """A list filter on a chooser's model: its choices are scoped by the filter set like any
    other (acces/filtres.py), shown as a `<select>` up to the filter set's `SEUIL_LISTE` rows
    and as the chooser beyond."""

    field_class = ChampChoix

    def __init__(self, *args, chooser, **kwargs):
        self.chooser = chooser
        super().__init__(*args, **kwargs)

    def adapter(self, champ, seuil):
        """Give `champ` (scoped already) the chooser's widget when it holds more than `seuil`
        rows."""
        if champ.queryset.count() > seuil:
            champ.widget = self.chooser.widget_pour(champ)

    def filter(self, qs, value):
        if isinstance(value, QuerySet):
            return qs.filter(**{f"{self.field_name}__in": value.values("pk")})
        return super().filter(qs, value)
