"""Admin screens of calls for projects and candidatures, grouped under one menu entry."""

from wagtail.admin.viewsets.model import ModelViewSetGroup

from .appels import AppelViewSet
from .candidatures import CandidatureViewSet


class AppelsViewSetGroup(ModelViewSetGroup):
    menu_label = "Appels à projets"
    menu_icon = "pick"
    menu_order = 310
    items = (AppelViewSet, CandidatureViewSet)
