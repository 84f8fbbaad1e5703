"""The conventions and avenants of the story, moved through their workflow by the demo accounts:

- 75: the previous convention of a CADA, signed years ago, put in force and expired by the
  scheduled task; an avenant reducing a CADA's places during works, signed and applied;
- 13: a convention résiliée (the dispositif stays financed: the quality check reports it);
- 44: the renewal of a convention ending within 6 months, in draft; a CPOM submitted (to
  pre-validate by the DDETS 44); a CPOM pre-validated (to validate by the DREETS 52); an avenant
  extending a HUDA, in draft (to validate by the DREETS 52).
"""

import datetime
from decimal import Decimal

from django.db.models import Sum

from backoffice.conventions.echeances import appliquer_echeances
from backoffice.conventions.models import (
    Avenant,
    Convention,
    EtatConvention,
    LigneAvenant,
    LigneConvention,
    MontantAvenant,
    MontantConvention,
    TypeConvention,
    ajouter_annees,
)
from backoffice.offre.choices import RegimeJuridique
from backoffice.offre.models import Dispositif, Financement
from workflows.services import executer_transition, journaliser_creation

from .communs import copie_signee

# Types financed by the DDETS under a CPOM in the demo (not covered by the park's conventions).
TYPES_CPOM = ["HEB_CHRS", "HEB_HORS_CHRS", "RS_PENSION", "RS_ACCUEIL", "IML_SOUS_LOC"]


def creer_convention(acteur, lignes, montants=(), commentaire="", **champs):
    """The creation path of the admin form: validated, saved, its lines and yearly amounts, and
    the first entry of its timeline. `lignes`: [(dispositif, places)]; `montants`:
    [(exercice, montant)]."""
    convention = Convention(cree_par=acteur, **champs)
    convention.full_clean(exclude=["numero"])
    convention.save()
    for dispositif, places in lignes:
        LigneConvention.objects.create(
            convention=convention, dispositif=dispositif, places_conventionnees=places
        )
    for exercice, montant in montants:
        MontantConvention.objects.create(convention=convention, exercice=exercice, montant=montant)
    journaliser_creation(convention, acteur, commentaire=commentaire)
    return convention


def creer_avenant(acteur, convention, objet, date_effet, lignes=(), montants=()):
    avenant = Avenant(convention=convention, objet=objet, date_effet=date_effet, cree_par=acteur)
    avenant.full_clean(exclude=["numero"])
    avenant.save()
    for dispositif_id, places in lignes:
        LigneAvenant.objects.create(
            avenant=avenant, dispositif_id=dispositif_id, places_conventionnees=places
        )
    for exercice, montant in montants:
        MontantAvenant.objects.create(avenant=avenant, exercice=exercice, montant=montant)
    journaliser_creation(avenant, acteur)
    return avenant


def transition(horloge, jours, model, objet, nom, acteur, **params):
    with horloge.etape(horloge.il_y_a(jours, 11)):
        return executer_transition(model, objet.pk, nom, acteur, **params)


def signer(horloge, jours, model, objet, acteur):
    jour = horloge.jour(jours)
    return transition(
        horloge,
        jours,
        model,
        objet,
        "signer",
        acteur,
        date_signature=jour,
        fichier=copie_signee(f"copie-signee-{jour:%Y%m%d}"),
        aujourdhui=jour,
    )


def echeances_du_jour(horloge, jour):
    """The daily scheduled task, run as on `jour` (6 a.m.)."""
    jours = (horloge.aujourdhui - jour).days
    with horloge.etape(horloge.il_y_a(jours, 6)):
        return appliquer_echeances(jour)


def raconter(horloge, acteurs):
    convention_expiree(horloge, acteurs)
    avenant_applique(horloge, acteurs)
    resiliation(horloge, acteurs)
    renouvellement(horloge, acteurs)
    cpoms(horloge, acteurs)
    avenant_a_valider(horloge, acteurs)


def _parc(departement, **filtres):
    return (
        Convention.objects.filter(
            departement_id=departement, etat=EtatConvention.EN_VIGUEUR, **filtres
        )
        .select_related("entite")
        .prefetch_related("lignes__dispositif__type", "montants")
        .order_by("numero")
    )


