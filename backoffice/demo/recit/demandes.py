"""The requests of the story (creation, modification, closure), filed over the past three months
and moved through their workflow by the SIAO 44, the DDETS 44, the requesters (follow-up link)
and, elsewhere, the national administrator standing in:

- 44: two to pre-validate (the oldest re-submitted after completion), one to complete (the demo
  gestionnaire's own modification request), two to validate (a creation and a closure), and
  past ones validated (by the SIAO directly for a hotel, by the DDETS for a CHRS), refused and
  cancelled;
- 49, 75, 13: requests waiting at the first step, one pre-validated in Paris, one refused.

Each is filed through the creation path of the public form (validated model, saved) and moved
by `executer_transition`; validations create the dispositifs they ask for.
"""

from decimal import Decimal

from backoffice.demandes.models import Demande, TypeDemande
from backoffice.demandes.services import deposer
from backoffice.offre.models import Dispositif, EntiteGestionnaire, TypeDispositif
from workflows.acteurs import Demandeur
from workflows.services import executer_transition

from .communs import siren_libre

# (nom, courriel, organisation, fonction) of the people filing requests through the public form
DEMANDEURS = {
    "44": ("Nadia Khelifi", "n.khelifi@toit-partage.example.org", "Directrice"),
    "49": ("Paul Guérin", "p.guerin@anjou-accueil.example.org", "Chef de service"),
    "75": ("Inès Martel", "i.martel@paris-solidaire.example.org", "Directrice adjointe"),
    "13": ("Marc Olivieri", "m.olivieri@massalia.example.org", "Directeur"),
}


def _financement(horloge, programme, action, mode, places, cout, orientation=""):
    annee = horloge.aujourdhui.year
    return {
        "exercice": annee,
        "programme_id": programme,
        "action": action,
        "service_financeur": "DDETS",
        "mode": mode,
        "places_financees": places,
        "montant_annuel": str(Decimal(places * cout * 365).quantize(Decimal("1"))),
        "date_debut": f"{annee}-01-01",
        "date_fin": f"{annee}-12-31",
        "orientation": orientation,
    }


class Recit:
    def __init__(self, horloge, acteurs):
        self.horloge = horloge
        self.acteurs = acteurs

    def deposer(self, jours, departement, entite=None, compte=None, **champs):
        """File a request `jours` days ago, as the public form (or the admin's request view for
        an account) does."""
        moment = self.horloge.il_y_a(jours, 9, 30)
        if compte is not None:
            demandeur = {
                "demandeur_nom": compte.get_full_name(),
                "demandeur_courriel": compte.email,
                "demandeur_organisation": entite.raison_sociale,
                "compte_demandeur": compte,
            }
        else:
            nom, courriel, fonction = DEMANDEURS[departement]
            demandeur = {
                "demandeur_nom": nom,
                "demandeur_courriel": courriel,
                "demandeur_fonction": fonction,
                "demandeur_organisation": entite.raison_sociale
                if entite
                else champs["nouvelle_entite"]["raison_sociale"],
            }
        demande = Demande(
            departement_id=departement,
            entite=entite,
            soumise_le=moment,
            etat_depuis=moment,
            **demandeur,
            **champs,
        )
        return deposer(demande)

    def creation(self, jours, departement, entite, type_code, nom, commune, places, **extra):
        commune, code_postal = commune
        type_dispositif = TypeDispositif.objects.get(pk=type_code)
        donnees = {
            "nom": nom,
            "adresse": extra.pop("adresse", "12 rue de la Gare"),
            "code_postal": code_postal,
            "commune": commune,
            "public": extra.pop("public", "tout_public"),
            "mode_hebergement": extra.pop("mode", "collectif"),
            "date_ouverture": self.horloge.jour(-60).isoformat(),
        }
        if type_dispositif.regime == "autorisation":
            donnees["places_autorisees"] = places
        groupes = [
            {
                "libelle": "Bâtiment principal",
                "places": places,
                "public": donnees["public"],
                "mode_hebergement": donnees["mode_hebergement"],
                "commune": commune,
                "code_postal": code_postal,
            }
        ]
        return self.deposer(
            jours,
            departement,
            entite=entite,
            type_demande=TypeDemande.CREATION,
            type_dispositif=type_dispositif,
            donnees_dispositif=donnees,
            groupes=groupes,
            financements=[extra.pop("financement")] if "financement" in extra else [],
            **extra,
        )

    def transition(self, jours, demande, nom, acteur, commentaire="", interne=False):
        with self.horloge.etape(self.horloge.il_y_a(jours, 14)):
            return executer_transition(
                Demande, demande.pk, nom, acteur, commentaire=commentaire, interne=interne
            )

    def demandeur(self, demande):
        return Demandeur(demande.jeton)


