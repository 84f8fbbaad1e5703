"""A populated database for the display tests: one object of each kind in every state, reached
through the real services (so that timelines and histories hold real entries), with optional
fields left empty on some objects and booleans both ways.

Everything is in the 44 (Loire-Atlantique, région 52) unless told, so that every role fixture of
tests/conftest.py sees a good part of it; a few objects are in the 75 for the perimeter's sake.
"""

import datetime
from decimal import Decimal

from django.core.files.base import ContentFile
from django.utils import timezone

from backoffice.acces.roles import Role
from backoffice.appels.models import AppelAProjets, Candidature, EtatAppel, EtatCandidature
from backoffice.controle.choix import E as EtatControle
from backoffice.controle.choix import TypeMesure
from backoffice.controle.models import Constat, Controle, Mesure, ProgrammeControle
from backoffice.controle.risques import proposer
from backoffice.conventions.echeances import appliquer_echeances
from backoffice.conventions.models import (
    Avenant,
    Convention,
    EtatAvenant,
    EtatConvention,
    MontantConvention,
)
from backoffice.demandes.models import Demande, EtatDemande, TypeDemande
from backoffice.evaluations.cycle import synchroniser
from backoffice.evaluations.models import Evaluation
from backoffice.offre.models import Dispositif, EntiteGestionnaire, Financement, GroupeDePlaces
from backoffice.qualite.models import Anomalie
from backoffice.qualite.services import justifier, recalculer
from backoffice.schemas.models import (
    ActionSchema,
    CampagneEvaluation,
    EvaluationAction,
    Objectif,
    SchemaRegional,
    Thematique,
)
from imports.models import EtatImport, ImportTemps1
from tests.appels.factories import appel_44, deposer, noter, ouvrir_instruction, publier
from tests.controle.factories import amener as amener_controle
from tests.controle.factories import mesure_pour, nouveau_controle
from tests.conventions.factories import amener, avenant_pour, convention_pour, jours, pdf
from tests.demandes.factories import DemandeFactory, piece_jointe
from tests.factories import (
    DispositifFactory,
    EntiteFactory,
    FinancementFactory,
    GroupeFactory,
    UserFactory,
    affecter,
)
from workflows.acteurs import Demandeur
from workflows.services import executer_transition, journaliser_evenement


def _offre(national):
    """Entités, dispositifs, groupes, financements; one of each with its optional fields empty,
    and a history holding a change of a choice, a boolean-free number and an empty value."""
    pleine = EntiteFactory(
        raison_sociale="Association Horizon",
        adresse="3 rue de la Paix",
        telephone="02 40 00 00 00",
        courriel="contact@horizon.example",
    )
    vide = EntiteFactory(raison_sociale="Collectif Sans Statut", statut_juridique="")
    EntiteFactory(
        raison_sociale="Association Parisienne",
        departement_id="75",
        commune="Paris",
        code_postal="75011",
    )
    complet = DispositifFactory(
        nom="CADA Les Tilleuls",
        entite=pleine,
        date_autorisation=datetime.date(2014, 6, 1),
        places_pmr=4,
        telephone="02 40 11 11 11",
    )
    minimal = DispositifFactory(
        nom="HUDA Minimal",
        entite=vide,
        type_id="HUDA",
        places_autorisees=None,
        mode_hebergement="",
        public="tout_public",
    )
    DispositifFactory(nom="CADA Ferme", entite=pleine, date_fermeture=datetime.date(2020, 12, 31))
    DispositifFactory(
        nom="CADA Paris", entite=vide, departement_id="75", commune="Paris", code_postal="75011"
    )
    # A history with a choice, a number and a value emptied (before → after on screen).
    complet.public = "isoles"
    complet.places_autorisees = 90
    complet.date_autorisation = None
    complet._change_reason = "Extension"
    complet.save()
    GroupeFactory(dispositif=complet, date_debut=datetime.date(2015, 1, 1))
    GroupeFactory(dispositif=minimal, mode_hebergement="", date_debut=None, date_fin=None)
    FinancementFactory(dispositif=complet)
    FinancementFactory(
        dispositif=minimal, service_financeur="", orientation="", places_financees=10
    )
    return complet, minimal


