"""Helpers of the search tests."""

from django.apps import apps
from django.urls import reverse

from backoffice.recherche.modeles import CHAMP, Recherchable, texte_recherche


def colonnes_fausses():
    """[(model, pk, stored, expected)] of every row whose `recherche` column is not what its
    model computes from its fields: what a write path that forgot the column leaves behind."""
    fausses = []
    for modele in apps.get_models():
        if not issubclass(modele, Recherchable):
            continue
        for objet in modele._default_manager.order_by("pk").iterator():
            attendu = texte_recherche(objet, modele.champs_recherche)
            if getattr(objet, CHAMP) != attendu:
                fausses.append((modele._meta.label, objet.pk, getattr(objet, CHAMP), attendu))
    return fausses


def trouves(client, liste, saisie):
    """Primary keys a list page shows for a typed search."""
    reponse = client.get(reverse(f"{liste}:index"), {"q": saisie})
    assert reponse.status_code == 200
    return {objet.pk for objet in reponse.context["object_list"]}
