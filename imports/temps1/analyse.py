"""Checking a Temps 1 workbook: every sheet, every cell, cross-sheet references and the importer's
perimeter, before anything is written; the result is a `Rapport` holding every error at once, the
warnings, the counts per sheet and the plan `appliquer` runs.

Shape: per-sheet row parsers (cell → model value, `valeurs.py`) → rows resolved against the
workbook and the database (keys, references, perimeter) → model instances checked with the
models' own `clean()` (one place for business rules) → a plan of creations and updates.

Queries: the reference lists, then one query per kind of existing object (entités by SIREN,
dispositifs by code and by référence locale, financements by dispositif, contacts), whatever the
number of rows; model validation never queries (no `full_clean()`, whose unique checks query per
row: uniqueness is checked here against the cached instances).
"""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import models

from backoffice.acces.perimetres import NATIONAL, contient, filtrer, perimetre_pour
from backoffice.offre.choices import ModeFinancement, Public, RoleContact
from backoffice.offre.models import (
    ContactReferent,
    Dispositif,
    EntiteGestionnaire,
    Financement,
)

from . import valeurs as v
from .rapport import CREATED, UNCHANGED, UPDATED, Anomalie, Rapport
from .referentiel import Referentiel
from .schema import DISPOSITIFS, ENTITES, FEUILLES, FINANCEMENTS

DROIT_IMPORT = "imports.importtemps1"
TAILLE_LOT = 5000  # `__in` lists are split so no database hits its parameter limit

CHAMPS_ENTITE = [
    "raison_sociale",
    "statut_juridique",
    "adresse",
    "code_postal",
    "commune",
    "telephone",
    "courriel",
]
CHAMPS_DISPOSITIF = [
    "reference_locale",
    "nom",
    "adresse",
    "code_postal",
    "commune",
    "siret",
    "finess",
    "code_dna",
    "public",
    "mode_hebergement",
    "places_autorisees",
    "places_pmr",
    "date_ouverture",
    "telephone",
    "courriel",
]
CLE_FINANCEMENT = ["dispositif_id", "exercice", "programme_id", "action", "mode"]
CHAMPS_LUS_FINANCEMENT = [f.attname for f in Financement._meta.concrete_fields]
CHAMPS_FINANCEMENT = [
    "service_financeur",
    "places_financees",
    "montant_annuel",
    "orientation",
    "date_debut",
    "date_fin",
]

# Model field → column key, where they differ (errors raised by the models' clean()).
COLONNE_DU_CHAMP = {
    DISPOSITIFS: {
        "type": "type",
        "departement": "departement",
        "entite": "siren",
        "date_fermeture": "date_ouverture",
    },
    FINANCEMENTS: {"dispositif": "dispositif", "programme": "programme"},
    ENTITES: {},
}

# Genres whose empty cell means "no value" (None) rather than an empty text.
GENRES_NULS = {"entier", "montant", "annee", "date", "departement"}
LISTES_OBJETS = {"natures", "types", "programmes"}
# Values that repeat from row to row (lists, SIREN of the Dispositifs sheet, phones, years):
# parsed once per distinct value.
GENRES_REPETES = {"liste", "departement", "siren", "annee", "action", "telephone", "date"}


# Identifier columns only normalised by the parsers: the model's clean() checks them with the
# same validators (checking twice would double the costliest checks of a national file).
VERIFIES_PAR_LE_MODELE = {
    ENTITES: {"code_postal", "telephone"},
    DISPOSITIFS: {"siret", "finess", "code_postal", "telephone"},
}


def _memoriser(parseur):
    """Cache a parser's result (or its error) per distinct raw value, for one analysis."""
    cache = {}

    def parser(brut):
        cle_cache = (type(brut), brut)
        try:
            ok, resultat = cache[cle_cache]
        except KeyError:
            try:
                ok, resultat = True, parseur(brut)
            except v.ValeurInvalide as exc:
                ok, resultat = False, exc
            cache[cle_cache] = ok, resultat
        if ok:
            return resultat
        raise resultat

    return parser


_GABARITS = {}


