"""Choosers of the offer: « Choisir un dispositif », « Choisir une entité ». Scoped by the
permission policy (backoffice/acces/choosers.py); registered in wagtail_hooks.py, they become the
widget of every admin form field pointing to a dispositif or an entité."""

from backoffice.acces.choosers import ChoixFilter, PerimetreChooserViewSet
from backoffice.recherche.filtres import filtrer_champ

from .models import Dispositif, EntiteGestionnaire


def _commune(objet):
    if not objet.commune:
        return None
    departement = objet.departement_id
    return f"{objet.commune}\u00a0({departement})" if departement else objet.commune


class DispositifChooserViewSet(PerimetreChooserViewSet):
    model = Dispositif
    icon = "home"
    choose_one_text = "Choisir un dispositif"
    choose_another_text = "Choisir un autre dispositif"
    titre_colonne = "Dispositif"
    colonnes = (
        ("entite.raison_sociale", "Entité gestionnaire"),
        ("type.libelle", "Type"),
        (_commune, "Commune (dép.)"),
    )
    search_fields = ("recherche", "entite__recherche")
    select_related = ("entite", "type")
    ordering = ("code",)


class EntiteChooserViewSet(PerimetreChooserViewSet):
    model = EntiteGestionnaire
    icon = "group"
    choose_one_text = "Choisir une entité"
    choose_another_text = "Choisir une autre entité"
    titre_colonne = "Entité gestionnaire"
    colonnes = ((_commune, "Siège (dép.)"),)
    search_fields = ("recherche",)
    ordering = ("raison_sociale", "pk")


dispositif_chooser = DispositifChooserViewSet("choix_dispositif", url_prefix="choix/dispositif")
entite_chooser = EntiteChooserViewSet("choix_entite", url_prefix="choix/entite")


def chercher_entites(entites, texte):
    """The entités a text typed in a filter's link designates: a SIREN (spaces allowed), else
    words of the raison sociale (the former text filter's links keep working)."""
    chiffres = texte.replace(" ", "")
    if chiffres.isdigit():
        return entites.filter(siren=chiffres)
    return filtrer_champ(entites, texte, "raison_sociale")


def filtre_entite(label="Entité gestionnaire", **kwargs):
    """The entité filter of every list: a list or the chooser (acces/choosers.ChoixFilter)."""
    return ChoixFilter(
        queryset=EntiteGestionnaire.objects.only("pk", "raison_sociale", "siren"),
        label=label,
        chooser=entite_chooser,
        texte=chercher_entites,
        **kwargs,
    )
