"""Business rules of conventions: a clear French message, nothing changed."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from backoffice.conventions.models import (
    Convention,
    EtatConvention,
    LigneConvention,
    MontantConvention,
)
from tests.conventions.factories import ConventionFactory, amener, convention_pour, jours, pdf
from tests.factories import DispositifFactory
from workflows.services import TransitionImpossible, executer_transition

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media_temporaire")]


def test_cada_cinq_ans_par_defaut(dispositif44):
    convention = ConventionFactory(
        entite=dispositif44.entite, date_debut=datetime.date(2027, 3, 1), date_fin=None
    )
    assert convention.date_fin == datetime.date(2032, 2, 29)
    huda = Convention(
        type_convention="huda",
        intitule="HUDA",
        entite=dispositif44.entite,
        departement_id="44",
        date_debut=datetime.date(2027, 1, 1),
    )
    with pytest.raises(ValidationError) as erreur:
        huda.full_clean()
    assert erreur.value.message_dict["date_fin"] == ["Indiquez la date de fin de la convention."]


def test_fin_avant_debut_refusee(dispositif44):
    convention = Convention(
        type_convention="huda",
        intitule="HUDA",
        entite=dispositif44.entite,
        departement_id="44",
        date_debut=datetime.date(2027, 1, 1),
        date_fin=datetime.date(2026, 12, 31),
    )
    with pytest.raises(ValidationError) as erreur:
        convention.full_clean()
    assert "La date de fin précède la date de début." in erreur.value.message_dict["date_fin"]
    with pytest.raises(IntegrityError), transaction.atomic():
        convention.save()  # and the database refuses it anyway


def test_montant_negatif_refuse(dispositif44):
    convention = convention_pour(dispositif44)
    montant = MontantConvention(convention=convention, exercice=2027, montant=Decimal("-1"))
    with pytest.raises(ValidationError) as erreur:
        montant.full_clean()
    assert erreur.value.message_dict["montant"] == ["Le montant ne peut pas être négatif."]
    with pytest.raises(IntegrityError), transaction.atomic():
        montant.save()


def test_places_au_dela_des_places_autorisees(ddets44, dispositif44):
    assert dispositif44.places_autorisees == 80
    convention = convention_pour(dispositif44, places=81)
    with pytest.raises(TransitionImpossible, match="81 places conventionnées dépassent les 80"):
        executer_transition(Convention, convention.pk, "soumettre", ddets44)
    convention.refresh_from_db()
    assert convention.etat == EtatConvention.BROUILLON


def test_places_autorisees_sans_objet_pour_un_type_declare(ddets44):
    huda = DispositifFactory(type_id="HUDA", places_autorisees=None)
    convention = convention_pour(huda, places=300)
    executer_transition(Convention, convention.pk, "soumettre", ddets44)


def test_dispositif_d_une_autre_entite(ddets44, dispositif44):
    autre = DispositifFactory(departement_id="44")
    convention = convention_pour(dispositif44)
    LigneConvention.objects.create(convention=convention, dispositif=autre, places_conventionnees=5)
    with pytest.raises(TransitionImpossible, match="n'appartient pas à l'entité gestionnaire"):
        executer_transition(Convention, convention.pk, "soumettre", ddets44)


def test_convention_sans_dispositif(ddets44, dispositif44):
    convention = ConventionFactory(entite=dispositif44.entite)
    with pytest.raises(TransitionImpossible, match="Ajoutez au moins un dispositif"):
        executer_transition(Convention, convention.pk, "soumettre", ddets44)


def test_periodes_successives_sans_chevauchement(ddets44, national, dispositif44):
    premiere = convention_pour(
        dispositif44, date_debut=jours(10), date_fin=jours(10 + 364), type_convention="huda"
    )
    amener(premiere, "signee", national)
    chevauche = convention_pour(
        dispositif44, date_debut=jours(200), date_fin=jours(600), type_convention="huda"
    )
    with pytest.raises(TransitionImpossible, match=f"chevauche .*{premiere.numero}"):
        executer_transition(Convention, chevauche.pk, "soumettre", ddets44)
    suivante = convention_pour(
        dispositif44, date_debut=jours(10 + 365), date_fin=jours(800), type_convention="huda"
    )
    executer_transition(Convention, suivante.pk, "soumettre", ddets44)


def test_une_convention_abandonnee_ne_bloque_pas_la_periode(ddets44, dispositif44):
    abandonnee = convention_pour(dispositif44)
    executer_transition(
        Convention, abandonnee.pk, "abandonner", ddets44, commentaire="Erreur de saisie"
    )
    nouvelle = convention_pour(dispositif44)
    executer_transition(Convention, nouvelle.pk, "soumettre", ddets44)


def test_renouvellement_commence_apres_la_fin_de_la_precedente(national, dispositif44):
    precedente = amener(convention_pour(dispositif44), "signee", national)
    renouvellement = Convention(
        intitule="Renouvellement",
        type_convention="cada",
        entite=dispositif44.entite,
        departement_id="44",
        date_debut=precedente.date_fin,
        convention_precedente=precedente,
    )
    with pytest.raises(ValidationError) as erreur:
        renouvellement.full_clean()
    assert "Un renouvellement commence après la fin" in erreur.value.message_dict["date_debut"][0]


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"fichier": None}, "Joignez la copie signée"),
        ({"date_signature": None}, "Indiquez la date de signature"),
        ({"date_signature": jours(1)}, "ne peut pas être dans le futur"),
    ],
)
def test_signature_incomplete_refusee(national, ddets44, dispositif44, params, message):
    convention = amener(convention_pour(dispositif44), "validee", national)
    complets = {"date_signature": timezone.localdate(), "fichier": pdf()}
    with pytest.raises(TransitionImpossible, match=message):
        executer_transition(Convention, convention.pk, "signer", ddets44, **{**complets, **params})
    convention.refresh_from_db()
    assert convention.etat == EtatConvention.VALIDEE
    assert not convention.documents.exists()


def test_copie_signee_d_un_mauvais_type_refusee(national, ddets44, dispositif44):
    convention = amener(convention_pour(dispositif44), "validee", national)
    faux_pdf = pdf("copie.pdf", b"MZ\x90\x00 pas un pdf")
    with pytest.raises(TransitionImpossible, match="n.est pas un fichier accepté"):
        executer_transition(
            Convention,
            convention.pk,
            "signer",
            ddets44,
            date_signature=timezone.localdate(),
            fichier=faux_pdf,
        )
    convention.refresh_from_db()
    assert convention.etat == EtatConvention.VALIDEE


def test_resiliation_exige_un_motif(national, ddets44, dispositif44):
    convention = amener(convention_pour(dispositif44), "signee", national)
    with pytest.raises(TransitionImpossible, match="motif de la résiliation est obligatoire"):
        executer_transition(Convention, convention.pk, "resilier", ddets44, commentaire=" ")
    convention = executer_transition(
        Convention, convention.pk, "resilier", ddets44, commentaire="Fermeture du site"
    )
    assert convention.etat == EtatConvention.RESILIEE
    assert convention.date_resiliation == convention.date_debut
    assert convention.motif_resiliation == "Fermeture du site"
