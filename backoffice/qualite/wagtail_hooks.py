from wagtail import hooks
from wagtail.log_actions import LogFormatter

from backoffice.offre.sections import SECTIONS_DISPOSITIF, SectionDispositif

from .services import ACTION_JUSTIFICATION, ACTION_RETRAIT_JUSTIFICATION
from .views.anomalies import QualiteViewSetGroup


@hooks.register("register_admin_viewset")
def register_qualite():
    return QualiteViewSetGroup()


@hooks.register("register_log_actions")
def enregistrer_actions(actions):
    @actions.register_action(ACTION_JUSTIFICATION)
    class Justification(LogFormatter):
        label = "Anomalie justifiée"

        def format_message(self, log_entry):
            commentaire = (log_entry.data or {}).get("commentaire", "")
            return f"Anomalie justifiée : {commentaire}" if commentaire else "Anomalie justifiée"

    @actions.register_action(ACTION_RETRAIT_JUSTIFICATION)
    class RetraitJustification(LogFormatter):
        label = "Justification retirée"

        def format_message(self, log_entry):
            return "Justification retirée : l'anomalie est de nouveau à traiter"


@hooks.register(SECTIONS_DISPOSITIF)
def section_anomalies(dispositif, request):
    return SectionDispositif("qualite/_section_dispositif.html", dispositif, request, ordre=20)
