"""The world the URL walk probes: the role accounts of the Loire-Atlantique (44) and the région
Pays de la Loire (52), a small 44 world of their own, and a populated Paris (75) world out of
their perimeter — one object of every model, in several states, reached through the real
services.

Every text of the 75 world carries a marker `Lutetia-<tag>` (names, titles, file contents): a
page that shows a marker to an account of the 44 names an object out of its perimeter. Codes
drawn by the application (convention numbers, dispositif codes, call references…) are markers
too. `photo()` takes a snapshot of the 75 world (every row, every field) and the row count of
every table that matters: comparing two snapshots tells whether a request performed an action.
"""

import datetime
import functools
import io
import re
from dataclasses import dataclass, field

from django.apps import apps
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.utils import timezone
from PIL import Image
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection

from backoffice.acces.roles import Role
from backoffice.appels.models import ETATS_PUBLICS, AppelAProjets, Candidature
from backoffice.controle.choix import E as EtatControle
from backoffice.controle.choix import TypeMesure
from backoffice.controle.models import Constat, Controle, ProgrammeControle
from backoffice.demandes.models import Demande
from backoffice.evaluations.cycle import synchroniser
from backoffice.evaluations.models import Evaluation
from backoffice.exportations.models import ExportDiffere
from backoffice.offre.models import ContactReferent, Dispositif
from backoffice.qualite.models import Anomalie
from backoffice.schemas.models import (
    ActionSchema,
    CampagneEvaluation,
    EvaluationAction,
    Objectif,
    SchemaRegional,
    Thematique,
)
from imports.models import ImportTemps1
from tests.appels.factories import appel_44, deposer, publier
from tests.controle.factories import amener as amener_controle
from tests.controle.factories import mesure_pour, nouveau_controle
from tests.conventions.factories import amener, avenant_pour, convention_pour, jours
from tests.demandes.factories import DemandeFactory, piece_jointe
from tests.factories import (
    DispositifFactory,
    EntiteFactory,
    FinancementFactory,
    GroupeFactory,
    UserFactory,
    affecter,
    departement,
    siao_de,
)
from workflows.services import executer_transition

MARQUE = "Lutetia"
MOTIF_MARQUE = re.compile(rb"Lutetia-[A-Za-z0-9_-]+")
# A real (minimal) PDF whose bytes carry the marker: a download of it names its owner.
PDF = b"%PDF-1.4\n% Lutetia-fichier-pdf\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def png():
    """A real 1×1 PNG (Wagtail reads the image on save)."""
    tampon = io.BytesIO()
    Image.new("RGB", (1, 1)).save(tampon, "PNG")
    return tampon.getvalue()


# Apps whose tables are counted in every snapshot (a row created anywhere is an action).
APPS_SURVEILLEES = [
    "offre",
    "acces",
    "demandes",
    "conventions",
    "appels",
    "qualite",
    "controle",
    "schemas",
    "imports",
    "evaluations",
    "workflows",
    "territoires",
    "auth",
    "wagtaildocs",
    "wagtailimages",
    "wagtailcore",
]
# Tables that change without any action of the user: session and cache rows, Wagtail's
# reference index and editing sessions (the admin's own bookkeeping), task results.
MODELES_IGNORES = {
    "wagtailcore.referenceindex",
    "wagtailcore.taskstate",
    "wagtailcore.workflowstate",
}


def pdf(nom="lutetia.pdf"):
    return SimpleUploadedFile(nom, PDF, content_type="application/pdf")