def _conventions(national, dispositif):
    """A convention in every state, an avenant in every state, documents."""
    conventions = {}
    for etat in ("brouillon", "soumise", "pre_validee", "validee", "signee"):
        # Conventions of one dispositif must not overlap once submitted: one dispositif each.
        cible = DispositifFactory(entite=dispositif.entite) if etat != "brouillon" else dispositif
        intitule = f"Convention {EtatConvention(etat).label}"
        convention = convention_pour(cible, places=50, intitule=intitule)
        if etat != "brouillon":
            convention = amener(convention, etat, national)
        conventions[etat] = convention
    MontantConvention.objects.create(
        convention=conventions["brouillon"], exercice=timezone.localdate().year, montant=1000
    )
    # In force, expired and terminated: started in the past.
    for etat in ("en_vigueur", "expiree", "resiliee"):
        debut = jours(-400)
        convention = convention_pour(
            DispositifFactory(entite=dispositif.entite),
            places=50,
            intitule=f"Convention {EtatConvention(etat).label}",
            type_convention="huda",
            date_debut=debut,
            date_fin=jours(-10) if etat == "expiree" else jours(300),
            nationale=True,
            signataire_nom="Préfète de la Loire-Atlantique",
        )
        convention = amener(convention, "signee", national, date_signature=jours(-401))
        conventions[etat] = convention
    appliquer_echeances(timezone.localdate())
    executer_transition(
        Convention,
        conventions["resiliee"].pk,
        "resilier",
        national,
        commentaire="Fermeture du site",
    )
    abandonnee = convention_pour(dispositif, intitule="Convention abandonnée")
    executer_transition(
        Convention, abandonnee.pk, "abandonner", national, commentaire="Projet retiré"
    )
    conventions["abandonnee"] = abandonnee
    en_vigueur = Convention.objects.get(pk=conventions["en_vigueur"].pk)
    assert en_vigueur.etat == EtatConvention.EN_VIGUEUR, en_vigueur.etat
    cible = en_vigueur.lignes.get().dispositif
    for etat in ("brouillon", "validee", "signee"):
        avenant = avenant_pour(en_vigueur, cible, 60, date_effet=jours(5))
        if etat in ("validee", "signee"):
            avenant = executer_transition(Avenant, avenant.pk, "valider", national)
        if etat == "signee":
            avenant = executer_transition(
                Avenant,
                avenant.pk,
                "signer",
                national,
                date_signature=timezone.localdate(),
                fichier=pdf("avenant.pdf"),
            )
        assert avenant.etat == EtatAvenant(etat), avenant.etat
    return conventions


def _appels(national, ddets44, gestionnaire, entite, autre_entite):
    """A call in every state, a candidature in every state."""
    creer = {"date_limite": timezone.now() + datetime.timedelta(days=30, hours=3)}
    appels = {"brouillon": appel_44(titre="Appel brouillon", nationale=True)}
    chemin = ["soumettre", "pre_valider", "valider"]
    for rang, etat in enumerate(["soumis", "pre_valide", "valide"]):
        appel = appel_44(titre=f"Appel {rang}", description="")
        for nom in chemin[: rang + 1]:
            appel = executer_transition(AppelAProjets, appel.pk, nom, national)
        appels[etat] = appel
    annule = appel_44(titre="Appel annulé")
    appels["annule"] = executer_transition(
        AppelAProjets, annule.pk, "annuler", national, commentaire="Besoin couvert"
    )
    # Published, still open (its deadline is after every other one).
    appels["publie"] = publier(
        appel_44(titre="Appel publié", date_limite=timezone.now() + datetime.timedelta(days=90)),
        national,
    )

    # In instruction: one candidature in each state that does not end the selection.
    instruction = publier(appel_44(titre="Appel en instruction", **creer), national)
    c = {
        etat: deposer(
            gestionnaire, instruction, entite, nom_projet=f"Projet {EtatCandidature(etat).label}"
        )
        for etat in ("deposee", "recevable", "instruite", "retenue", "irrecevable", "desistee")
    }
    clos = publier(appel_44(titre="Appel clos", **creer), national)
    infructueux = publier(appel_44(titre="Appel infructueux", **creer), national)
    selection = publier(appel_44(titre="Appel sélection arrêtée", **creer), national)
    termine = publier(appel_44(titre="Appel terminé", **creer), national)
    retenue_selection = deposer(ddets44, selection, autre_entite, nom_projet="Projet retenu")
    conventionnee = deposer(gestionnaire, termine, entite, nom_projet="Projet conventionné")
    non_retenue = deposer(gestionnaire, termine, entite, nom_projet="Projet non retenu")
    instruction = ouvrir_instruction(instruction, national)  # closes them all
    appels["clos"] = AppelAProjets.objects.get(pk=clos.pk)
    appels["en_instruction"] = instruction
    appels["infructueux"] = executer_transition(
        AppelAProjets, infructueux.pk, "declarer_infructueux", national, commentaire="Aucun projet"
    )
    for appel in (selection, termine):
        executer_transition(AppelAProjets, appel.pk, "ouvrir_instruction", national)

    def retenir(candidature):
        executer_transition(Candidature, candidature.pk, "declarer_recevable", national)
        noter(candidature, national, [15, 12])
        return executer_transition(Candidature, candidature.pk, "retenir", national)

    executer_transition(Candidature, c["recevable"].pk, "declarer_recevable", national)
    executer_transition(Candidature, c["instruite"].pk, "declarer_recevable", national)
    noter(c["instruite"], national, [14, 9])
    retenir(c["retenue"])
    executer_transition(
        Candidature, c["irrecevable"].pk, "declarer_irrecevable", national, commentaire="Hors délai"
    )
    executer_transition(Candidature, c["desistee"].pk, "desister", gestionnaire)
    retenir(retenue_selection)
    appels["selection_arretee"] = executer_transition(
        AppelAProjets, selection.pk, "arreter_selection", national
    )
    retenir(conventionnee)
    executer_transition(Candidature, non_retenue.pk, "declarer_recevable", national)
    noter(non_retenue, national, [5, 4])
    executer_transition(
        Candidature, non_retenue.pk, "ne_pas_retenir", national, commentaire="Coût trop élevé"
    )
    executer_transition(AppelAProjets, termine.pk, "arreter_selection", national)
    executer_transition(
        Candidature, conventionnee.pk, "conventionner", national, date_debut=jours(30)
    )
    appels["termine"] = executer_transition(AppelAProjets, termine.pk, "terminer", national)
    for etat, appel in appels.items():
        appel.refresh_from_db()
        assert appel.etat == EtatAppel(etat), (etat, appel.etat)
    etats = set(Candidature.objects.values_list("etat", flat=True))
    assert etats == set(EtatCandidature.values), etats
    return appels


