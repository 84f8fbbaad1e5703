"""Admin screens of the control phase, under one menu entry « Contrôles »: the controls, their
measures, the yearly programmes (each shown to the roles holding a right on it: an entité's
gestionnaire sees its controls and measures, never the programmes)."""

from wagtail.admin.viewsets.model import ModelViewSetGroup

from .controle import ControleViewSet
from .mesure import MesureViewSet
from .programme import ProgrammeControleViewSet


class ControlesViewSetGroup(ModelViewSetGroup):
    menu_label = "Contrôles"
    menu_icon = "tasks"
    menu_order = 320
    items = (ControleViewSet, MesureViewSet, ProgrammeControleViewSet)
