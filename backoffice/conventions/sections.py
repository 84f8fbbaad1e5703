"""What other apps add to an avenant's page, through a Wagtail hook rather than an import (the
control phase sits above conventions: its minoration budgétaire proposes an avenant, and the
avenant's page shows the control back).

- `sections_avenant`: each hook is called with (avenant, request) and returns a Wagtail
  `Component` (for instance a `SectionAvenant`), or None when it has nothing to show; the page
  renders them below its fields, in their `ordre`.
"""

from wagtail import hooks
from wagtail.admin.ui.components import Component

SECTIONS_AVENANT = "sections_avenant"


class SectionAvenant(Component):
    """A section of the avenant's page: its template receives `object` (the avenant), `request`
    and `contexte`'s keys."""

    def __init__(self, template_name, avenant, request, ordre=50, **contexte):
        self.template_name = template_name
        self.avenant = avenant
        self.request = request
        self.ordre = ordre
        self.contexte = contexte

    def get_context_data(self, parent_context=None):
        return {"object": self.avenant, "request": self.request, **self.contexte}


def sections_de_l_avenant(avenant, request):
    sections = [fonction(avenant, request) for fonction in hooks.get_hooks(SECTIONS_AVENANT)]
    return sorted((s for s in sections if s is not None), key=lambda s: s.ordre)
