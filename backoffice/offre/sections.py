"""What other apps add to the offer's pages, through Wagtail hooks rather than imports: the
offer sits below conventions, demandes, qualité and pilotage, so it cannot import them.

- `sections_dispositif`: each hook is called with (dispositif, request) and returns a
  `SectionDispositif` (a Wagtail `Component`), or None when it has nothing to show; the page
  renders the sections in their `ordre`, those marked `avant_champs` above the fields.
- `capacites_dispositifs_au`: the one hook (pilotage) that gives the capacities of dispositifs
  as recorded on a past date, for the « Capacités au » filter of the list.
"""

from wagtail import hooks
from wagtail.admin.ui.components import Component

SECTIONS_DISPOSITIF = "sections_dispositif"
CAPACITES_AU = "capacites_dispositifs_au"


class SectionDispositif(Component):
    """A section of the dispositif's page: its template receives `object` (the dispositif),
    `request` and `contexte`."""

    def __init__(self, template_name, dispositif, request, ordre, avant_champs=False, **contexte):
        self.template_name = template_name
        self.dispositif = dispositif
        self.request = request
        self.ordre = ordre
        self.avant_champs = avant_champs
        self.contexte = contexte

    def get_context_data(self, parent_context=None):
        return {"object": self.dispositif, "request": self.request, **self.contexte}


def sections_du_dispositif(dispositif, request):
    """(sections above the fields, sections below), each list in its order."""
    sections = [fonction(dispositif, request) for fonction in hooks.get_hooks(SECTIONS_DISPOSITIF)]
    sections = sorted((s for s in sections if s is not None), key=lambda s: s.ordre)
    return (
        [s for s in sections if s.avant_champs],
        [s for s in sections if not s.avant_champs],
    )


def capacites_au(date, dispositifs, connu_au=None):
    """{dispositif id: Chiffres} in effect on `date` as known at `connu_au` (None: now) (hook
    `capacites_dispositifs_au`: exactly one provider, the dashboard's definitions)."""
    (fournisseur,) = hooks.get_hooks(CAPACITES_AU)
    return fournisseur(date, dispositifs, connu_au)
