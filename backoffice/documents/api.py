"""Wagtail's admin API for documents (`/admin/api/main/documents/`, its detail and `find`), held
to the documents' perimeter (telechargement.py): it listed and described every document, titles
naming other départements, to every role. Every other endpoint of the documents app is
switched off (the library, the chooser) or served through the perimeter hook (download):
acces/tiers.py.
"""

from wagtail.documents.api.admin.views import DocumentsAdminAPIViewSet

from .telechargement import documents_visibles


class DocumentsAPIDansLePerimetre(DocumentsAdminAPIViewSet):
    def get_queryset(self):
        return documents_visibles(self.request.user, super().get_queryset())
