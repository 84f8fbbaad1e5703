from django.urls import reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from backoffice.exportations.registre import inscrire

from .exports import NOM, fichier_temps1
from .regles import peut_voir_la_page
from .views.viewset import ImportTemps1ViewSet

# The national workbook, for its background jobs (backoffice/exportations).
inscrire(NOM, fichier_temps1)


@hooks.register("register_admin_viewset")
def register_imports_temps1():
    return ImportTemps1ViewSet()


class ImportsMenuItem(MenuItem):
    def is_shown(self, request):
        # Imports (view right on ImportTemps1), and the blank template and the export for the
        # accounts that may only export (a regional administrator, a lecteur).
        return peut_voir_la_page(request.user)


@hooks.register("register_admin_menu_item")
def register_menu_imports_temps1():
    return ImportsMenuItem(
        "Imports de fichiers",
        reverse("import_temps1:index"),
        name="imports-temps1",
        icon_name="upload",
        order=150,
    )