def _dispositif(departement, types, exclure_entite=None):
    dispositifs = Dispositif.objects.filter(
        departement_id=departement, type_id__in=types, date_fermeture__isnull=True
    ).order_by("code")
    if exclure_entite is not None:
        dispositifs = dispositifs.exclude(entite=exclure_entite)
    return dispositifs.first()


def raconter(horloge, acteurs, vitrine):
    recit = Recit(horloge, acteurs)
    entites = {
        dep: list(
            EntiteGestionnaire.objects.filter(departement_id=dep, parent__isnull=True)
            .exclude(pk=vitrine.pk)
            .order_by("pk")[:4]
        )
        for dep in ("44", "49", "75", "13")
    }
    if any(len(liste) < 2 for liste in entites.values()):
        return
    loire_atlantique(recit, acteurs, vitrine, entites["44"])
    ailleurs(recit, acteurs, entites)


def loire_atlantique(recit, acteurs, vitrine, entites):
    siao, ddets = acteurs.siao44, acteurs.ddets44
    h = recit.horloge
    p177 = _financement

    # To pre-validate: a new emergency centre, filed two days ago.
    recit.creation(
        2,
        "44",
        entites[0],
        "HEB_HORS_CHRS",
        "Centre d'hébergement d'urgence Les Marronniers",
        ("Nantes", "44000"),
        25,
        financement=p177(h, "P177", "12", "subvention", 25, 30, "siao_115"),
        description="Ouverture de 25 places d'urgence pour l'hiver, dans un bâtiment mis à "
        "disposition par la ville.",
    )
    # To pre-validate again: a pension de famille by a new association, completed after a
    # question of the SIAO.
    pension = recit.creation(
        35,
        "44",
        None,
        "RS_PENSION",
        "Pension de famille Les Salorges",
        ("Saint-Nazaire", "44600"),
        22,
        nouvelle_entite={
            "siren": siren_libre("41852963"),
            "raison_sociale": "Association Toit Partagé",
            "statut_juridique": "association",
            "adresse": "4 quai de la Vilaine",
            "code_postal": "44600",
            "commune": "Saint-Nazaire",
            "departement_id": "44",
            "courriel": "contact@toit-partage.example.org",
        },
        financement=p177(h, "P177", "12", "subvention", 22, 18, "siao_insertion"),
        description="Création d'une pension de famille de 22 logements.",
    )
    recit.transition(
        28,
        pension,
        "demander_complements",
        siao,
        "Merci de joindre le projet social et le plan de financement de l'investissement.",
    )
    recit.transition(21, pension, "completer", recit.demandeur(pension))

    # To complete: the demo gestionnaire's own modification request.
    dispositif = vitrine.dispositifs.filter(date_fermeture__isnull=True).order_by("code").first()
    if dispositif is not None:
        modification = recit.deposer(
            20,
            "44",
            entite=vitrine,
            compte=acteurs.gestionnaire,
            type_demande=TypeDemande.MODIFICATION,
            dispositif=dispositif,
            type_dispositif=dispositif.type,
            donnees_dispositif={
                "adresse": "27 boulevard de la Prairie-au-Duc",
                "code_postal": "44200",
                "commune": "Nantes",
            },
            description="Déménagement du dispositif dans des locaux plus adaptés.",
        )
        recit.transition(
            12,
            modification,
            "demander_complements",
            siao,
            "Précisez la date du déménagement et joignez le bail des nouveaux locaux.",
        )

    # To validate by the DDETS: an intermediation locative, and the closure of a CHRS.
    iml = recit.creation(
        30,
        "44",
        entites[1],
        "IML_SOUS_LOC",
        "Intermédiation locative Pays de Retz",
        ("Rezé", "44400"),
        18,
        mode="diffus",
        public="familles",
        financement=p177(h, "P177", "12", "subvention", 18, 9, "siao_insertion"),
        description="18 logements en sous-location pour des familles sortant d'hébergement.",
    )
    recit.transition(16, iml, "pre_valider", siao, "Besoin confirmé par la commission SIAO.")
    fermeture = _dispositif("44", ["HEB_CHRS", "HEB_HORS_CHRS"], exclure_entite=vitrine)
    if fermeture is not None:
        demande = recit.deposer(
            10,
            "44",
            entite=fermeture.entite,
            type_demande=TypeDemande.FERMETURE,
            dispositif=fermeture,
            type_dispositif=fermeture.type,
            date_fermeture=h.jour(-90),
            description="Fin du bail : les places sont reprises dans le nouveau centre.",
        )
        recit.transition(4, demande, "pre_valider", siao, "Reprise des places vérifiée.")

    # Decided: a hotel validated directly by the SIAO, a CHRS validated by the DDETS, a
    # duplicate refused, a request withdrawn by its author.
    hotel = recit.creation(
        62,
        "44",
        entites[0],
        "HEB_HOTEL",
        "Nuitées hôtelières Ancenis",
        ("Ancenis-Saint-Géréon", "44150"),
        12,
        mode="diffus",
        public="familles",
        financement=p177(h, "P177", "12", "marche_public", 12, 22, "siao_115"),
        description="12 chambres réservées à l'année pour les familles orientées par le 115.",
    )
    recit.transition(57, hotel, "valider", siao, "Validée directement (hôtel).")
    chrs = recit.creation(
        95,
        "44",
        entites[1],
        "HEB_CHRS",
        "CHRS Les Ajoncs",
        ("Saint-Herblain", "44800"),
        30,
        financement=p177(h, "P177", "12", "dgf", 30, 48, "siao_insertion"),
        description="Transformation de 30 places d'urgence en places de CHRS.",
    )
    recit.transition(88, chrs, "pre_valider", siao)
    recit.transition(75, chrs, "valider", acteurs.ddets44, "Arrêté d'autorisation signé.")
    doublon = recit.creation(
        50,
        "44",
        entites[0],
        "HEB_HORS_CHRS",
        "Hébergement d'urgence Saint-Herblain",
        ("Saint-Herblain", "44800"),
        15,
        description="15 places d'hébergement d'urgence.",
    )
    recit.transition(45, doublon, "pre_valider", siao)
    recit.transition(
        40,
        doublon,
        "refuser",
        ddets,
        "Ces places sont déjà enregistrées dans un dispositif existant de l'association.",
    )
    retiree = recit.creation(
        33,
        "44",
        entites[1],
        "VS_ACCUEIL_JOUR",
        "Accueil de jour Châteaubriant",
        ("Châteaubriant", "44110"),
        20,
        description="Accueil de jour de 20 places.",
    )
    recit.transition(25, retiree, "annuler", recit.demandeur(retiree))


