"""Admin screens of conventions and avenants: queues per role, lists with filters and exports,
inspect pages (state, actions, timeline, documents, lines and their versions), transition and
bulk transition views, documents, linking of financing lines, renewal. Perimeters are enforced
by the base classes of backoffice.acces.viewsets and by the transition service."""

from django.urls import reverse
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.model import ModelViewSetGroup

from .avenant import AvenantViewSet
from .financements import FinancementSansConventionViewSet
from .viewset_convention import ConventionViewSet

# ---------------------------------------------------------------------------------------------
# Menu: the group and its queues
# ---------------------------------------------------------------------------------------------


class ConventionsViewSetGroup(ModelViewSetGroup):
    menu_label = "Conventions"
    menu_icon = "doc-full-inverse"
    menu_order = 300
    items = (ConventionViewSet, AvenantViewSet, FinancementSansConventionViewSet)

    def get_submenu_items(self):
        class FileMenuItem(MenuItem):
            def is_shown(self, request):
                return request.user.has_perm("conventions.view_convention")

        items = super().get_submenu_items()
        files = [
            ("a_pre_valider", "À pré-valider"),
            ("a_valider", "À valider"),
            ("a_signer", "À signer"),
            ("fin_6_mois", "Se terminant bientôt"),
        ]
        for rang, (cle, libelle) in enumerate(files):
            items.insert(
                1 + rang,
                FileMenuItem(
                    f"· {libelle}",
                    url=f"{reverse('convention:index')}?file={cle}",
                    name=f"conventions-{cle}",
                    icon_name="list-ul",
                    order=2 + rang,
                ),
            )
        return items