def convention_expiree(horloge, acteurs):
    """75: the previous five-year convention of a CADA whose current one is in force."""
    suivante = next(
        (
            c
            for c in _parc("75", type_convention=TypeConvention.CADA)
            if all(
                ligne.dispositif.date_ouverture
                and ligne.dispositif.date_ouverture <= ajouter_annees(c.date_debut, -5)
                for ligne in c.lignes.all()
            )
        ),
        None,
    )
    if suivante is None:
        return
    fin = suivante.date_debut - datetime.timedelta(days=1)
    debut = ajouter_annees(suivante.date_debut, -5)
    depuis = (horloge.aujourdhui - debut).days
    montant = min(suivante.montants.all(), key=lambda m: m.exercice).montant
    with horloge.etape(horloge.il_y_a(depuis + 90, 9)):
        precedente = creer_convention(
            acteurs.ddets75,
            [(ligne.dispositif, ligne.places_conventionnees) for ligne in suivante.lignes.all()],
            montants=[(annee, montant) for annee in range(debut.year, fin.year + 1)],
            intitule=suivante.intitule,
            type_convention=TypeConvention.CADA,
            entite=suivante.entite,
            departement_id="75",
            date_debut=debut,
            date_fin=fin,
            objectifs=suivante.objectifs,
        )
    transition(horloge, depuis + 85, Convention, precedente, "soumettre", acteurs.ddets75)
    transition(horloge, depuis + 80, Convention, precedente, "pre_valider", acteurs.ddets75)
    transition(horloge, depuis + 70, Convention, precedente, "valider", acteurs.national)
    signer(horloge, depuis + 60, Convention, precedente, acteurs.ddets75)
    echeances_du_jour(horloge, debut)
    echeances_du_jour(horloge, fin + datetime.timedelta(days=1))


def avenant_applique(horloge, acteurs):
    """75: four places closed during works, from 30 days ago (signed, applied by the task)."""
    convention = next(
        (
            c
            for c in _parc("75", date_debut__lte=horloge.jour(60))
            if any(ligne.places_conventionnees > 10 for ligne in c.lignes.all())
        ),
        None,
    )
    if convention is None:
        return
    ligne = next(ligne for ligne in convention.lignes.all() if ligne.places_conventionnees > 10)
    effet = horloge.jour(30)
    with horloge.etape(horloge.il_y_a(40, 15)):
        avenant = creer_avenant(
            acteurs.ddets75,
            convention,
            "Fermeture temporaire de 4 places pendant la rénovation d'un bâtiment.",
            effet,
            lignes=[(ligne.dispositif_id, ligne.places_conventionnees - 4)],
        )
    transition(horloge, 37, Avenant, avenant, "valider", acteurs.national)
    signer(horloge, 35, Avenant, avenant, acteurs.ddets75)
    echeances_du_jour(horloge, effet)


def resiliation(horloge, acteurs):
    """13: a convention terminated at the operator's request (not one of those ending soon)."""
    convention = _parc("13", date_fin__gt=horloge.jour(-200)).first()
    if convention is None:
        return
    transition(
        horloge,
        20,
        Convention,
        convention,
        "resilier",
        acteurs.national,
        commentaire="Résiliation à la demande de l'opérateur, qui cesse son activité sur ce site "
        "(transfert des personnes hébergées en cours).",
        date_resiliation=max(horloge.jour(14), convention.date_debut),
        aujourdhui=horloge.jour(20),
    )


def renouvellement(horloge, acteurs):
    """44: the renewal of the convention ending within 3 to 6 months, in draft."""
    convention = (
        _parc("44", date_fin__gt=horloge.jour(-90), date_fin__lte=horloge.jour(-180))
        .order_by("date_fin", "numero")
        .first()
    )
    if convention is None:
        return
    debut = convention.date_fin + datetime.timedelta(days=1)
    duree = convention.date_fin - convention.date_debut
    with horloge.etape(horloge.il_y_a(8, 14)):
        creer_convention(
            acteurs.ddets44,
            [(ligne.dispositif, ligne.places_conventionnees) for ligne in convention.lignes.all()],
            commentaire=f"Renouvellement de {convention.numero}",
            intitule=convention.intitule,
            type_convention=convention.type_convention,
            entite=convention.entite,
            departement_id="44",
            date_debut=debut,
            date_fin=debut + duree,
            signataire=convention.signataire,
            objectifs=convention.objectifs,
            convention_precedente=convention,
        )


