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
            if donnees.get("interne"):
                # Logs are listed in reports that only check model permissions: an internal
                # comment's text stays on the object's own (perimeter-checked) timeline.
                message += " (commentaire interne)"
            elif donnees.get("commentaire"):
                message += f" (commentaire : {donnees['commentaire']})"
            return message