@dataclass
class Monde:
    acteurs: dict = field(default_factory=dict)  # role name → user (None: anonymous)
    objets: dict = field(default_factory=dict)  # model label → [objects of the 75 world]
    marqueurs: dict = field(default_factory=dict)  # marker (bytes) → description
    publics: set = field(default_factory=set)  # markers a gestionnaire may see (public calls)
    propres: dict = field(default_factory=dict)  # the 44 world: name → object

    def ajouter(self, objet, *marqueurs):
        self.objets.setdefault(objet._meta.label_lower, []).append(objet)
        for marqueur in marqueurs:
            if marqueur:
                self.marqueurs[marqueur.encode()] = f"{objet._meta.label_lower} n° {objet.pk}"
        return objet

    def de(self, label):
        return self.objets.get(label, [])

    def marqueurs_visibles(self, corps, role):
        """The markers of the 75 world found in a response body, for an account of `role`."""
        trouves = set(MOTIF_MARQUE.findall(corps))
        trouves |= {m for m in self.marqueurs if not m.startswith(b"Lutetia-") and m in corps}
        if role == "gestionnaire44":
            trouves -= self.publics
        return sorted(m.decode() for m in trouves)

    def photo(self):
        """(rows of the 75 world, row count of every watched table)."""
        lignes = {}
        for label, objets in self.objets.items():
            modele = apps.get_model(label)
            pks = [o.pk for o in objets]
            lignes[label] = list(modele._default_manager.filter(pk__in=pks).order_by("pk").values())
        return lignes, compter_lignes()


def _modeles_surveilles():
    for config in APPS_SURVEILLEES:
        for modele in apps.get_app_config(config).get_models():
            if modele._meta.label_lower in MODELES_IGNORES or modele._meta.proxy:
                continue
            yield modele


@functools.cache
def tables_surveillees():
    return frozenset(m._meta.db_table for m in _modeles_surveilles())


def compter_lignes():
    """Row count of every watched table, in one query."""
    tables = sorted({m._meta.db_table for m in _modeles_surveilles()})
    q = connection.ops.quote_name
    requete = "SELECT " + ", ".join(f"(SELECT COUNT(*) FROM {q(t)})" for t in tables)
    with connection.cursor() as curseur:
        curseur.execute(requete)
        return dict(zip(tables, curseur.fetchone(), strict=True))


def differences(avant, apres):
    """What changed between two snapshots, in words (empty: nothing)."""
    lignes_avant, comptes_avant = avant
    lignes_apres, comptes_apres = apres
    ecarts = []
    for label, rangees in lignes_avant.items():
        if rangees != lignes_apres.get(label):
            par_pk = {r["id"]: r for r in lignes_apres.get(label, [])}
            for rangee in rangees:
                nouvelle = par_pk.get(rangee["id"])
                if nouvelle is None:
                    ecarts.append(f"{label} n° {rangee['id']} supprimé")
                elif nouvelle != rangee:
                    champs = sorted(k for k in rangee if rangee[k] != nouvelle.get(k))
                    ecarts.append(f"{label} n° {rangee['id']} modifié ({', '.join(champs)})")
    for table, nombre in comptes_avant.items():
        if comptes_apres.get(table) != nombre:
            ecarts.append(f"table {table} : {nombre} → {comptes_apres.get(table)} lignes")
    return ecarts


# ---------------------------------------------------------------------------------------------
# Accounts
# ---------------------------------------------------------------------------------------------


def creer_acteurs(monde):
    """The role accounts of tests/conftest.py (same names, same perimeters), module-wide."""
    dispositif44 = DispositifFactory(departement_id="44", nom="CADA Erdre")
    monde.propres["dispositif"] = dispositif44

    def compte(nom, role, **perimetre):
        user = UserFactory(username=f"{nom}@example.gouv.fr")
        affecter(user, role, **perimetre)
        monde.acteurs[nom] = user
        return user

    compte("national", Role.NATIONAL)
    compte("ddets44", Role.DEPARTEMENTAL, departements=["44"])
    compte("siao44", Role.SIAO, siao=siao_de("44"))
    compte("regional52", Role.REGIONAL, region="52")
    compte("lecteur44", Role.LECTEUR, departements=["44"])
    compte("gestionnaire44", Role.GESTIONNAIRE, entite=dispositif44.entite)
    monde.acteurs["anonyme"] = None
    demande44 = DemandeFactory(departement_id="44")
    piece_jointe(demande44, "piece44.pdf", b"%PDF-1.4\n%%EOF\n")
    monde.propres["demande"] = demande44


