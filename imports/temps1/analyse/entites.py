"""Rows of the Entités sheet: key, perimeter, changes, referent contact, model rules."""

from backoffice.offre.choices import RoleContact
from backoffice.offre.models import ContactReferent, EntiteGestionnaire

from .. import valeurs as v
from ..rapport import CREATED, UNCHANGED, UPDATED
from .perimetre import libelle_perimetre
from .plan import nouveau

CHAMPS_ENTITE = [
    "raison_sociale",
    "statut_juridique",
    "adresse",
    "code_postal",
    "commune",
    "telephone",
    "courriel",
]


class ControleEntites:
    """Part of the analysis (analyseur.Analyse): the Entités sheet."""

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
        entite = existante or nouveau(EntiteGestionnaire, siren=siren)
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
                nouveau(
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
