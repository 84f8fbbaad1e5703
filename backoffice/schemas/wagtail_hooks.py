from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSetGroup

from backoffice.exportations.registre import inscrire

from .exports import fichier_grille
from .views.arbre import ActionSchemaViewSet, ObjectifViewSet, ThematiqueViewSet
from .views.campagnes import CampagneViewSet
from .views.evaluation import ExportGrilleView
from .views.schemas import SchemaViewSet

# The grid of a large schéma, for its background jobs (backoffice/exportations).
inscrire(ExportGrilleView.NOM, fichier_grille)


class SchemasViewSetGroup(ModelViewSetGroup):
    menu_label = "Schéma régional"
    menu_icon = "list-ol"
    menu_order = 400
    items = (SchemaViewSet, CampagneViewSet, ActionSchemaViewSet)


@hooks.register("register_admin_viewset")
def register_schemas():
    # Schémas, campaigns and actions in the menu; objectifs and thématiques are reached from
    # the schéma's page (its tree), so they stay out of the menu.
    return [SchemasViewSetGroup(), ObjectifViewSet(), ThematiqueViewSet()]