# ---------------------------------------------------------------------------------------------
# The 75 world
# ---------------------------------------------------------------------------------------------


def _offre(monde, national):
    paris = departement("75")
    entite = EntiteFactory(
        raison_sociale="Association Lutetia-entite",
        departement=paris,
        commune="Paris",
        code_postal="75011",
    )
    vide = EntiteFactory(
        raison_sociale="Association Lutetia-entite-vide",
        departement=paris,
        commune="Paris",
        code_postal="75012",
    )
    monde.ajouter(entite, "Lutetia-entite", entite.siren)
    monde.ajouter(vide, "Lutetia-entite-vide", vide.siren)
    contact = ContactReferent.objects.create(
        entite=entite,
        role="gestionnaire",
        nom="Lutetia-contact",
        courriel="contact@lutetia.example",
    )
    monde.ajouter(contact, "Lutetia-contact")
    dispositif = DispositifFactory(
        nom="CADA Lutetia-dispositif",
        entite=entite,
        departement=paris,
        commune="Paris",
        code_postal="75011",
    )
    ferme = DispositifFactory(
        nom="HUDA Lutetia-dispositif-ferme",
        entite=entite,
        departement=paris,
        commune="Paris",
        code_postal="75013",
        date_fermeture=jours(-30),
    )
    monde.ajouter(dispositif, "Lutetia-dispositif", dispositif.code)
    monde.ajouter(ferme, "Lutetia-dispositif-ferme", ferme.code)
    groupe = GroupeFactory(dispositif=dispositif, libelle="Lutetia-groupe", commune="Paris")
    monde.ajouter(groupe, "Lutetia-groupe")
    financement = FinancementFactory(dispositif=dispositif, places_financees=80)
    monde.ajouter(financement)
    gestionnaire75 = UserFactory(
        username="lutetia-gestionnaire@example.org", last_name="Lutetia-gestionnaire"
    )
    monde.ajouter(gestionnaire75, "Lutetia-gestionnaire")
    monde.ajouter(affecter(gestionnaire75, Role.GESTIONNAIRE, entite=entite))
    ddets75 = UserFactory(username="lutetia-ddets@example.gouv.fr", last_name="Lutetia-ddets")
    monde.ajouter(ddets75, "Lutetia-ddets")
    monde.ajouter(affecter(ddets75, Role.DEPARTEMENTAL, departements=["75"]))
    return entite, dispositif, ddets75, gestionnaire75


def _demandes(monde, national, dispositif):
    for etat, chemin in (
        ("soumise", []),
        ("pre_validee", ["pre_valider"]),
        ("a_completer", ["demander_complements"]),
    ):
        demande = DemandeFactory(
            departement_id="75",
            demandeur_organisation=f"Lutetia-demandeur-{etat}",
            nouvelle_entite={
                "siren": "",
                "raison_sociale": f"Association Lutetia-nouvelle-{etat}",
                "statut_juridique": "association",
            },
            donnees_dispositif={
                "nom": f"CADA Lutetia-projet-{etat}",
                "commune": "Paris",
                "code_postal": "75011",
                "public": "familles",
                "mode_hebergement": "diffus",
                "places_autorisees": 60,
            },
        )
        for nom in chemin:
            demande = executer_transition(Demande, demande.pk, nom, national, commentaire="Sonde")
        monde.ajouter(demande, f"Lutetia-demandeur-{etat}", demande.numero, demande.jeton)
    piece = piece_jointe(
        monde.de("demandes.demande")[0], "Lutetia-piece.pdf", PDF, fichier="lutetia-piece.pdf"
    )
    monde.ajouter(piece, "Lutetia-piece")
    fermeture = DemandeFactory(
        departement_id="75",
        type_demande="fermeture",
        entite=dispositif.entite,
        dispositif=dispositif,
        demandeur_organisation="Lutetia-demandeur-fermeture",
        date_fermeture=jours(60),
        nouvelle_entite={},
        donnees_dispositif={},
        groupes=[],
        financements=[],
    )
    monde.ajouter(fermeture, "Lutetia-demandeur-fermeture", fermeture.numero, fermeture.jeton)


