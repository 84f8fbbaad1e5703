"""The demo offer's dispositifs, with their groupes de places and financements."""

import datetime
from decimal import Decimal

from backoffice.offre.models import (
    Dispositif,
    Financement,
    GroupeDePlaces,
    jours_exercice,
)

from . import noms
from .profils import (
    AUTORISATION_ANS,
    COUTS_JOURNALIERS,
    LIBELLES_COLLECTIF,
    ORIENTATIONS,
    PREFIXES_NOMS,
    PROFILS_TYPES,
    SANS_GROUPES,
    TYPES_AUTORISES,
    TYPES_FINESS,
)


class Dispositifs:
    """Part of the generator (generateur.Generateur): a dispositif, its places and funding."""

    def dispositif(self, departement, numero, type_dispositif):
        rng = self.rng
        code_type = type_dispositif.code
        _, _, capacite_moyenne, modes, publics = PROFILS_TYPES[code_type]
        entite = self.choisir_entite(departement, type_dispositif)
        commune, code_postal = self.commune(departement)
        prefixe = PREFIXES_NOMS.get(code_type, code_type)
        if code_type in {"VS_MARAUDE", "IML_SOUS_LOC", "IML_MANDAT", "HEB_HOTEL"} or (
            type_dispositif.nature_id == "PREMIER_ACCUEIL" and rng.random() < 0.5
        ):
            nom = f"{prefixe} {noms.de(commune)}"
        else:
            nom = f"{prefixe} {rng.choice(noms.LIEUX)}"
            if rng.random() < 0.4:
                nom += f" – {commune}"
        ouverture = self.date(self.annee - 25, self.annee - 1)
        if rng.random() < 0.15:
            ouverture = self.date(self.annee - 3, self.annee - 1)  # recent openings
        sans_places = type_dispositif.nature.sans_places or capacite_moyenne == 0
        capacite = 0
        if not sans_places:
            capacite = max(3, round(rng.lognormvariate(0, 0.5) * capacite_moyenne * 0.73))
        dispositif = Dispositif(
            code=f"{departement}-{numero:05d}",
            nom=nom,
            entite=entite,
            type=type_dispositif,
            departement_id=departement,
            adresse=self.adresse(),
            code_postal=code_postal,
            commune=commune,
            public=rng.choice(publics.split()),
            mode_hebergement=rng.choice(modes.split()) if modes else "",
            date_ouverture=ouverture,
            telephone=self.telephone(departement) if rng.random() < 0.8 else "",
            courriel=f"{self.slug(prefixe, 20)}-{numero}@{self.slug(entite.raison_sociale, 30)}"
            ".example.org"
            if rng.random() < 0.6
            else "",
            responsable=self.personne() if rng.random() < 0.7 else "",
            horaires="Du lundi au vendredi, 9 h – 17 h"
            if type_dispositif.nature_id in {"VEILLE", "PREMIER_ACCUEIL"}
            else "",
        )
        if rng.random() < 0.3:
            dispositif.reference_locale = f"REF-{departement}-{numero:04d}"
        if rng.random() < 0.6:
            entite._nic += rng.randint(1, 9)
            dispositif.siret = self.siret(entite.siren, entite._nic)
        if rng.random() < TYPES_FINESS.get(code_type, 0):
            dispositif.finess = self.numero_finess(departement)
        if type_dispositif.nature_id == "DNA" and rng.random() < 0.95:
            dispositif.code_dna = f"{code_type}-{departement}-{numero:05d}"
        if code_type in TYPES_AUTORISES and (
            type_dispositif.places_autorisees_requises or rng.random() < 0.7
        ):
            dispositif.places_autorisees = capacite
            dispositif.date_autorisation = ouverture - datetime.timedelta(days=rng.randint(30, 300))
            # Authorised for 15 years, renewed since as long as it runs (an authorisation that
            # lapsed this year is one of the anomalies the quality check finds).
            debut = dispositif.date_autorisation
            while True:
                fin = datetime.date(
                    debut.year + AUTORISATION_ANS, debut.month, min(debut.day, 28)
                ) - datetime.timedelta(days=1)
                if fin.year >= self.annee:
                    break
                debut = fin + datetime.timedelta(days=1)
            dispositif.date_fin_autorisation = fin
            if rng.random() < 0.4:
                dispositif.places_pmr = min(capacite, rng.randint(1, 6))
        # Some dispositifs closed during the last two exercices.
        fermeture = None
        if rng.random() < 0.04:
            fermeture = self.date(self.annee - 2, self.annee - 1)
            if fermeture < ouverture:
                fermeture = ouverture + datetime.timedelta(days=rng.randint(30, 200))
            if fermeture.year >= self.annee:
                fermeture = None
            else:
                self.jeu.fermetures.append((dispositif, fermeture))
        dispositif._capacite = capacite
        dispositif._fermeture = fermeture
        entite._dispositifs.append(dispositif)
        self.jeu.dispositifs.append(dispositif)
        if rng.random() < 0.15 and self.publics:
            for code in rng.sample(self.publics, rng.randint(1, 2)):
                self.jeu.publics.append((dispositif, code))
        groupes = []
        if not sans_places and code_type not in SANS_GROUPES:
            groupes = self.groupes(dispositif, capacite)
        self.financements(dispositif, groupes)

    def numero_finess(self, departement):
        while True:
            numero = departement + "".join(
                str(self.rng.randrange(10)) for _ in range(9 - len(departement))
            )
            if numero not in self.finess:
                self.finess.add(numero)
                return numero

    def groupes(self, dispositif, capacite):
        rng = self.rng
        mode = dispositif.mode_hebergement
        nombre = {"diffus": rng.randint(2, 6), "mixte": rng.randint(2, 5)}.get(
            mode, rng.choice([1, 2, 2, 3, 4])
        )
        nombre = max(1, min(nombre, capacite // 2))
        # Split the capacity into `nombre` parts of at least 1 place.
        coupes = sorted(rng.sample(range(1, capacite), nombre - 1)) if nombre > 1 else []
        parts = [b - a for a, b in zip([0, *coupes], [*coupes, capacite], strict=True)]
        groupes = []
        for index, places in enumerate(parts):
            if mode == "diffus" or (mode == "mixte" and index > 0):
                commune, code_postal = self.commune(dispositif.departement_id, chef_lieu=0.3)
                libelle = f"Logements diffus – {commune}"
            else:
                commune, code_postal = dispositif.commune, dispositif.code_postal
                libelle = LIBELLES_COLLECTIF[index % len(LIBELLES_COLLECTIF)]
            if dispositif.type.nature_id == "ACCOMP":
                libelle = "Mesures d'accompagnement" if index == 0 else f"Mesures – {commune}"
            groupe = GroupeDePlaces(
                dispositif=dispositif,
                libelle=f"{libelle} ({index + 1})" if nombre > 1 else libelle,
                places=places,
                public=dispositif.public,
                mode_hebergement=mode
                if mode != "mixte"
                else ("collectif" if index == 0 else "diffus"),
                commune=commune,
                code_postal=code_postal,
                places_pmr=min(places, rng.randint(1, 3)) if rng.random() < 0.15 else 0,
            )
            tirage = rng.random()
            if index > 0 and tirage < 0.12 and dispositif.date_ouverture.year < self.annee - 2:
                # An extension opened last year: not yet counted in the older exercices.
                groupe.date_debut = self.date(self.annee - 1, self.annee - 1)
                groupe.libelle = f"Extension {self.annee - 1} – {groupe.libelle}"
            elif index > 0 and tirage > 0.97:
                groupe.date_fin = self.date(self.annee - 1, self.annee - 1)  # places given back
            groupes.append(groupe)
        self.jeu.groupes += groupes
        return groupes

    def financements(self, dispositif, groupes):
        rng = self.rng
        type_dispositif = dispositif.type
        code_type, nature = type_dispositif.code, type_dispositif.nature_id
        if nature == "PREMIER_ACCUEIL" and rng.random() < 0.6:
            return  # volunteers, CCAS: no State financing
        cout = type_dispositif.cout_journalier_reference or COUTS_JOURNALIERS.get(code_type, 6)
        programme, action, service, mode = self.ligne_principale(code_type, nature)
        fin = dispositif._fermeture
        for exercice in (self.annee - 2, self.annee - 1, self.annee):
            if dispositif.date_ouverture.year > exercice or (fin and fin.year < exercice):
                continue
            places = sum(
                g.places
                for g in groupes
                if (g.date_debut is None or g.date_debut.year <= exercice)
                and (g.date_fin is None or g.date_fin.year >= exercice)
            )
            if rng.random() < 0.15:
                places = max(0, places - rng.randint(1, max(1, places // 10)))
            lignes = [(programme, action, service, mode, places)]
            if rng.random() < 0.1:  # co-financing by a local authority
                lignes.append(("AUTRE", "", "autre", "subvention", 0))
            if exercice == self.annee - 2 and nature in {"HEB", "DNA"} and rng.random() < 0.05:
                lignes.append(("P363", "", "DDETS", "subvention", 0))  # plan de relance
            for programme_ligne, action_ligne, service_ligne, mode_ligne, places_ligne in lignes:
                if places_ligne:
                    montant = Decimal(places_ligne * jours_exercice(exercice)) * Decimal(cout)
                    montant *= Decimal(str(round(rng.uniform(0.95, 1.05), 3)))
                else:
                    montant = Decimal(rng.randrange(20_000, 400_000, 500))
                self.jeu.financements.append(
                    Financement(
                        dispositif=dispositif,
                        exercice=exercice,
                        programme=self.programmes[programme_ligne],
                        action=action_ligne,
                        service_financeur=service_ligne,
                        mode=mode_ligne,
                        places_financees=places_ligne,
                        montant_annuel=montant.quantize(Decimal("1")),
                        orientation=ORIENTATIONS.get(code_type, ORIENTATIONS.get(nature, "")),
                        date_debut=max(datetime.date(exercice, 1, 1), dispositif.date_ouverture),
                        date_fin=min(datetime.date(exercice, 12, 31), fin)
                        if fin
                        else datetime.date(exercice, 12, 31),
                    )
                )

    @staticmethod
    def ligne_principale(code_type, nature):
        if code_type == "CPH":
            return "P104", "15", "DREETS", "dgf"
        if code_type == "PRAHDA":
            return "P303", "02", "DGEF", "marche_public"
        if nature == "DNA":
            return "P303", "02", "DDETS", "dgf" if code_type == "CADA" else "subvention"
        if code_type == "HEB_MEDICO":
            return "AUTRE", "", "ARS", "dgf"
        if code_type == "HEB_CHRS":
            return "P177", "12", "DDETS", "dgf"
        if code_type == "HEB_HOTEL":
            return "P177", "12", "DDETS", "marche_public"
        if code_type in {"RS_FTM", "RS_CLASSIQUE"}:
            return "P177", "12", "DDETS", "alt"
        if nature in {"VEILLE", "PREMIER_ACCUEIL"}:
            return "P177", "11", "DDETS", "subvention"
        return "P177", "12", "DDETS", "subvention"
