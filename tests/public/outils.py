"""Helpers of the public pages' tests: a valid request, files of each kind, HTML probes."""

import html as html_module
import io
import re
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from tests.factories import siren_valide, siret_valide

SIREN_NOUVEAU = siren_valide(4242)

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 64
EXECUTABLE = (
    b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 120 + b"This program cannot be run in DOS mode"
)


def zip_en_memoire(membres):
    tampon = io.BytesIO()
    with zipfile.ZipFile(tampon, "w") as archive:
        for nom, contenu in membres.items():
            archive.writestr(nom, contenu)
    return tampon.getvalue()


def xlsx():
    classeur = Workbook()
    classeur.active["A1"] = "Budget prévisionnel"
    tampon = io.BytesIO()
    classeur.save(tampon)
    return tampon.getvalue()


def fichier(nom, contenu, type_annonce="application/octet-stream"):
    return SimpleUploadedFile(nom, contenu, content_type=type_annonce)


def donnees_valides(**surcharges):
    """A complete, valid creation request (new entité, CADA in the 44, one groupe, one line)."""
    donnees = {
        "demandeur_nom": "Claire Dubois",
        "demandeur_courriel": "claire.dubois@asso-horizon.fr",
        "demandeur_telephone": "02 40 12 34 56",
        "demandeur_organisation": "Association Horizon",
        "demandeur_fonction": "Directrice",
        "entite-siren": SIREN_NOUVEAU,
        "entite-raison_sociale": "Association Horizon",
        "entite-statut_juridique": "association",
        "entite-adresse": "3 rue de la Paix",
        "entite-code_postal": "44000",
        "entite-commune": "Nantes",
        "entite-departement": "44",
        "entite-telephone": "",
        "entite-courriel": "",
        "dispositif-nom": "CADA Horizon Saint-Nazaire",
        "dispositif-nature": "DNA",
        "dispositif-type": "CADA",
        "dispositif-departement": "44",
        "dispositif-adresse": "12 avenue de la République",
        "dispositif-code_postal": "44600",
        "dispositif-commune": "Saint-Nazaire",
        "dispositif-siret": siret_valide(SIREN_NOUVEAU),
        "dispositif-finess": "440012345",
        "dispositif-code_dna": "",
        "dispositif-public": "familles",
        "dispositif-mode_hebergement": "diffus",
        "dispositif-places_autorisees": "60",
        "dispositif-places_pmr": "4",
        "dispositif-date_ouverture": "2026-09-01",
        "dispositif-telephone": "",
        "dispositif-courriel": "",
        "groupes-TOTAL_FORMS": "1",
        "groupes-INITIAL_FORMS": "0",
        "groupes-MIN_NUM_FORMS": "0",
        "groupes-MAX_NUM_FORMS": "50",
        "groupes-0-libelle": "Appartements diffus",
        "groupes-0-places": "60",
        "groupes-0-public": "familles",
        "groupes-0-mode_hebergement": "diffus",
        "groupes-0-commune": "Saint-Nazaire",
        "groupes-0-code_postal": "44600",
        "groupes-0-places_pmr": "4",
        "groupes-0-date_debut": "",
        "groupes-0-date_fin": "",
        "financements-TOTAL_FORMS": "1",
        "financements-INITIAL_FORMS": "0",
        "financements-MIN_NUM_FORMS": "0",
        "financements-MAX_NUM_FORMS": "20",
        "financements-0-exercice": "2026",
        "financements-0-programme": "P303",
        "financements-0-action": "02",
        "financements-0-service_financeur": "DDETS",
        "financements-0-mode": "dgf",
        "financements-0-places_financees": "60",
        "financements-0-montant_annuel": "427050.00",
        "financements-0-orientation": "ofii",
        "financements-0-date_debut": "",
        "financements-0-date_fin": "",
        "description": "Ouverture de 60 places de CADA en diffus à Saint-Nazaire.",
        "lot": "",
        "site_web": "",
    }
    donnees.update(surcharges)
    return donnees


def sans_lignes(donnees, prefixe):
    """The same data with the formset `prefixe` left blank (its extra form untouched)."""
    resultat = {k: v for k, v in donnees.items() if not k.startswith(f"{prefixe}-0-")}
    resultat.update(LIGNE_VIDE[prefixe])
    return resultat


LIGNE_VIDE = {
    "groupes": {"groupes-0-public": "tout_public", "groupes-0-places_pmr": "0"},
    "financements": {"financements-0-mode": "subvention"},
}


def lot_de(reponse):
    """The temporary-upload batch id carried by the re-displayed form."""
    trouve = re.search(r'name="lot" value="([^"]+)"', reponse.content.decode())
    assert trouve, "champ caché « lot » absent"
    return trouve.group(1)


def erreur_du_champ(reponse, id_champ):
    """The error text rendered next to field `id_champ` (django-dsfr: <id>-desc-error)."""
    html = reponse.content.decode()
    trouve = re.search(
        rf'<div[^>]*id="{re.escape(id_champ)}-desc-error"[^>]*>(.*?)</div>', html, re.S
    )
    if not trouve:
        return ""
    return html_module.unescape(
        re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", trouve.group(1))).strip()
    )
