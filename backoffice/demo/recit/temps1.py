"""The Temps 1 import of the story, through the real pipeline (`imports.services`): the DDETS 44
records a new entité and its new résidence accueil, financed this year, with a workbook of the
Temps 1 format (its groupes de places are still to enter: the quality check says so). A first
deposit still had mistakes: its analysis stopped it (job « Erreurs à corriger », annotated copy
to download); the corrected workbook was then analysed and applied.
"""

import tempfile
from pathlib import Path

from django.utils import timezone
from openpyxl import Workbook

from imports import services
from imports.temps1.schema import FEUILLE_DISPOSITIFS, FEUILLE_ENTITES, FEUILLE_FINANCEMENTS

from .communs import siren_libre

NOM_FICHIER = "offre-44-horizon-estuaire.xlsx"
REFERENCE = "RA-NANTES-HAUTS-PAVES"


def ecrire_classeur(destination, lignes):
    """A Temps 1 workbook: the three data tabs, headers as in the template, `lignes`:
    {schema: [{column key: value}]}."""
    classeur = Workbook(write_only=True)
    for schema in (FEUILLE_ENTITES, FEUILLE_DISPOSITIFS, FEUILLE_FINANCEMENTS):
        feuille = classeur.create_sheet(schema.nom)
        feuille.append([colonne.entete_modele for colonne in schema.colonnes])
        for valeurs in lignes.get(schema, []):
            feuille.append([valeurs.get(colonne.cle) for colonne in schema.colonnes])
    classeur.save(destination)


def lignes(siren, annee, erreurs=False):
    """What the DDETS 44 records (with two mistakes if `erreurs`)."""
    adresse = {"adresse": "8 rue des Hauts-Pavés", "code_postal": "44000", "commune": "Nantes"}
    return {
        FEUILLE_ENTITES: [
            {
                "siren": siren,
                "raison_sociale": "Association Horizon Estuaire",
                "statut_juridique": "Association",
                **adresse,
                "courriel": "contact@horizon-estuaire.example.org",
            }
        ],
        FEUILLE_DISPOSITIFS: [
            {
                "reference_locale": REFERENCE,
                "siren": siren,
                "nom": "Résidence accueil Les Hauts-Pavés",
                "nature": "Logement – résidence sociale",
                # Mistakes: a type the nomenclature does not know, a SIRET with a wrong key.
                "type": "Résidence d'accueil" if erreurs else "Résidence accueil",
                "siret": "12345678900000" if erreurs else "",
                "departement": "44",
                **adresse,
                "public": "Personnes isolées",
                "mode_hebergement": "Collectif",
                "date_ouverture": f"01/01/{annee}",
                "telephone": "02 40 12 34 56",
            }
        ],
        FEUILLE_FINANCEMENTS: [
            {
                "dispositif": REFERENCE,
                "exercice": annee,
                "programme": "P177",
                "action": "12",
                "service_financeur": "DDETS",
                "mode": "Subvention",
                "places_financees": 24,
                "montant_annuel": 24 * 19 * 365,
                "date_debut": f"01/01/{annee}",
                "date_fin": f"31/12/{annee}",
                "orientation": "SIAO insertion",
            }
        ],
    }


def raconter(acteurs):
    """Returns the applied import."""
    ddets44 = acteurs.ddets44
    annee = timezone.localdate().year
    siren = siren_libre("80412377")
    with tempfile.TemporaryDirectory() as dossier:
        premier = Path(dossier) / NOM_FICHIER
        ecrire_classeur(premier, lignes(siren, annee, erreurs=True))
        en_erreur = services.deposer(premier, user=ddets44)
        services.analyser_import(en_erreur)
        corrige = Path(dossier) / NOM_FICHIER.replace(".xlsx", "-corrige.xlsx")
        ecrire_classeur(corrige, lignes(siren, annee))
        applique = services.deposer(corrige, user=ddets44)
        services.analyser_import(applique)
        services.appliquer_import(applique, ddets44)
    return applique
