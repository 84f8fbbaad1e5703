"""What the story's steps share: the demo accounts who act, the signed copy they attach to
signatures, fresh SIRENs for the entités that appear."""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from stdnum import luhn

from backoffice.offre.models import EntiteGestionnaire

# A minimal valid PDF: what a signed copy looks like in the demo.
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def copie_signee(nom):
    return SimpleUploadedFile(f"{nom}.pdf", PDF, content_type="application/pdf")


@dataclass
class Acteurs:
    national: object
    dreets52: object
    ddets44: object
    ddets75: object
    siao44: object
    gestionnaire: object

    @classmethod
    def charger(cls):
        comptes = get_user_model().objects.in_bulk(
            [f"{nom}@demo.gouv.fr" for nom in cls.__dataclass_fields__], field_name="username"
        )
        return cls(**{nom: comptes[f"{nom}@demo.gouv.fr"] for nom in cls.__dataclass_fields__})


def siren_libre(base):
    """A valid SIREN (Luhn key) from `base` (8 digits) on, used by no entité."""
    pris = set(EntiteGestionnaire.objects.values_list("siren", flat=True))
    numero = int(base)
    while True:
        siren = f"{numero:08d}" + luhn.calc_check_digit(f"{numero:08d}")
        if siren not in pris:
            return siren
        numero += 1