def _nouveau(modele, **valeurs):
    """A new, unsaved instance, built fast: tens of thousands are built for a national file.

    Uses the positional fast path of `Model.__init__` (every concrete field in order, defaults
    for the others) and skips modelcluster's `ClusterableModel.__init__`, which scans the
    model's relations on every instance only to route child-object kwargs (we pass none).
    """
    gabarit = _GABARITS.get(modele)
    if gabarit is None:
        gabarit = _GABARITS[modele] = [
            (
                f.attname,
                f.get_default if f.has_default() and callable(f.default) else f.get_default(),
            )  # fmt: skip
            for f in modele._meta.concrete_fields
        ]
    args = [
        valeurs.pop(attname) if attname in valeurs else defaut() if callable(defaut) else defaut
        for attname, defaut in gabarit
    ]
    instance = modele.__new__(modele)
    models.Model.__init__(instance, *args)
    for nom, valeur in valeurs.items():  # relations given as objects (entite=…, dispositif=…)
        setattr(instance, nom, valeur)
    return instance


def _par_lots(valeurs):
    valeurs = list(valeurs)
    for debut in range(0, len(valeurs), TAILLE_LOT):
        yield valeurs[debut : debut + TAILLE_LOT]


@dataclass
class Ligne:
    feuille: str
    numero: int
    brutes: dict = field(default_factory=dict)  # column key → raw cell value
    valeurs: dict = field(default_factory=dict)  # column key → model value (valid cells only)
    en_erreur: bool = False
    statut: str | None = None  # created / updated / unchanged
    objet: object = None  # the instance to create or update
    champs: set = field(default_factory=set)  # changed fields (update)


@dataclass
class Plan:
    """What `appliquer` writes, in order. Instances are ready to save."""

    entites_creees: list = field(default_factory=list)
    entites_modifiees: list = field(default_factory=list)
    champs_entites: set = field(default_factory=set)
    contacts_crees: list = field(default_factory=list)
    contacts_modifies: list = field(default_factory=list)
    contacts_supprimes: list = field(default_factory=list)
    dispositifs_crees: list = field(default_factory=list)
    dispositifs_modifies: list = field(default_factory=list)
    champs_dispositifs: set = field(default_factory=set)
    financements_crees: list = field(default_factory=list)
    financements_modifies: list = field(default_factory=list)
    champs_financements: set = field(default_factory=set)

    @property
    def vide(self):
        return not any(
            (
                self.entites_creees,
                self.entites_modifiees,
                self.contacts_crees,
                self.contacts_modifies,
                self.contacts_supprimes,
                self.dispositifs_crees,
                self.dispositifs_modifies,
                self.financements_crees,
                self.financements_modifies,
            )
        )


def perimetre_import(user):
    """Départements a user may create or update through a workbook (no user: no limit)."""
    if user is None:
        return NATIONAL
    return perimetre_pour(user, DROIT_IMPORT, {"add"})


def libelle_perimetre(perimetre):
    if perimetre.national:
        return "France entière"
    return ", ".join(sorted(perimetre.departements)) or "aucun"


def analyser(classeur, user=None):
    """Check a workbook read by `lire_classeur`; write nothing. Returns a `Rapport` whose `plan`
    `appliquer` can run when `rapport.ok`."""
    return _Analyse(classeur, user).executer()


