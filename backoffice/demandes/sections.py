"""What other apps add to a request's page (admin side only, never the public follow-up page),
through a Wagtail hook rather than an import (the control phase sits above demandes: its
« fermeture » measure proposes a closure request, and the request's page shows the control back).

- `sections_demande`: each hook is called with (demande, request) and returns a Wagtail
  `Component` (for instance a `SectionDemande`), or None when it has nothing to show; the page
  renders them above its attachments, in their `ordre`.
"""

from wagtail import hooks
from wagtail.admin.ui.components import Component

SECTIONS_DEMANDE = "sections_demande"


class SectionDemande(Component):
    """A section of the request's page: its template receives `object` (the request),
    `request` and `contexte`'s keys."""

    def __init__(self, template_name, demande, request, ordre=50, **contexte):
        self.template_name = template_name
        self.demande = demande
        self.request = request
        self.ordre = ordre
        self.contexte = contexte

    def get_context_data(self, parent_context=None):
        return {"object": self.demande, "request": self.request, **self.contexte}


def sections_de_la_demande(demande, request):
    sections = [fonction(demande, request) for fonction in hooks.get_hooks(SECTIONS_DEMANDE)]
    return sorted((s for s in sections if s is not None), key=lambda s: s.ordre)
