import datetime

import factory
from django.core.files.base import ContentFile
from django.utils import timezone
from wagtail.documents import get_document_model

from backoffice.demandes.models import Demande, EtatDemande, PieceJointe, TypeDemande
from backoffice.offre.models import TypeDispositif
from tests.factories import DispositifFactory, siren_valide


class DemandeFactory(factory.django.DjangoModelFactory):
    """A creation request of a CADA by a new entité, just filed.

    Traits for the common cases (test set-up only: the application itself never sets a state
    but through the transition service): `modification`, `fermeture` (of a dispositif, made
    unless given), `premier_accueil` (a type without places), and the states `pre_validee`,
    `a_completer`, `refusee`, `annulee`."""

    class Meta:
        model = Demande

    class Params:
        modification = factory.Trait(
            type_demande=TypeDemande.MODIFICATION,
            dispositif=factory.SubFactory(DispositifFactory),
            entite=factory.SelfAttribute("dispositif.entite"),
            departement_id=factory.SelfAttribute("dispositif.departement_id"),
            type_dispositif=factory.SelfAttribute("dispositif.type"),
            nouvelle_entite={},
            donnees_dispositif={"places_autorisees": 95},
            groupes=[],
            financements=[],
        )
        fermeture = factory.Trait(
            type_demande=TypeDemande.FERMETURE,
            dispositif=factory.SubFactory(DispositifFactory),
            entite=factory.SelfAttribute("dispositif.entite"),
            departement_id=factory.SelfAttribute("dispositif.departement_id"),
            type_dispositif=factory.SelfAttribute("dispositif.type"),
            nouvelle_entite={},
            donnees_dispositif={},
            groupes=[],
            financements=[],
            date_fermeture=datetime.date(2026, 12, 31),
            description="Fin du bail du bâtiment.",
        )
        premier_accueil = factory.Trait(
            type_dispositif=factory.LazyFunction(
                lambda: TypeDispositif.objects.get(code="PA_SANTE")
            ),
            groupes=[],
            financements=[],
        )
        # States written directly, for tests about who sees a request and what it shows; the
        # way there (and its side effects: the dispositif created on validation) is the
        # transition service's, tested in test_service_transitions.py.
        soumise = factory.Trait(etat=EtatDemande.SOUMISE)
        pre_validee = factory.Trait(etat=EtatDemande.PRE_VALIDEE)
        validee = factory.Trait(etat=EtatDemande.VALIDEE)
        a_completer = factory.Trait(etat=EtatDemande.A_COMPLETER)
        refusee = factory.Trait(
            etat=EtatDemande.REFUSEE,
            motif_refus="Hors schéma régional.",
            decidee_le=factory.LazyFunction(timezone.now),
        )
        annulee = factory.Trait(etat=EtatDemande.ANNULEE)

    type_demande = TypeDemande.CREATION
    departement_id = "44"
    demandeur_nom = "Claire Dubois"
    demandeur_courriel = "claire.dubois@asso-exemple.fr"
    demandeur_organisation = "Association Horizon"
    type_dispositif = factory.LazyFunction(lambda: TypeDispositif.objects.get(code="CADA"))
    nouvelle_entite = factory.Sequence(
        lambda n: {
            "siren": siren_valide(900 + n),
            "raison_sociale": f"Association Horizon {n}",
            "statut_juridique": "association",
        }
    )
    # Places autorisées only for a type under the authorisation regime (the dispositif refuses
    # them otherwise).
    donnees_dispositif = factory.LazyAttributeSequence(
        lambda o, n: {
            "nom": f"CADA Horizon {n}",
            "commune": "Saint-Nazaire",
            "code_postal": "44600",
            "public": "familles",
            "mode_hebergement": "diffus",
            **({"places_autorisees": 60} if o.type_dispositif.sous_autorisation else {}),
        }
    )
    groupes = factory.LazyFunction(
        lambda: [{"libelle": "Appartements", "places": 60, "public": "familles"}]
    )
    financements = factory.LazyFunction(
        lambda: [
            {
                "exercice": 2026,
                "programme_id": "P303",
                "action": "02",
                "mode": "dgf",
                "places_financees": 60,
                "montant_annuel": "427050.00",
            }
        ]
    )


def piece_jointe(demande, nom="budget.pdf", contenu=b"%PDF-1.4", *, fichier=None, **champs):
    """An attachment of `demande` as filing leaves it: a Wagtail document (stored under
    `fichier`, by default the display name) and its row."""
    document = get_document_model().objects.create(
        title=nom, file=ContentFile(contenu, name=fichier or nom)
    )
    return PieceJointe.objects.create(demande=demande, nom=nom, document=document, **champs)
