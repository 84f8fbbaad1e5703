"""The counts of open anomalies per département (with its XLSX export)."""

from django.contrib import messages
from django.db.models import Count, Q
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from backoffice.acces import perimetres
from backoffice.acces.policies import policy_for
from backoffice.acces.viewsets import (
    LECTURE,
)
from backoffice.exports import reponse_xlsx, xlsx_octets
from backoffice.territoires.models import Departement

from .. import services
from ..models import Anomalie, EtatAnomalie, Regle, Severite
from .communs import anomalies_visibles

# ---------------------------------------------------------------------------------------------
# Counts per département
# ---------------------------------------------------------------------------------------------

PAR_REGLE = "regle"
PAR_SEVERITE = "severite"


class SyntheseView(WagtailAdminTemplateMixin, TemplateView):
    """Open anomalies to handle (not justified) per département of the perimeter, by severity
    or by rule, each figure linked to the filtered list."""

    template_name = "qualite/synthese.html"
    page_title = "Qualité des données par département"
    header_icon = "table"

    def dispatch(self, request, *args, **kwargs):
        if not policy_for(Anomalie).user_has_any_permission(request.user, LECTURE):
            messages.error(request, "Vous n'avez pas accès à la qualité des données.")
            return redirect("wagtailadmin_home")
        return super().dispatch(request, *args, **kwargs)

    @cached_property
    def par(self):
        return PAR_REGLE if self.request.GET.get("par") == PAR_REGLE else PAR_SEVERITE

    def colonnes(self):
        """[(code, libellé)] of the count columns."""
        if self.par == PAR_REGLE:
            return list(Regle.choices)
        return list(Severite.choices)

    def tableau(self):
        """(colonnes, lignes, totaux); a row: (département, {code: n}, total, justifiées)."""
        user = self.request.user
        visibles = anomalies_visibles(user).filter(resolue_le__isnull=True).order_by()
        champ = "regle" if self.par == PAR_REGLE else "severite"
        comptes = visibles.values("departement_id", champ).annotate(
            a_traiter=Count("pk", filter=Q(justifiee_le__isnull=True)),
            justifiees=Count("pk", filter=Q(justifiee_le__isnull=False)),
        )
        perimetre = perimetres.perimetre_pour(user, "qualite.anomalie", LECTURE)
        donnees = {}
        for ligne in comptes:
            par_code, justifiees = donnees.setdefault(ligne["departement_id"], ({}, [0]))
            par_code[ligne[champ]] = par_code.get(ligne[champ], 0) + ligne["a_traiter"]
            justifiees[0] += ligne["justifiees"]
        codes = set(donnees)
        if not perimetre.national:
            codes |= set(perimetre.departements)
        departements = Departement.objects.filter(code__in=codes).order_by("code")
        colonnes = self.colonnes()
        lignes = []
        totaux = dict.fromkeys([code for code, _ in colonnes], 0)
        total_general, justifiees_general = 0, 0
        for departement in departements:
            par_code, justifiees = donnees.get(departement.code, ({}, [0]))
            valeurs = [
                (code, par_code.get(code, 0), self.url_cellule(departement.code, code))
                for code, _ in colonnes
            ]
            total = sum(n for _, n, _ in valeurs)
            for code, n, _ in valeurs:
                totaux[code] += n
            total_general += total
            justifiees_general += justifiees[0]
            lignes.append(
                {
                    "departement": departement,
                    "valeurs": valeurs,
                    "total": total,
                    "url_total": services.url_liste(
                        departement=departement.code, etat=EtatAnomalie.OUVERTE
                    ),
                    "justifiees": justifiees[0],
                    "url_justifiees": services.url_liste(
                        departement=departement.code, etat=EtatAnomalie.JUSTIFIEE
                    ),
                }
            )
        return {
            "colonnes": colonnes,
            "lignes": lignes,
            "totaux": [totaux[code] for code, _ in colonnes],
            "total": total_general,
            "justifiees": justifiees_general,
        }

    def url_cellule(self, departement, code):
        return services.url_liste(
            departement=departement, etat=EtatAnomalie.OUVERTE, **{self.par: code}
        )

    def get(self, request, *args, **kwargs):
        if request.GET.get("export") == "xlsx":
            return self.export_xlsx()
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            {
                "tableau": self.tableau(),
                "par": self.par,
                "url_par_severite": reverse("anomalie:synthese"),
                "url_par_regle": reverse("anomalie:synthese") + f"?par={PAR_REGLE}",
                "url_export": reverse("anomalie:synthese") + f"?par={self.par}&export=xlsx",
                "url_liste": reverse("anomalie:index"),
            }
        )
        return context

    def export_xlsx(self):
        tableau = self.tableau()
        entetes = [
            "Département",
            "Nom",
            *[libelle for _, libelle in tableau["colonnes"]],
            "Total à traiter",
            "Justifiées",
        ]
        lignes = [
            [
                ligne["departement"].code,
                ligne["departement"].nom,
                *[n for _, n, _ in ligne["valeurs"]],
                ligne["total"],
                ligne["justifiees"],
            ]
            for ligne in tableau["lignes"]
        ]
        lignes.append(["Total", "", *tableau["totaux"], tableau["total"], tableau["justifiees"]])
        return reponse_xlsx(
            xlsx_octets("Anomalies par département", entetes, lignes),
            f"qualite-par-departement-{timezone.localdate():%Y-%m-%d}.xlsx",
        )
