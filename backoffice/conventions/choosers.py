"""« Choisir une convention »: the conventions' chooser, scoped by the permission policy
(backoffice/acces/choosers.py); registered in wagtail_hooks.py, it becomes the widget of every
admin form field pointing to a convention (an avenant's, a renewal's predecessor)."""

from backoffice.acces.choosers import PerimetreChooserViewSet

from .models import Convention


class ConventionChooserViewSet(PerimetreChooserViewSet):
    model = Convention
    icon = "doc-full"
    choose_one_text = "Choisir une convention"
    choose_another_text = "Choisir une autre convention"
    titre_colonne = "Convention"
    colonnes = (
        ("entite.raison_sociale", "Entité gestionnaire"),
        ("get_etat_display", "État"),
        ("date_debut", "Début"),
    )
    search_fields = ("recherche", "entite__recherche")
    select_related = ("entite",)
    ordering = ("-date_debut", "-pk")


convention_chooser = ConventionChooserViewSet("choix_convention", url_prefix="choix/convention")
