"""Rows of the Dispositifs sheet: which dispositif (code, or référence locale in the
département), its entité and type, the référence locale's uniqueness, model rules."""

from backoffice.offre.choices import Public
from backoffice.offre.models import Dispositif

from ..rapport import CREATED, UNCHANGED, UPDATED
from ..schema import DISPOSITIFS
from .plan import nouveau

# The workbook sets the descriptive fields plus the référence locale, its own key for a new
# dispositif (code, entité, type and département are resolved apart, below).
CHAMPS_DISPOSITIF = ["reference_locale", *Dispositif.CHAMPS_DESCRIPTIFS]


class ControleDispositifs:
    """Part of the analysis (analyseur.Analyse): the Dispositifs sheet."""

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
        dispositif = existant or nouveau(Dispositif)
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