def _demandes(siao44, ddets44, dispositif):
    """A request of each type and in every state, with timeline entries and attachments."""
    soumise = DemandeFactory(description="", demandeur_fonction="")
    piece_jointe(soumise, "budget.pdf", b"%PDF")
    journaliser_evenement(soumise, Demandeur(soumise.jeton), "ajouter_pieces", commentaire="a.pdf")
    pre = DemandeFactory()
    executer_transition(Demande, pre.pk, "pre_valider", siao44, commentaire="Dossier complet")
    completer = DemandeFactory()
    executer_transition(
        Demande,
        completer.pk,
        "demander_complements",
        siao44,
        commentaire="Budget manquant",
        interne=True,
    )
    validee = DemandeFactory()
    executer_transition(Demande, validee.pk, "pre_valider", siao44)
    executer_transition(Demande, validee.pk, "valider", ddets44)
    refusee = DemandeFactory()
    executer_transition(Demande, refusee.pk, "refuser", ddets44, commentaire="Hors besoin")
    annulee = DemandeFactory()
    executer_transition(Demande, annulee.pk, "annuler", Demandeur(annulee.jeton))
    modification = DemandeFactory(
        type_demande=TypeDemande.MODIFICATION,
        dispositif=dispositif,
        entite=dispositif.entite,
        nouvelle_entite={},
        donnees_dispositif={"places_autorisees": 95, "public": "familles", "courriel": ""},
        groupes=[],
        financements=[],
    )
    fermeture = DemandeFactory(
        type_demande=TypeDemande.FERMETURE,
        dispositif=dispositif,
        entite=dispositif.entite,
        nouvelle_entite={},
        donnees_dispositif={},
        groupes=[],
        financements=[],
        date_fermeture=jours(60),
    )
    etats = set(Demande.objects.values_list("etat", flat=True))
    assert etats == set(EtatDemande.values), etats
    return [soumise, pre, completer, validee, refusee, annulee, modification, fermeture]


def _qualite(national):
    """Three anomalies: justified, resolved, open (the others found are not needed)."""
    recalculer()
    # Open ones: outside a test transaction, saves already ran the rules and resolved some.
    anomalies = list(Anomalie.objects.ouvertes().order_by("pk")[:3])
    assert len(anomalies) == 3, anomalies
    Anomalie.objects.exclude(pk__in=[a.pk for a in anomalies]).delete()
    justifier(anomalies[0], national, "Accord de la DDETS")
    Anomalie.objects.filter(pk=anomalies[1].pk).update(resolue_le=timezone.now())