class _Analyse:
    def __init__(self, classeur, user):
        self.classeur = classeur
        self.user = user
        self.rapport = Rapport(nom_fichier=classeur.nom_fichier)
        self.rapport.warnings.extend(classeur.avertissements)
        self.plan = Plan()
        self._cellules_en_erreur = set()

    # -- reporting ------------------------------------------------------------------------

    def _anomalie(self, ligne, cle_colonne, message):
        feuille = self.classeur.feuilles[ligne.feuille]
        colonne = FEUILLES[ligne.feuille].colonne(cle_colonne)
        return Anomalie(
            ligne.feuille,
            ligne.numero,
            colonne.entete,
            v.en_texte(ligne.brutes.get(cle_colonne)),
            message,
            titre_feuille=feuille.titre,
            indice_colonne=feuille.colonnes.get(cle_colonne),
        )

    def erreur(self, ligne, cle_colonne, message):
        ligne.en_erreur = True
        # One message per cell: the first problem found is the one to fix.
        cellule = (ligne.feuille, ligne.numero, cle_colonne)
        if cellule in self._cellules_en_erreur:
            return
        self._cellules_en_erreur.add(cellule)
        self.rapport.errors.append(self._anomalie(ligne, cle_colonne, message))

    def avertissement(self, ligne, cle_colonne, message):
        self.rapport.warnings.append(self._anomalie(ligne, cle_colonne, message))

    def _erreurs_modele(self, ligne, instance):
        """Run the model's clean() (the business rules' one place) and report its errors on the
        matching columns."""
        try:
            instance.clean()
        except ValidationError as exc:
            presentes = self.classeur.feuilles[ligne.feuille].colonnes
            correspondances = COLONNE_DU_CHAMP[ligne.feuille]
            schema = FEUILLES[ligne.feuille]
            for champ, messages in exc.message_dict.items():
                cle_colonne = correspondances.get(champ, champ)
                if not any(c.cle == cle_colonne for c in schema.colonnes):
                    cle_colonne = schema.colonnes[0].cle
                # A column the sheet does not carry keeps an existing object's stored value:
                # not this file's business. A new object must be valid whatever is missing.
                if cle_colonne in presentes or instance.pk is None:
                    self.erreur(ligne, cle_colonne, " ".join(messages))

    # -- run ------------------------------------------------------------------------------

    def executer(self):
        self.perimetre = perimetre_import(self.user)
        if self.perimetre.vide:
            self.rapport.errors.append(
                Anomalie(
                    None,
                    None,
                    None,
                    "",
                    "Votre compte ne permet pas d'importer un fichier Temps 1.",
                )
            )
            return self.rapport
        self.ref = Referentiel()
        self._preparer_parseurs()
        entites = self._lire_lignes(ENTITES)
        dispositifs = self._lire_lignes(DISPOSITIFS)
        financements = self._lire_lignes(FINANCEMENTS)

        self._charger_existants(entites, dispositifs, financements)
        self._entites(entites, dispositifs)
        self._dispositifs(dispositifs)
        self._financements(financements)

        for nom, lignes in (
            (ENTITES, entites),
            (DISPOSITIFS, dispositifs),
            (FINANCEMENTS, financements),
        ):
            for ligne in lignes:
                if ligne.statut and not ligne.en_erreur:
                    self.rapport.sheets[nom][ligne.statut] += 1
        ordre = {ENTITES: 0, DISPOSITIFS: 1, FINANCEMENTS: 2, None: -1}
        self.rapport.errors.sort(
            key=lambda e: (ordre.get(e.sheet, 3), e.row or 0, e.indice_colonne or 0)
        )
        if self.rapport.ok:
            self.rapport.plan = self.plan
        return self.rapport

    # -- cells ----------------------------------------------------------------------------

    def _preparer_parseurs(self):
        modeles = {ENTITES: EntiteGestionnaire, DISPOSITIFS: Dispositif, FINANCEMENTS: Financement}
        self._parseurs = {}
        for nom, feuille in self.classeur.feuilles.items():
            schema = FEUILLES[nom]
            parseurs = []
            for cle_colonne, indice in feuille.colonnes.items():
                colonne = schema.colonne(cle_colonne)
                if colonne.informative:
                    continue
                modele = ContactReferent if cle_colonne.startswith("contact_") else modeles[nom]
                champ = cle_colonne.removeprefix("contact_")
                parseur = self._parseur(
                    colonne, modele, champ, cle_colonne not in VERIFIES_PAR_LE_MODELE.get(nom, ())
                )
                if colonne.genre in GENRES_REPETES:
                    parseur = _memoriser(parseur)
                vide = (
                    None if colonne.genre in GENRES_NULS or colonne.liste in LISTES_OBJETS else ""
                )
                parseurs.append((colonne.cle, indice, colonne.obligatoire, vide, parseur))
            self._parseurs[nom] = parseurs

    def _parseur(self, colonne, modele, champ, valider=True):
        try:
            longueur = modele._meta.get_field(champ).max_length
        except Exception:
            longueur = None
        genre = colonne.genre
        if genre == "texte":
            return lambda brut: v.texte(brut, longueur)
        if genre == "telephone":
            return lambda brut: v.telephone(brut, longueur or 20, valider=valider)
        if genre in {"siret", "finess", "code_postal"}:
            fonction = getattr(v, genre)
            return lambda brut: fonction(brut, valider=valider)
        if genre == "courriel":
            return lambda brut: v.courriel(brut, longueur or 254)
        if genre == "action":
            return lambda brut: v.action(brut, longueur or 10)
        if genre == "liste":
            return lambda brut: self._valeur_liste(colonne.liste, brut)
        if genre == "departement":
            return self._departement
        return {
            "siren": v.siren,
            "entier": v.entier,
            "montant": v.montant,
            "annee": v.annee,
            "date": v.date,
        }[genre]

    def _departement(self, brut):
        code = v.code_departement(brut)
        if code not in self.ref.departements:
            raise v.ValeurInvalide(
                "Département inconnu : indiquez le code officiel (01…95, 2A, 2B, 971…976)."
            )
        return code

    def _valeur_liste(self, liste, brut):
        cle = v.cle(v.en_texte(brut))
        if liste == "natures":
            trouve = self.ref.natures_par_cle.get(cle)
        elif liste == "types":
            trouve = self.ref.types_par_cle.get(cle)
        elif liste == "programmes":
            trouve = self.ref.programmes_par_cle.get(cle)
        else:
            trouve = self.ref.statiques[liste].get(cle)
        if trouve is None:
            valeurs = self.ref.valeurs_liste(liste)
            apercu = ", ".join(valeurs[:12]) + (" …" if len(valeurs) > 12 else "")
            raise v.ValeurInvalide(f"Valeur hors liste. Valeurs acceptées : {apercu}.")
        return trouve

    def _lire_lignes(self, nom):
        # The hot loop of a national file (600,000 cells): kept plain on purpose.
        feuille = self.classeur.feuilles[nom]
        parseurs = self._parseurs[nom]
        lignes = []
        for lue in feuille.lignes:
            ligne = Ligne(nom, lue.numero)
            cellules = lue.cellules
            taille = len(cellules)
            brutes, valeurs = ligne.brutes, ligne.valeurs
            for cle_colonne, indice, obligatoire, vide, parseur in parseurs:
                brut = cellules[indice] if indice < taille else ""
                brutes[cle_colonne] = brut
                if brut == "" or brut is None or (type(brut) is str and not brut.strip()):
                    if obligatoire:
                        self.erreur(ligne, cle_colonne, "Valeur obligatoire manquante.")
                    else:
                        valeurs[cle_colonne] = vide
                    continue
                try:
                    valeurs[cle_colonne] = parseur(brut)
                except v.ValeurInvalide as exc:
                    self.erreur(ligne, cle_colonne, exc.message)
            lignes.append(ligne)
        return lignes

    # -- existing objects, one query per kind ---------------------------------------------

    def _charger_existants(self, entites, dispositifs, financements):
        sirens = {
            ligne_.valeurs["siren"]
            for ligne_ in (*entites, *dispositifs)
            if ligne_.valeurs.get("siren")
        }
        self.entites_db = {}
        for lot in _par_lots(sirens):
            self.entites_db.update(
                (e.siren, e) for e in EntiteGestionnaire.objects.filter(siren__in=lot)
            )
        self.entites_dans_perimetre = set(sirens) if self.perimetre.national else set()
        if not self.perimetre.national:
            for lot in _par_lots(sirens):
                self.entites_dans_perimetre.update(
                    filtrer(
                        EntiteGestionnaire.objects.filter(siren__in=lot), self.perimetre
                    ).values_list("siren", flat=True)
                )
        self.contacts = {}
        ids = [e.pk for e in self.entites_db.values()]
        for lot in _par_lots(ids):
            requete = ContactReferent.objects.filter(
                entite_id__in=lot, role=RoleContact.GESTIONNAIRE
            ).order_by("pk")
            for contact in requete:
                self.contacts.setdefault(contact.entite_id, contact)

        codes, refs = set(), set()
        for ligne in dispositifs:
            if ligne.valeurs.get("code"):
                codes.add(ligne.valeurs["code"].upper())
            if ligne.valeurs.get("reference_locale"):
                refs.add(ligne.valeurs["reference_locale"])
        for ligne in financements:
            if ligne.valeurs.get("dispositif"):
                codes.add(ligne.valeurs["dispositif"].upper())
                refs.add(ligne.valeurs["dispositif"])
        # Full instances for the codes; for the références locales first (pk, code, département,
        # référence) only — an exported file names each dispositif by both — then the instances
        # not loaded yet. Types come from the reference lists (no join, no extra instance).
        self.dispositifs_par_code, self.dispositifs_par_ref = {}, {}
        self.dispositifs_par_ref_seule = {}
        charges = {}
        for lot in _par_lots(codes):
            for dispositif in Dispositif.objects.filter(code__in=lot):
                charges[dispositif.pk] = dispositif
        titulaires = []
        for lot in _par_lots(refs):
            titulaires += Dispositif.objects.filter(reference_locale__in=lot).values_list(
                "pk", "departement_id", "reference_locale"
            )
        manquants = {pk for pk, *_ in titulaires if pk not in charges}
        for lot in _par_lots(manquants):
            for dispositif in Dispositif.objects.filter(pk__in=lot):
                charges[dispositif.pk] = dispositif
        champ_type = Dispositif._meta.get_field("type")
        for dispositif in charges.values():
            champ_type.set_cached_value(dispositif, self.ref.types_par_code[dispositif.type_id])
            self.dispositifs_par_code[dispositif.code.upper()] = dispositif
        for pk, departement, ref in titulaires:
            dispositif = charges[pk]
            self.dispositifs_par_ref[(departement, ref)] = dispositif
            self.dispositifs_par_ref_seule.setdefault(ref, []).append(dispositif)

    def _dans_perimetre(self, dispositif):
        return contient(self.perimetre, dispositif)

    def _departement_permis(self, code):
        return self.perimetre.national or code in self.perimetre.departements

    def _hors_perimetre(self):
        return f"Hors de votre périmètre (départements : {libelle_perimetre(self.perimetre)})."

    # -- Entités --------------------------------------------------------------------------

    def _entites(self, lignes, lignes_dispositifs):
        # An entité is in a perimeter by its siège or by one of its dispositifs (acces.perimetres):
        # the dispositifs of this workbook count, as they will exist once it is applied.
        par_fichier = {
            ligne_.valeurs["siren"]
            for ligne_ in lignes_dispositifs
            if ligne_.valeurs.get("siren")
            and ligne_.valeurs.get("departement")
            and self._departement_permis(ligne_.valeurs["departement"])
        }
        self.lignes_entites = {}
        for ligne in lignes:
            siren = ligne.valeurs.get("siren")
            if not siren:
                continue
            premiere = self.lignes_entites.get(siren)
            if premiere is not None:
                self.erreur(
                    ligne,
                    "siren",
                    f"SIREN déjà présent ligne {premiere.numero} de l'onglet Entités.",
                )
                continue
            self.lignes_entites[siren] = ligne
            self._entite(ligne, siren, par_fichier)

    def _entite(self, ligne, siren, par_fichier):
        valeurs = ligne.valeurs
        existante = self.entites_db.get(siren)
        entite = existante or _nouveau(EntiteGestionnaire, siren=siren)
        nouvelles = {c: valeurs[c] for c in CHAMPS_ENTITE if c in valeurs}
        # Siège département: deduced from the postal code when the entité is created or moves.
        code_postal = nouvelles.get("code_postal")
        if code_postal and (existante is None or code_postal != existante.code_postal):
            departement = v.departement_du_code_postal(code_postal)
            if departement in self.ref.departements:
                nouvelles["departement_id"] = departement

        if not self.perimetre.national:
            atteinte = (
                siren in self.entites_dans_perimetre
                or siren in par_fichier
                or (
                    existante is None
                    and nouvelles.get("departement_id") in self.perimetre.departements
                )
            )
            if not atteinte:
                self.erreur(
                    ligne,
                    "siren",
                    "Entité hors de votre périmètre : ni son siège ni aucun de ses dispositifs "
                    f"n'est dans vos départements ({libelle_perimetre(self.perimetre)}).",
                )

        changes = {c for c, valeur in nouvelles.items() if getattr(entite, c) != valeur}
        for champ in changes:
            setattr(entite, champ, nouvelles[champ])
        contact_change = self._contact(ligne, entite, existante)
        if existante is None or changes:  # what the import writes is checked
            self._erreurs_modele(ligne, entite)
        ligne.objet = entite
        if ligne.en_erreur:
            return
        if existante is None:
            ligne.statut = CREATED
            self.plan.entites_creees.append(entite)
        elif changes or contact_change:
            ligne.statut = UPDATED
            ligne.champs = changes
            self.plan.entites_modifiees.append(entite)
            self.plan.champs_entites |= changes
        else:
            ligne.statut = UNCHANGED

    def _contact(self, ligne, entite, existante):
        """The entité's referent contact (role « gestionnaire »): create, update or remove."""
        valeurs = ligne.valeurs
        if "contact_nom" not in valeurs and "contact_courriel" not in valeurs:
            return False
        contact = self.contacts.get(existante.pk) if existante else None
        nom = valeurs.get("contact_nom", contact.nom if contact else "")
        courriel = valeurs.get("contact_courriel", contact.courriel if contact else "")
        if nom is None or courriel is None:  # the cell was in error
            return False
        if courriel and not nom:
            self.erreur(
                ligne,
                "contact_nom",
                "Nom du contact référent obligatoire quand son courriel est rempli.",
            )
            return False
        if ligne.en_erreur:
            return False
        if not nom:
            if contact is None:
                return False
            self.plan.contacts_supprimes.append(contact.pk)
            return True
        if contact is None:
            self.plan.contacts_crees.append(
                _nouveau(
                    ContactReferent,
                    entite=entite,
                    role=RoleContact.GESTIONNAIRE,
                    nom=nom,
                    courriel=courriel,
                )
            )
            return True
        if (contact.nom, contact.courriel) == (nom, courriel):
            return False
        contact.nom, contact.courriel = nom, courriel
        self.plan.contacts_modifies.append(contact)
        return True

    # -- Dispositifs ----------------------------------------------------------------------

    def _dispositifs(self, lignes):
        colonnes = self.classeur.feuilles[DISPOSITIFS].colonnes
        self.tab_par_code, self.tab_par_ref = {}, {}
        cibles, refs_finales = {}, {}
        for ligne in lignes:
            valeurs = ligne.valeurs
            code = (valeurs.get("code") or "").upper()
            ref = valeurs.get("reference_locale") or ""
            departement = valeurs.get("departement")

            # Which dispositif: the national code, else the référence locale in the département.
            existant = None
            if code:
                existant = self.dispositifs_par_code.get(code)
                if existant is None or not self._dans_perimetre(existant):
                    self.tab_par_code.setdefault(code, ligne)
                    self.erreur(
                        ligne,
                        "code",
                        "Code dispositif inconnu ou hors de votre périmètre. Laissez la cellule "
                        "vide pour un nouveau dispositif.",
                    )
                    continue
            elif not ref:
                if "reference_locale" in valeurs or "reference_locale" in colonnes:
                    self.erreur(
                        ligne,
                        "reference_locale",
                        "Référence locale obligatoire pour un nouveau dispositif "
                        "(code dispositif vide).",
                    )
                else:
                    self.erreur(
                        ligne,
                        "code",
                        "Code dispositif obligatoire (pas de colonne « Référence locale »).",
                    )
                continue
            elif departement:
                existant = self.dispositifs_par_ref.get((departement, ref))
            else:
                continue  # département in error: reported already

            cible = ("pk", existant.pk) if existant else ("nouveau", departement, ref)
            premiere = cibles.get(cible)
            if premiere is not None:
                colonne = "code" if code else "reference_locale"
                self.erreur(
                    ligne,
                    colonne,
                    f"Dispositif déjà présent ligne {premiere.numero} de l'onglet Dispositifs.",
                )
                continue
            cibles[cible] = ligne
            if code:
                self.tab_par_code[code] = ligne
            self._dispositif(ligne, existant, refs_finales)
            if ligne.objet is not None and ligne.objet.reference_locale:
                self.tab_par_ref.setdefault(ligne.objet.reference_locale, []).append(ligne)

    def _dispositif(self, ligne, existant, refs_finales):
        valeurs = ligne.valeurs
        dispositif = existant or _nouveau(Dispositif)
        nouvelles = {c: valeurs[c] for c in CHAMPS_DISPOSITIF if c in valeurs}
        if "public" in nouvelles and not nouvelles["public"]:
            nouvelles["public"] = Public.TOUT_PUBLIC
        changes = set()

        departement = valeurs.get("departement")
        if departement:
            if not self._departement_permis(departement):
                self.erreur(ligne, "departement", self._hors_perimetre())
            if dispositif.departement_id != departement:
                dispositif.departement_id = departement
                changes.add("departement")

        entite = self._entite_du_dispositif(ligne)
        if entite is not None and (entite.pk is None or entite.pk != dispositif.entite_id):
            dispositif.entite = entite
            changes.add("entite")

        type_ = self._type_du_dispositif(ligne)
        if type_ is not None and type_.code != dispositif.type_id:
            dispositif.type = type_
            changes.add("type")

        for champ, valeur in nouvelles.items():
            if getattr(dispositif, champ) != valeur:
                setattr(dispositif, champ, valeur)
                changes.add(champ)

        # Référence locale: unique within the département, in the file and in the database.
        ref = dispositif.reference_locale
        if ref and departement:
            titulaire = self.dispositifs_par_ref.get((departement, ref))
            premiere = refs_finales.get((departement, ref))
            if titulaire is not None and titulaire is not existant:
                self.erreur(
                    ligne,
                    "reference_locale",
                    f"Référence locale déjà utilisée dans le département {departement} "
                    f"par le dispositif {titulaire.code}.",
                )
            elif premiere is not None:
                self.erreur(
                    ligne,
                    "reference_locale",
                    f"Référence locale déjà utilisée ligne {premiere.numero} pour le "
                    f"département {departement}.",
                )
            else:
                refs_finales[(departement, ref)] = ligne

        if existant is None or changes:
            self._erreurs_modele(ligne, dispositif)
        # Warning, not an error (docs/domaine.md §4): same wording as
        # Dispositif.avertissement_siret, which cannot see an entité this workbook is about to
        # create.
        siren = entite.siren if entite is not None else None
        siret_valide = (DISPOSITIFS, ligne.numero, "siret") not in self._cellules_en_erreur
        if siret_valide and dispositif.siret and siren and not dispositif.siret.startswith(siren):
            self.avertissement(
                ligne,
                "siret",
                "Les 9 premiers chiffres du SIRET ne correspondent pas au SIREN de l'entité "
                f"gestionnaire ({siren}).",
            )

        ligne.objet = dispositif
        if ligne.en_erreur:
            return
        if existant is None:
            ligne.statut = CREATED
            self.plan.dispositifs_crees.append(dispositif)
        elif changes:
            ligne.statut = UPDATED
            ligne.champs = changes
            self.plan.dispositifs_modifies.append(dispositif)
            self.plan.champs_dispositifs |= changes
        else:
            ligne.statut = UNCHANGED

    def _entite_du_dispositif(self, ligne):
        siren = ligne.valeurs.get("siren")
        if not siren:
            return None
        ligne_entite = self.lignes_entites.get(siren)
        if ligne_entite is not None:
            if ligne_entite.en_erreur:
                self.erreur(
                    ligne,
                    "siren",
                    f"Entité en erreur ligne {ligne_entite.numero} de l'onglet Entités.",
                )
                return None
            return ligne_entite.objet
        entite = self.entites_db.get(siren)
        if entite is None:
            self.erreur(
                ligne,
                "siren",
                "Entité inconnue : ce SIREN n'est ni dans l'onglet Entités ni dans le back office.",
            )
        return entite

    def _type_du_dispositif(self, ligne):
        candidats = ligne.valeurs.get("type")
        if not candidats:
            return None
        nature = ligne.valeurs.get("nature")
        if nature is None:
            return candidats[0] if len(candidats) == 1 else None
        for type_ in candidats:
            if type_.nature_id == nature.code:
                return type_
        types = ", ".join(t.libelle for t in self.ref.types if t.nature_id == nature.code)
        self.erreur(
            ligne,
            "type",
            f"Ce type n'appartient pas à la nature « {nature.libelle} » (types de cette "
            f"nature : {types}).",
        )
        return None

    # -- Financements ---------------------------------------------------------------------

    def _financements(self, lignes):
        resolues = []
        for ligne in lignes:
            reference = ligne.valeurs.get("dispositif")
            if not reference:
                continue
            cible = self._dispositif_du_financement(ligne, reference)
            if cible is not None:
                resolues.append((ligne, cible))
        # Existing lines as value tuples: an instance is built only for a line that changes
        # (a national re-import compares 36,000 lines and changes none).
        existants = {}
        ids = {cible.pk for _, cible in resolues if cible.pk}
        for lot in _par_lots(ids):
            for ligne_db in Financement.objects.filter(dispositif_id__in=lot).values_list(
                *CHAMPS_LUS_FINANCEMENT
            ):
                valeurs = dict(zip(CHAMPS_LUS_FINANCEMENT, ligne_db, strict=True))
                cle = tuple(valeurs[c] for c in CLE_FINANCEMENT)
                existants[cle] = (valeurs, ligne_db)
        vues = {}
        for ligne, cible in resolues:
            self._financement(ligne, cible, existants, vues)

    def _dispositif_du_financement(self, ligne, reference):
        """A Code dispositif or a Référence locale, of the Dispositifs sheet or the database."""
        lignes = []
        if reference.upper() in self.tab_par_code:
            lignes = [self.tab_par_code[reference.upper()]]
        elif reference in self.tab_par_ref:
            lignes = self.tab_par_ref[reference]
        if len(lignes) > 1:
            departements = ", ".join(sorted(ligne_.objet.departement_id for ligne_ in lignes))
            self.erreur(
                ligne,
                "dispositif",
                "Référence locale présente dans plusieurs départements de l'onglet "
                f"Dispositifs ({departements}) : indiquez le code dispositif.",
            )
            return None
        if lignes:
            if lignes[0].en_erreur:
                self.erreur(
                    ligne,
                    "dispositif",
                    f"Dispositif en erreur ligne {lignes[0].numero} de l'onglet Dispositifs.",
                )
                return None
            return lignes[0].objet
        existant = self.dispositifs_par_code.get(reference.upper())
        if existant is not None and self._dans_perimetre(existant):
            return existant
        candidats = [
            d for d in self.dispositifs_par_ref_seule.get(reference, []) if self._dans_perimetre(d)
        ]
        if len(candidats) == 1:
            return candidats[0]
        if candidats:
            self.erreur(
                ligne,
                "dispositif",
                "Référence locale présente dans plusieurs départements "
                f"({', '.join(sorted(d.departement_id for d in candidats))}) : indiquez "
                "le code dispositif.",
            )
        else:
            self.erreur(
                ligne,
                "dispositif",
                "Dispositif inconnu : ni un code dispositif ni une référence locale de "
                "l'onglet Dispositifs ou du back office (dans votre périmètre).",
            )
        return None

    def _financement(self, ligne, dispositif, existants, vues):
        valeurs = ligne.valeurs
        exercice, programme = valeurs.get("exercice"), valeurs.get("programme")
        action = valeurs.get("action") or ""
        mode = valeurs.get("mode") or ModeFinancement.SUBVENTION
        if exercice is None or programme is None:
            return  # key cells in error: reported already
        cle = (dispositif.pk or id(dispositif), exercice, programme.code, action, mode)
        premiere = vues.get(cle)
        if premiere is not None:
            self.erreur(
                ligne,
                "dispositif",
                f"Ligne de financement déjà présente ligne {premiere.numero} (même "
                "dispositif, exercice, programme, action et mode).",
            )
            return
        vues[cle] = ligne
        existant = existants.get(cle) if dispositif.pk else None
        nouvelles = {c: valeurs[c] for c in CHAMPS_FINANCEMENT if c in valeurs}
        if existant is None:
            financement = _nouveau(
                Financement,
                dispositif=dispositif,
                exercice=exercice,
                programme_id=programme.code,
                action=action,
                mode=mode,
                **nouvelles,
            )
            changes = set(nouvelles)
        else:
            actuelles, ligne_db = existant
            changes = {c for c, valeur in nouvelles.items() if actuelles[c] != valeur}
            if not changes:
                ligne.statut = UNCHANGED
                return
            financement = Financement.from_db(
                Financement.objects.db, CHAMPS_LUS_FINANCEMENT, ligne_db
            )
            for champ in changes:
                setattr(financement, champ, nouvelles[champ])
        self._erreurs_modele(ligne, financement)
        ligne.objet = financement
        if ligne.en_erreur:
            return
        if existant is None:
            ligne.statut = CREATED
            self.plan.financements_crees.append(financement)
        elif changes:
            ligne.statut = UPDATED
            ligne.champs = changes
            self.plan.financements_modifies.append(financement)
            self.plan.champs_financements |= changes
        else:
            ligne.statut = UNCHANGED
