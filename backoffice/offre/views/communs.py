"""Pieces shared by the offer's admin screens."""

from backoffice.acces.viewsets import (
    PerimetreInspectView,
)

from ..historique import historique


class HistoriqueInspectView(PerimetreInspectView):
    """Inspect page with the field-level history (who, when, field, before → after)."""

    template_name = "offre/inspect.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["historique"] = historique(self.object)
        return context


# ---------------------------------------------------------------------------------------------
