"""Rows of the Financements sheet: their dispositif (in the workbook or the database), the
line key, changes against the stored line, model rules."""

from backoffice.offre.choices import ModeFinancement
from backoffice.offre.models import Financement

from ..rapport import CREATED, UNCHANGED, UPDATED
from .plan import charger, nouveau, par_lots

CLE_FINANCEMENT = ["dispositif_id", "exercice", "programme_id", "action", "mode"]
CHAMPS_FINANCEMENT = [
    "service_financeur",
    "places_financees",
    "montant_annuel",
    "orientation",
    "date_debut",
    "date_fin",
]
# What the comparison reads of a stored line: its key and the columns the sheet sets, as one
# tuple (pk, *key, *columns); a line that changes is then loaded whole, alone.
CHAMPS_LUS_FINANCEMENT = ["pk", *CLE_FINANCEMENT, *CHAMPS_FINANCEMENT]
FIN_CLE = 1 + len(CLE_FINANCEMENT)
POSITION = {champ: FIN_CLE + rang for rang, champ in enumerate(CHAMPS_FINANCEMENT)}


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
            requete = Financement.objects.filter(dispositif_id__in=lot)
            for ligne_db in requete.values_list(*CHAMPS_LUS_FINANCEMENT):
                existants[ligne_db[1:FIN_CLE]] = ligne_db
        vues, modifiees = {}, []
        for ligne, cible in resolues:
            self._financement(ligne, cible, existants, vues, modifiees)
        stockees = {}
        for lot in par_lots(pk for _, pk, _ in modifiees):
            stockees.update((f.pk, f) for f in charger(Financement.objects.filter(pk__in=lot)))
        for ligne, pk, changes in modifiees:
            financement = stockees.get(pk)
            if financement is None:
                self.erreur(
                    ligne,
                    "dispositif",
                    "Cette ligne de financement vient d'être supprimée dans le back office : "
                    "analysez le fichier à nouveau.",
                )
                continue
            for champ in changes:
                setattr(financement, champ, ligne.valeurs[champ])
            self._retenir(ligne, financement, changes, cree=False)

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

    def _financement(self, ligne, dispositif, existants, vues, modifiees):
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
        if existant is not None:
            changes = {c for c, valeur in nouvelles.items() if existant[POSITION[c]] != valeur}
            if changes:
                modifiees.append((ligne, existant[0], changes))  # loaded whole afterwards
            else:
                ligne.statut = UNCHANGED
            return
        financement = nouveau(
            Financement,
            dispositif=dispositif,
            exercice=exercice,
            programme_id=programme.code,
            action=action,
            mode=mode,
            **nouvelles,
        )
        self._retenir(ligne, financement, set(nouvelles), cree=True)

    def _retenir(self, ligne, financement, changes, cree):
        """A line the import writes: checked by the model, then planned unless in error."""
        self._erreurs_modele(ligne, financement)
        ligne.objet = financement
        if ligne.en_erreur:
            return
        if cree:
            ligne.statut = CREATED
            self.plan.financements_crees.append(financement)
        else:
            ligne.statut = UPDATED
            ligne.champs = changes
            self.plan.financements_modifies.append(financement)
            self.plan.champs_financements |= changes