def _conventions(monde, national, dispositif):
    # Periods apart: one dispositif is covered by one convention at a time. The draft comes
    # first: a pattern aimed at one object gets the one its action would apply to.
    for rang, etat in ((1, "brouillon"), (0, "signee"), (2, "soumise"), (3, "validee")):
        convention = convention_pour(
            dispositif,
            places=40,
            intitule=f"Convention Lutetia-convention-{etat}",
            date_debut=jours(-300 + 1000 * rang),
            date_fin=jours(600 + 1000 * rang),
        )
        if etat != "brouillon":
            convention = amener(convention, etat, national, date_signature=jours(-300))
        monde.ajouter(convention, f"Lutetia-convention-{etat}", convention.numero)
        for ligne in convention.lignes.all():
            monde.ajouter(ligne)
        if etat == "signee":
            brouillon = avenant_pour(convention, dispositif, 50, jours(30))
            brouillon.objet = "Lutetia-avenant-brouillon"
            brouillon.save()
            valide = avenant_pour(convention, dispositif, 45, jours(20))
            valide.objet = "Lutetia-avenant-valide"
            valide.save()
            valide = executer_transition(type(valide), valide.pk, "valider", national)
            monde.ajouter(brouillon, "Lutetia-avenant-brouillon")
            monde.ajouter(valide, "Lutetia-avenant-valide")
    for document in apps.get_model("conventions.documentconvention").objects.filter(
        convention__departement_id="75"
    ):
        monde.ajouter(document)
        monde.ajouter(document.document, document.document.title)


def _appels(monde, national, entite, gestionnaire75):
    region = apps.get_model("territoires.region").objects.get(code="11")
    for etat in ("brouillon", "soumis", "publie", "annule"):
        appel = appel_44(
            repartition=(("75", 100),),
            criteres=((f"Lutetia-critere-{etat}", 1),),
            titre=f"Appel Lutetia-appel-{etat}",
            region=region,
            description=f"Lutetia-appel-{etat}-description",
        )
        if etat == "soumis":
            appel = executer_transition(AppelAProjets, appel.pk, "soumettre", national)
        elif etat == "publie":
            appel = publier(appel, national)
        elif etat == "annule":
            appel = executer_transition(
                AppelAProjets, appel.pk, "annuler", national, commentaire="Lutetia-motif"
            )
        monde.ajouter(appel, f"Lutetia-appel-{etat}", appel.reference)
        for enfant in (*appel.repartitions.all(), *appel.criteres.all()):
            monde.ajouter(enfant)
        if appel.etat in ETATS_PUBLICS:
            monde.publics |= {
                f"Lutetia-appel-{etat}".encode(),
                f"Lutetia-appel-{etat}-description".encode(),
                f"Lutetia-critere-{etat}".encode(),
                appel.reference.encode(),
            }
        if etat == "publie":
            candidature = deposer(
                gestionnaire75,
                appel,
                entite,
                departement="75",
                nom_projet="Projet Lutetia-candidature",
                communes="Paris Lutetia-communes",
            )
            monde.ajouter(candidature, "Lutetia-candidature", candidature.numero)
            desistee = deposer(
                gestionnaire75,
                appel,
                entite,
                departement="75",
                nom_projet="Projet Lutetia-candidature-desistee",
                communes="Paris",
            )
            desistee = executer_transition(Candidature, desistee.pk, "desister", gestionnaire75)
            monde.ajouter(desistee, "Lutetia-candidature-desistee")
            from backoffice.appels.services import ajouter_document

            document = ajouter_document(
                candidature, pdf(), "dossier", gestionnaire75, titre="Lutetia-dossier"
            )
            monde.ajouter(document)
            monde.ajouter(document.document, "Lutetia-dossier")


