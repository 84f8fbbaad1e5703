"""Admin screens of the requests: queues per role, inspect page with timeline and actions."""

from wagtail.admin.ui.tables import Column, TitleColumn

from backoffice.acces.viewsets import PerimetreIndexView, PerimetreModelViewSet

from .models import Demande


class DemandeIndexView(PerimetreIndexView):
    def get_liste_queryset(self):
        return Demande.objects.select_related("departement", "type_dispositif", "dispositif")


class DemandeViewSet(PerimetreModelViewSet):
    model = Demande
    icon = "mail"
    menu_label = "Demandes"
    menu_order = 200
    add_to_admin_menu = True
    url_prefix = "demandes"
    name = "demande"
    index_view_class = DemandeIndexView
    list_display = [
        TitleColumn("numero", label="Numéro", url_name="demande:inspect"),
        Column("get_type_demande_display", label="Type"),
        Column("titre", label="Dispositif"),
        Column("departement_id", label="Dép.", sort_key="departement"),
        Column("get_etat_display", label="État", sort_key="etat"),
        Column("age_jours", label="Âge (jours)", sort_key="etat_depuis"),
    ]
    form_fields = ["description"]
    ordering = ["etat_depuis"]
