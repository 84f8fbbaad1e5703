from wagtail import hooks
from wagtail.log_actions import LogFormatter


@hooks.register("register_log_actions")
def enregistrer_actions(actions):
    @actions.register_action("workflows.transition")
    class Transition(LogFormatter):
        label = "Changement d'état"

        def format_message(self, log_entry):
            donnees = log_entry.data or {}
            message = f"{donnees.get('de', '?')} → {donnees.get('vers', '?')}"
            if donnees.get("commentaire"):
                prefixe = "commentaire interne" if donnees.get("interne") else "commentaire"
                message += f" ({prefixe} : {donnees['commentaire']})"
            return message
