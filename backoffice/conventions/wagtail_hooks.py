from django.http import Http404
from wagtail import hooks

from backoffice.acces.perimetres import perimetre_global

from . import documents
from .views import ConventionsViewSetGroup


@hooks.register("register_admin_viewset")
def register_conventions():
    return ConventionsViewSetGroup()


@hooks.register("before_serve_document")
def controler_perimetre_document(document, request):
    """/documents/<id>/<filename>: a document of another perimeter is not found, even by URL."""
    if not documents.peut_telecharger(request.user, document):
        raise Http404("Document introuvable.")


@hooks.register("construct_main_menu")
def masquer_documents_wagtail(request, menu_items):
    """Wagtail's own « Documents » library lists every document of every perimeter: national
    administrators only (nobody else is given document permissions anyway)."""
    if not perimetre_global(request.user).national:
        menu_items[:] = [item for item in menu_items if item.name != "documents"]
