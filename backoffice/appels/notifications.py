"""E-mails to the next actor of a call or a candidature (sent after commit)."""

from backoffice.acces.roles import Role
from backoffice.conventions.notifications import destinataires, envoyer, lien_admin

from .regles import departements_appel


def _pilotes(appel):
    return destinataires({Role.DEPARTEMENTAL, Role.REGIONAL}, departements_appel(appel))


def _validateurs(appel):
    if appel.nationale:
        return destinataires({Role.NATIONAL}, nationaux=True)
    return destinataires({Role.REGIONAL}, departements_appel(appel))


def notifier_appel(appel, nom, acteur, commentaire=""):
    messages = {
        "soumettre": (_pilotes(appel), f"Appel à projets à pré-valider : {appel}"),
        "pre_valider": (_validateurs(appel), f"Appel à projets à valider : {appel}"),
        "valider": (_pilotes(appel), f"Appel à projets validé, à publier : {appel}"),
        "renvoyer": (_pilotes(appel), f"Appel à projets renvoyé au brouillon : {appel}"),
        "clore": (_pilotes(appel), f"Appel à projets clos, à instruire : {appel}"),
        "arreter_selection": (
            _pilotes(appel),
            f"Sélection arrêtée, candidatures à conventionner : {appel}",
        ),
    }
    if nom not in messages:
        return
    adresses, sujet = messages[nom]
    corps = f"{sujet}\n\nÉtat : {appel.libelle_etat()}\n"
    if commentaire:
        corps += f"\nCommentaire :\n{commentaire}\n"
    corps += f"\n{lien_admin('appel:inspect', appel.pk)}\n"
    envoyer(adresses, sujet, corps)


def _candidate(candidature):
    adresses = destinataires({Role.GESTIONNAIRE}, entite_id=candidature.entite_id)
    if candidature.deposee_par and candidature.deposee_par.email:
        adresses.append(candidature.deposee_par.email)
    return adresses


def notifier_depot(candidature):
    envoyer(
        destinataires({Role.DEPARTEMENTAL}, [candidature.departement_id]),
        f"Nouvelle candidature : {candidature.nom_projet} ({candidature.appel.reference})",
        f"{candidature.entite.raison_sociale} a déposé une candidature de "
        f"{candidature.places_proposees} places.\n\n"
        f"{lien_admin('candidature:inspect', candidature.pk)}\n",
    )


def notifier_candidature(candidature, nom, acteur, commentaire=""):
    messages = {
        "declarer_irrecevable": "Votre candidature {projet} est irrecevable.",
        "retenir": "Votre candidature {projet} est retenue.",
        "ne_pas_retenir": "Votre candidature {projet} n'est pas retenue.",
        "conventionner": "Votre candidature {projet} : la convention est en préparation.",
        "classer_sans_suite": "Votre candidature {projet} est classée sans suite.",
    }
    if nom in messages:
        sujet = messages[nom].format(projet=f"« {candidature.nom_projet} »")
        corps = f"{sujet}\n"
        if commentaire:
            corps += f"\nMotif / commentaire :\n{commentaire}\n"
        corps += f"\n{lien_admin('candidature:inspect', candidature.pk)}\n"
        envoyer(_candidate(candidature), sujet, corps)
    if nom == "conventionner":
        cible = candidature.convention or candidature.avenant
        url = "convention:inspect" if candidature.convention_id else "avenant:inspect"
        envoyer(
            destinataires({Role.DEPARTEMENTAL}, [candidature.departement_id]),
            f"Projet de {'convention' if candidature.convention_id else 'avenant'} à compléter : "
            f"{cible}",
            f"Créé depuis la candidature retenue « {candidature.nom_projet} ».\n\n"
            f"{lien_admin(url, cible.pk)}\n",
        )
