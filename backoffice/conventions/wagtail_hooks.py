from django.http import Http404
from wagtail import hooks

from . import documents
from .choosers import convention_chooser
from .documents_wagtail import DocumentsAPIDansLePerimetre
from .views import ConventionsViewSetGroup


@hooks.register("register_admin_viewset")
def register_conventions():
    return ConventionsViewSetGroup()


@hooks.register("register_admin_viewset")
def register_chooser_conventions():
    return convention_chooser


@hooks.register("before_serve_document")
def controler_perimetre_document(document, request):
    """/documents/<id>/<filename>: a document of another perimeter is not found, even by URL."""
    if not documents.peut_telecharger(request.user, document):
        raise Http404("Document introuvable.")


# order=1: after Wagtail's own registration of the endpoint, which it replaces.
@hooks.register("construct_admin_api", order=1)
def api_documents_dans_le_perimetre(router):
    router.register_endpoint("documents", DocumentsAPIDansLePerimetre)