def _qualite(monde, dispositif):
    maintenant = timezone.now()
    for etat, justification in (("ouverte", ""), ("justifiee", "Lutetia-justification")):
        anomalie = Anomalie.objects.create(
            regle="sans_financement",
            severite="moyenne",
            departement_id="75",
            dispositif=dispositif,
            cle=f"sonde-{etat}",
            message=f"Lutetia-anomalie-{etat}",
            detectee_le=maintenant,
            vue_le=maintenant,
            justification=justification,
            justifiee_le=maintenant if justification else None,
        )
        monde.ajouter(anomalie, f"Lutetia-anomalie-{etat}")


def _evaluations(monde, dispositif):
    """The 75 dispositif's cycle (opened in 2015: due 2020, 2025, 2030): the first with its
    report recorded, the others empty (the edit view's target)."""
    synchroniser(Dispositif.objects.filter(pk=dispositif.pk))
    evaluations = list(Evaluation.objects.filter(dispositif=dispositif).order_by("rang"))
    recue = evaluations[0]
    recue.organisme_evaluateur = "Cabinet Lutetia-organisme"
    recue.date_reception = datetime.date(2020, 3, 1)
    recue.conclusion = "Lutetia-conclusion"
    recue.document = get_document_model().objects.create(
        title="Lutetia-rapport", file=ContentFile(PDF, name="lutetia-rapport.pdf")
    )
    recue.save()
    monde.ajouter(recue.document, "Lutetia-rapport")
    for evaluation in [*evaluations[1:], recue]:
        monde.ajouter(evaluation, "Lutetia-organisme" if evaluation is recue else "")


def _controles(monde, national, dispositif, gestionnaire75):
    """A programme of the 75 and its controls in every state (the programmed one first: the one
    an edit or a delete applies to), their findings, measures and documents."""
    programme = ProgrammeControle.objects.create(
        departement_id="75", annee=2026, commentaire="Lutetia-programme"
    )
    monde.ajouter(programme, "Lutetia-programme")
    for etat in (
        EtatControle.PROGRAMME,
        EtatControle.RAPPORT_DEFINITIF,
        EtatControle.PREPARE,
        EtatControle.REALISE,
        EtatControle.RAPPORT_PROVISOIRE,
        EtatControle.PROCEDURE_CONTRADICTOIRE,
        EtatControle.SUITES_EN_COURS,
        EtatControle.CLOS,
        EtatControle.ANNULE,
    ):
        controle = nouveau_controle(
            dispositif,
            programme=programme,
            inspecteurs=f"Lutetia-inspecteurs-{etat}",
            origine=f"Lutetia-origine-{etat}",
        )
        controle = amener_controle(controle, etat, national)
        monde.ajouter(controle, f"Lutetia-inspecteurs-{etat}", controle.reference)
        if etat == EtatControle.RAPPORT_DEFINITIF:
            # Measures a_suivre of a control at its final report: edited, deleted, proposed.
            for type_mesure in (TypeMesure.MINORATION, TypeMesure.FERMETURE):
                mesure = mesure_pour(
                    controle,
                    type_mesure,
                    texte=f"Lutetia-mesure-{type_mesure}",
                    date_fermeture=jours(90),
                )
                monde.ajouter(mesure, f"Lutetia-mesure-{type_mesure}")
            constat = Constat.objects.create(
                controle=controle, theme="securite", texte="Lutetia-constat", gravite="majeure"
            )
            monde.ajouter(constat, "Lutetia-constat")
        if etat == EtatControle.PROCEDURE_CONTRADICTOIRE:
            controle = executer_transition(
                Controle, controle.pk, "repondre", gestionnaire75, commentaire="Lutetia-reponse"
            )
            monde.marqueurs[b"Lutetia-reponse"] = f"controle.controle n° {controle.pk}"
    for mesure in (
        apps.get_model("controle.mesure")
        .objects.filter(controle__departement_id="75")
        .exclude(texte__startswith="Lutetia-")
    ):
        monde.ajouter(mesure)
    for document in apps.get_model("controle.documentcontrole").objects.filter(
        controle__departement_id="75"
    ):
        monde.ajouter(document)
        monde.ajouter(document.document, document.document.title)


