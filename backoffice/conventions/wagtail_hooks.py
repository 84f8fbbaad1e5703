from wagtail import hooks

from backoffice.offre.sections import SECTIONS_DISPOSITIF, SectionDispositif

from .choosers import convention_chooser
from .views import ConventionsViewSetGroup


@hooks.register("register_admin_viewset")
def register_conventions():
    return ConventionsViewSetGroup()


@hooks.register(SECTIONS_DISPOSITIF)
def section_du_dispositif(dispositif, request):
    return SectionDispositif("conventions/_section_dispositif.html", dispositif, request, ordre=30)


@hooks.register("register_admin_viewset")
def register_chooser_conventions():
    return convention_chooser