def _cpom(horloge, acteur, entite, dispositifs, jours):
    """A three-year CPOM from next 1 January: today's places financées, today's amount a year."""
    annee = horloge.aujourdhui.year
    financements = Financement.objects.filter(dispositif__in=dispositifs, exercice=annee)
    par_dispositif = dict(
        financements.values("dispositif")
        .annotate(p=Sum("places_financees"))
        .values_list("dispositif", "p")
    )
    montant = financements.aggregate(m=Sum("montant_annuel"))["m"] or Decimal(0)
    lignes = []
    for dispositif in dispositifs:
        places = par_dispositif.get(dispositif.pk) or 0
        if dispositif.places_autorisees is not None:
            places = min(places, dispositif.places_autorisees)
        lignes.append((dispositif, places))
    with horloge.etape(horloge.il_y_a(jours, 16)):
        return creer_convention(
            acteur,
            lignes,
            montants=[(annee + n, montant) for n in (1, 2, 3)],
            intitule=f"CPOM {annee + 1}-{annee + 3} – {entite.raison_sociale}"[:255],
            type_convention=TypeConvention.CPOM,
            entite=entite,
            departement_id="44",
            date_debut=datetime.date(annee + 1, 1, 1),
            date_fin=datetime.date(annee + 3, 12, 31),
            objectifs="Fluidité vers le logement : 30 % de sorties vers un logement ; "
            "taux d'occupation de 95 %.",
        )


def cpoms(horloge, acteurs):
    """44: two CPOM of the entités running the most CHRS-like places, one submitted, one
    pre-validated."""
    dispositifs = (
        Dispositif.objects.filter(
            departement_id="44",
            type_id__in=TYPES_CPOM,
            date_fermeture__isnull=True,
            financements__exercice=horloge.aujourdhui.year,
        )
        .distinct()
        .select_related("entite", "type")
        .order_by("entite__raison_sociale", "code")
    )
    par_entite = {}
    for dispositif in dispositifs:
        par_entite.setdefault(dispositif.entite, []).append(dispositif)
    entites = list(par_entite)[:2]
    if entites:
        soumise = _cpom(horloge, acteurs.ddets44, entites[0], par_entite[entites[0]][:6], 10)
        transition(horloge, 3, Convention, soumise, "soumettre", acteurs.ddets44)
    if len(entites) > 1:
        pre_validee = _cpom(horloge, acteurs.ddets44, entites[1], par_entite[entites[1]][:6], 30)
        transition(horloge, 21, Convention, pre_validee, "soumettre", acteurs.ddets44)
        transition(horloge, 14, Convention, pre_validee, "pre_valider", acteurs.ddets44)


def avenant_a_valider(horloge, acteurs):
    """44: ten more places for a HUDA (declared: no authorised capacity to respect), from the
    first day of next month, with the matching amount for the rest of the year."""
    effet = (horloge.aujourdhui.replace(day=1) + datetime.timedelta(days=32)).replace(day=1)
    convention = next(
        (
            c
            for c in _parc("44", date_fin__gte=effet)
            if c.lignes.all()
            and all(
                ligne.dispositif.type.regime != RegimeJuridique.AUTORISATION
                for ligne in c.lignes.all()
            )
        ),
        None,
    )
    if convention is None:
        return
    ligne = convention.lignes.all()[0]
    cout = ligne.dispositif.type.cout_journalier_reference or Decimal("17")
    jours = (datetime.date(effet.year, 12, 31) - effet).days + 1
    actuel = convention.montant(effet.year) or convention.montant(horloge.aujourdhui.year)
    montant = (actuel or Decimal(0)) + 10 * cout * jours
    with horloge.etape(horloge.il_y_a(5, 10)):
        creer_avenant(
            acteurs.ddets44,
            convention,
            "Extension de 10 places à la demande de la DDETS (hausse des arrivées).",
            effet,
            lignes=[(ligne.dispositif_id, ligne.places_conventionnees + 10)],
            montants=[(effet.year, montant.quantize(Decimal("1")))],
        )