def _schemas(monde, ddets75):
    for annee, suffixe, campagne in ((2021, "", True), (2024, "-vide", False)):
        schema = SchemaRegional.objects.create(
            region_id="11",
            titre=f"Schéma Lutetia-schema{suffixe}",
            annee_debut=annee,
            annee_fin=annee + 2,
        )
        monde.ajouter(schema, f"Lutetia-schema{suffixe}")
        objectif = Objectif.objects.create(
            schema=schema, numero=1, libelle=f"Lutetia-objectif{suffixe}"
        )
        thematique = Thematique.objects.create(
            objectif=objectif, libelle=f"Lutetia-thematique{suffixe}", ordre=1
        )
        action = ActionSchema.objects.create(
            thematique=thematique, libelle=f"Lutetia-action{suffixe}", ordre=1
        )
        monde.ajouter(objectif, f"Lutetia-objectif{suffixe}")
        monde.ajouter(thematique, f"Lutetia-thematique{suffixe}")
        monde.ajouter(action, f"Lutetia-action{suffixe}")
        if campagne:
            campagne = CampagneEvaluation.objects.create(
                schema=schema, libelle="Lutetia-campagne", date=datetime.date(2023, 11, 30)
            )
            monde.ajouter(campagne, "Lutetia-campagne")
            evaluation = EvaluationAction.objects.create(
                campagne=campagne,
                action=action,
                realisation="oui",
                commentaire="Lutetia-evaluation",
                evalue_par=ddets75,
            )
            monde.ajouter(evaluation, "Lutetia-evaluation")


def _imports(monde, ddets75):
    for etat in ("analysee", "appliquee"):
        import_ = ImportTemps1.objects.create(
            nom_fichier=f"Lutetia-import-{etat}.xlsx",
            fichier=ContentFile(PDF, name=f"lutetia-{etat}.xlsx"),
            deposant=ddets75,
            etat=etat,
            perimetre_libelle="Lutetia-perimetre",
            rapport={
                "ok": True,
                "applied": etat == "appliquee",
                "sheets": {},
                "errors": [],
                "warnings": [],
            },
        )
        import_.departements.set(["75"])
        monde.ajouter(import_, f"Lutetia-import-{etat}")


def _exports(monde, ddets75):
    export = ExportDiffere.objects.create(
        demandeur=ddets75,
        liste="dispositif:index",
        titre="Lutetia-export",
        nom_fichier="Lutetia-export",
        format="csv",
        etat="termine",
        fichier=ContentFile(b"Lutetia-export-contenu", name="lutetia-export.csv"),
    )
    monde.ajouter(export, "Lutetia-export", "Lutetia-export-contenu")


def _wagtail(monde, ddets75):
    collection = Collection.get_first_root_node().add_child(name="Lutetia-collection")
    monde.ajouter(collection, "Lutetia-collection")
    document = get_document_model().objects.create(
        title="Lutetia-document-libre",
        file=ContentFile(PDF, name="lutetia-libre.pdf"),
        collection=collection,
        uploaded_by_user=ddets75,
    )
    monde.ajouter(document, "Lutetia-document-libre")
    image = get_image_model().objects.create(
        title="Lutetia-image",
        file=ContentFile(png(), name="lutetia.png"),
        width=1,
        height=1,
        collection=collection,
        uploaded_by_user=ddets75,
    )
    monde.ajouter(image, "Lutetia-image")
    monde.ajouter(Group.objects.create(name="Lutetia-groupe-comptes"), "Lutetia-groupe-comptes")


def construire_monde():
    monde = Monde()
    creer_acteurs(monde)
    national = monde.acteurs["national"]
    entite, dispositif, ddets75, gestionnaire75 = _offre(monde, national)
    _demandes(monde, national, dispositif)
    _conventions(monde, national, dispositif)
    _appels(monde, national, entite, gestionnaire75)
    _qualite(monde, dispositif)
    _controles(monde, national, dispositif, gestionnaire75)
    _evaluations(monde, dispositif)
    _schemas(monde, ddets75)
    _imports(monde, ddets75)
    _exports(monde, ddets75)
    _wagtail(monde, ddets75)
    monde.marqueurs.pop(b"", None)
    return monde