def _evaluations(dispositif):
    """The ESSMS cycles (every state on screen): one evaluation received, with its body and
    conclusion, the others empty."""
    synchroniser()
    recue = Evaluation.objects.filter(dispositif=dispositif).order_by("rang").first()
    recue.organisme_evaluateur = "Cabinet Qualis"
    recue.date_reception = datetime.date(2020, 9, 1)
    recue.conclusion = "Démarche d'amélioration continue engagée."
    recue.save()


def _controles(national, gestionnaire, dispositif):
    """A programme proposed from risk, a control in every state (one with findings, one
    answered by the entité), measures in every follow-up state."""
    programme = ProgrammeControle.objects.create(departement_id="44", annee=2026)
    proposer(programme, national, nombre=2)
    for etat in EtatControle.values:
        controle = nouveau_controle(dispositif, programme=programme if etat == "prepare" else None)
        controle = amener_controle(controle, etat, national)
        if etat == EtatControle.RAPPORT_PROVISOIRE:
            Constat.objects.create(controle=controle, theme="securite", texte="Issue encombrée")
        if etat == EtatControle.PROCEDURE_CONTRADICTOIRE:
            executer_transition(
                Controle, controle.pk, "repondre", gestionnaire, commentaire="Nos observations"
            )
        if etat == EtatControle.SUITES_EN_COURS:
            mesure_pour(controle, TypeMesure.INJONCTION)
            for nom, commentaire in (("lever", ""), ("constater_non_levee", "Rien n'a changé")):
                mesure = controle.mesures.filter(etat="a_suivre").first()
                executer_transition(Mesure, mesure.pk, nom, national, commentaire=commentaire)
            mesure_pour(controle, TypeMesure.FERMETURE)


def _schema():
    schema = SchemaRegional.objects.create(
        region_id="52", titre="Schéma des Pays de la Loire", annee_debut=2021, annee_fin=2023
    )
    objectif = Objectif.objects.create(schema=schema, numero=1, libelle="Consolider le parc")
    thematique = Thematique.objects.create(objectif=objectif, libelle="Capacités")
    action = ActionSchema.objects.create(thematique=thematique, libelle="Ouvrir 100 places")
    ActionSchema.objects.create(thematique=thematique, libelle="Créer un CAES", pilote="")
    campagne = CampagneEvaluation.objects.create(
        schema=schema, libelle="Première évaluation", date=datetime.date(2023, 11, 30)
    )
    EvaluationAction.objects.create(campagne=campagne, action=action)


def _imports(national):
    for rang, etat in enumerate(EtatImport.values):
        ImportTemps1.objects.create(
            fichier=ContentFile(b"PK", name="classeur.xlsx"),
            nom_fichier=f"classeur-{rang}.xlsx",
            deposant=national if etat != EtatImport.DEPOSEE else None,
            etat=etat,
            perimetre_libelle="National",
            applique_le=timezone.now() if etat == EtatImport.APPLIQUEE else None,
            message_echec="Fichier illisible" if etat == EtatImport.ECHEC else "",
        )


def peupler(national, ddets44, siao44):
    """Build the whole data set; return a few objects the tests name."""
    complet, minimal = _offre(national)
    gestionnaire = UserFactory(username="gestionnaire.horizon@example.gouv.fr")
    affecter(gestionnaire, Role.GESTIONNAIRE, entite=complet.entite)
    inactif = UserFactory(username="ancien@example.gouv.fr")
    affecter(inactif, Role.LECTEUR, departements=["44"]).__class__.objects.filter(
        utilisateur=inactif
    ).update(actif=False)
    conventions = _conventions(national, complet)
    appels = _appels(national, ddets44, gestionnaire, complet.entite, minimal.entite)
    demandes = _demandes(siao44, ddets44, complet)
    _qualite(national)
    _evaluations(complet)
    _controles(national, gestionnaire, complet)
    _schema()
    _imports(national)
    return {
        "dispositif": complet,
        "dispositif_minimal": minimal,
        "conventions": conventions,
        "appels": appels,
        "demandes": demandes,
        "gestionnaire": gestionnaire,
        "entites": list(EntiteGestionnaire.objects.all()),
        "groupes": list(GroupeDePlaces.objects.all()),
        "financements": list(Financement.objects.all()),
        "montant": Decimal("1000"),
        "dispositifs": list(Dispositif.objects.all()),
    }