def ailleurs(recit, acteurs, entites):
    h = recit.horloge
    national = acteurs.national
    recit.creation(
        3,
        "49",
        entites["49"][0],
        "HEB_HORS_CHRS",
        "Hébergement d'urgence Angers Monplaisir",
        ("Angers", "49000"),
        20,
        financement=_financement(h, "P177", "12", "subvention", 20, 30, "siao_115"),
        description="20 places d'urgence.",
    )
    recit.creation(
        14,
        "49",
        entites["49"][1],
        "RS_PENSION",
        "Pension de famille Cholet centre",
        ("Cholet", "49300"),
        16,
        description="Pension de famille de 16 logements.",
    )
    recit.creation(
        6,
        "75",
        entites["75"][0],
        "HEB_HOTEL",
        "Nuitées hôtelières Paris 18e",
        ("Paris", "75018"),
        40,
        mode="diffus",
        public="familles",
        description="40 chambres d'hôtel pour des familles.",
    )
    paris = recit.creation(
        15,
        "75",
        entites["75"][1],
        "HEB_CHRS",
        "CHRS Belleville",
        ("Paris", "75020"),
        45,
        financement=_financement(h, "P177", "12", "dgf", 45, 52, "siao_insertion"),
        description="Création d'un CHRS de 45 places.",
    )
    recit.transition(
        9, paris, "pre_valider", national, "Pré-validée en l'absence du SIAO (secours national)."
    )
    recit.creation(
        4,
        "13",
        entites["13"][0],
        "VS_HALTE_NUIT",
        "Halte de nuit Marseille Belsunce",
        ("Marseille", "13001"),
        18,
        description="Halte de nuit de 18 places.",
    )
    refusee = recit.creation(
        48,
        "13",
        entites["13"][1],
        "HEB_HORS_CHRS",
        "Hébergement d'urgence Aubagne",
        ("Aubagne", "13400"),
        12,
        description="12 places d'urgence.",
    )
    recit.transition(
        41, refusee, "refuser", national, "Aucun financement disponible sur cet exercice."
    )
