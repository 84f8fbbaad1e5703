from wagtail import hooks
from wagtail.log_actions import LogFormatter

from .libelles import libelle_action, libelle_etat


@hooks.register("register_log_actions")
def enregistrer_actions(actions):
    @actions.register_action("workflows.transition")
    class Transition(LogFormatter):
        label = "Changement d'état"

        def format_message(self, log_entry):
            donnees = log_entry.data or {}
            model = log_entry.content_type.model_class()
            de, vers = donnees.get("de", ""), donnees.get("vers", "")
            message = libelle_action(model, donnees.get("transition", ""))
            if model is not None and hasattr(model, "CHAMP_ETAT"):
                message += f" : {libelle_etat(model, de)} → {libelle_etat(model, vers)}"
            if donnees.get("interne"):
                # Logs are listed in reports that only check model permissions: an internal
                # comment's text stays on the object's own (perimeter-checked) timeline.
                message += " (commentaire interne)"
            elif donnees.get("commentaire"):
                message += f" (commentaire : {donnees['commentaire']})"
            return message
