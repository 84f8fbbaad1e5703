"""Wagtail's own document forms with our checker (setting WAGTAILDOCS_DOCUMENT_FORM_BASE). Apart
from depot.py: Wagtail's forms module needs the app registry, which depot.py (imported by the
models of the apps) must not."""

from wagtail.documents.forms import BaseDocumentForm

from backoffice.fichiers.documents import nom_affiche

from .depot import valider_fichier


class FormulaireDocumentWagtail(BaseDocumentForm):
    """Wagtail's document forms (add, edit, multiple upload) with our checker
    (setting WAGTAILDOCS_DOCUMENT_FORM_BASE)."""

    def clean_file(self):
        fichier = self.cleaned_data.get("file")
        if fichier and fichier != getattr(self, "original_file", None):
            type_fichier = valider_fichier(fichier)
            fichier.name = nom_affiche(fichier.name, type_fichier)
        return fichier
