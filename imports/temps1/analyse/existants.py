"""The existing objects a workbook names, one query per kind whatever the number of rows."""

from backoffice.acces.perimetres import contient, filtrer
from backoffice.offre.choices import RoleContact
from backoffice.offre.models import ContactReferent, Dispositif, EntiteGestionnaire

from .perimetre import libelle_perimetre
from .plan import charger, par_lots


class ChargementExistants:
    """Part of the analysis (analyseur.Analyse): entités, contacts and dispositifs in the
    database, and the importer's perimeter."""

    def _charger_existants(self, entites, dispositifs, financements):
        sirens = {
            ligne_.valeurs["siren"]
            for ligne_ in (*entites, *dispositifs)
            if ligne_.valeurs.get("siren")
        }
        self.entites_db = {}
        for lot in par_lots(sirens):
            self.entites_db.update(
                (e.siren, e) for e in charger(EntiteGestionnaire.objects.filter(siren__in=lot))
            )
        self.entites_dans_perimetre = set(sirens) if self.perimetre.national else set()
        if not self.perimetre.national:
            for lot in par_lots(sirens):
                self.entites_dans_perimetre.update(
                    filtrer(
                        EntiteGestionnaire.objects.filter(siren__in=lot), self.perimetre
                    ).values_list("siren", flat=True)
                )
        self.contacts = {}
        ids = [e.pk for e in self.entites_db.values()]
        for lot in par_lots(ids):
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
        # Instances by code, then by référence locale: one query per kind and lot, and an
        # instance built once when an exported file names the dispositif by both. Types come
        # from the reference lists (no join, no extra instance).
        self.dispositifs_par_code, self.dispositifs_par_ref = {}, {}
        self.dispositifs_par_ref_seule = {}
        charges, titulaires = {}, []
        for lot in par_lots(codes):
            for dispositif in charger(Dispositif.objects.filter(code__in=lot)):
                charges[dispositif.pk] = dispositif

        def titulaire(pk):  # every dispositif holding one of the références, loaded or not
            titulaires.append(pk)
            return pk not in charges

        for lot in par_lots(refs):
            requete = Dispositif.objects.filter(reference_locale__in=lot)
            for dispositif in charger(requete, garder=titulaire):
                charges[dispositif.pk] = dispositif
        champ_type = Dispositif._meta.get_field("type")
        for dispositif in charges.values():
            champ_type.set_cached_value(dispositif, self.ref.types_par_code[dispositif.type_id])
            self.dispositifs_par_code[dispositif.code.upper()] = dispositif
        for pk in titulaires:
            dispositif = charges[pk]
            ref = dispositif.reference_locale
            self.dispositifs_par_ref[(dispositif.departement_id, ref)] = dispositif
            self.dispositifs_par_ref_seule.setdefault(ref, []).append(dispositif)

    def _dans_perimetre(self, dispositif):
        return contient(self.perimetre, dispositif)

    def _departement_permis(self, code):
        return self.perimetre.national or code in self.perimetre.departements

    def _hors_perimetre(self):
        return f"Hors de votre périmètre (départements : {libelle_perimetre(self.perimetre)})."
