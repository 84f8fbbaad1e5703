"""Rows of the Financements sheet: their dispositif (in the workbook or the database), the
line key, changes against the stored line, model rules."""

from backoffice.offre.choices import ModeFinancement
from backoffice.offre.models import Financement

from ..rapport import CREATED, UNCHANGED, UPDATED
from .plan import nouveau, par_lots

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


class ControleFinancements:
    """Part of the analysis (analyseur.Analyse): the Financements sheet."""

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
        for lot in par_lots(ids):
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
            financement = nouveau(
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
