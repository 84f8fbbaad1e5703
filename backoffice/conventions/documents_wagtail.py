"""Wagtail's own document endpoints, held to the documents' perimeter (documents.py).

- Admin API (`/admin/api/main/documents/`, its detail and `find`): the documents the user may
  read (`documents_visibles`); Wagtail's endpoint listed every document to every role.
- Document chooser: the same documents (hook in wagtail_hooks.py). Its search asked Wagtail's
  search backend, which needs a search index app this project does not install (searches are
  plain database queries here, backoffice/recherche): it answered HTTP 500. It matches titles
  with the project's one normalisation instead.
Every other endpoint of the documents app is national-only or switched off (acces/tiers.py).
"""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.choosers import BaseFilterForm, CollectionFilterMixin
from wagtail.documents.api.admin.views import DocumentsAdminAPIViewSet
from wagtail.documents.views.chooser import DocumentChooseResultsView, DocumentChooseView

from backoffice.recherche.texte import mots, normaliser

from .documents import documents_visibles


class DocumentsAPIDansLePerimetre(DocumentsAdminAPIViewSet):
    def get_queryset(self):
        return documents_visibles(self.request.user, super().get_queryset())


class RechercheParTitre(forms.Form):
    q = forms.CharField(
        label=_("Search term"),
        widget=forms.TextInput(attrs={"placeholder": _("Search")}),
        required=False,
    )

    def filter(self, objects):
        objects = super().filter(objects)
        texte = self.cleaned_data.get("q")
        if texte:
            objects = par_titre(objects, texte)
            self.is_searching = True
            self.search_query = texte
        return objects


def par_titre(documents, texte):
    """Documents whose title contains every typed word, by the same normalisation as every other
    search (accents, case, apostrophes). Titles have no `recherche` column (Wagtail's table): they
    are compared in Python, over the documents the user may read only — a few per object."""
    cherches = mots(texte)
    retenus = [
        pk
        for pk, titre in documents.order_by().values_list("pk", "title")
        if all(mot in normaliser(titre) for mot in cherches)
    ]
    return documents.filter(pk__in=retenus)


class FiltreDocuments(CollectionFilterMixin, RechercheParTitre, BaseFilterForm):
    pass


class ChoixDocument(DocumentChooseView):
    filter_form_class = FiltreDocuments


class ChoixDocumentResultats(DocumentChooseResultsView):
    filter_form_class = FiltreDocuments


def brancher_le_selecteur():
    """Give Wagtail's document chooser our search (called from apps.py, before the admin URLs
    are built from the chooser's view classes)."""
    from wagtail.documents.views.chooser import viewset

    viewset.choose_view_class = ChoixDocument
    viewset.choose_results_view_class = ChoixDocumentResultats
