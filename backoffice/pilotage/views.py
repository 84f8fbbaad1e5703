"""Dashboard (Wagtail home panel), map page and XLSX export. Every figure comes from
`tableau.tableau_de_bord`, computed for the user's perimeter only."""

from urllib.parse import urlencode

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import QueryDict
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.views import View
from wagtail.admin.ui.components import Component

from backoffice.acces.perimetres import perimetre_pour
from backoffice.exportations import services as exportations
from backoffice.exportations import taches
from backoffice.exportations.registre import Introuvable, Tableau
from backoffice.exports import reponse_tableau
from backoffice.occupation.indicateurs import taux_par_departement
from backoffice.qualite.services import compter_par_departement
from backoffice.territoires.models import Departement

from . import charge, comparaison, graphiques
from .axes import lire_axes
from .carte import construire_carte
from .detail import CHIFFRES, lignes_du_chiffre
from .exports import dispositifs_du_perimetre, fichier_pilotage, nom_fichier
from .tableau import perimetre_du_tableau, tableau_de_bord, url_detail

INDICATEURS_CARTE = {
    "ouvertes": "Places ouvertes",
    "financees": "Places financées",
    "autorisees": "Places autorisées",
    "conventionnees": "Places conventionnées",
    "ecart_financees": "Écart financées − autorisées",
    "ecart_ouvertes": "Écart ouvertes − financées",
    "cout_jour_place": "Coût par place et par jour (€)",
    "taux_occupation": "Taux d'occupation (DN@)",
}


def anomalies_par_departement(perimetre):
    """Open anomalies per département (backoffice.qualite), {} while that app has no data."""
    return compter_par_departement(perimetre)


class AttentePanel(Component):
    """First on the home page: what waits for this user's action (charge.py)."""

    name = "ce_qui_vous_attend"
    order = 5
    template_name = "pilotage/panneau_attente.html"

    def __init__(self, request):
        self.request = request

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        context["charge"] = charge.charge_de(self.request.user)
        return context


class TableauDeBordPanel(Component):
    """Then the figures: the four capacities, then the detail (table, charts)."""

    name = "tableau_de_bord"
    order = 10
    template_name = "pilotage/panneau_tableau.html"

    def __init__(self, request):
        self.request = request

    def render_html(self, parent_context=None):
        if perimetre_du_tableau(self.request.user).vide:
            return ""
        return super().render_html(parent_context)

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        user = self.request.user
        axes, erreur = lire_axes(self.request.GET)
        tableau = tableau_de_bord(user, axes)
        context.update(tableau)
        context["erreur_date"] = erreur
        context["date_saisie"] = axes.date
        context["connu_au_saisi"] = axes.connu_au
        context["aujourdhui_iso"] = timezone.localdate().isoformat()
        context["barres"] = graphiques.barres_par_type(tableau["lignes_type"])
        context["courbes"] = graphiques.courbes(tableau["evolution"])
        anomalies = anomalies_par_departement(tableau["perimetre"])
        context["anomalies"] = sum(c["total"] for c in anomalies.values())
        context["url_anomalies"] = reverse("anomalie:index")
        context["url_export"] = reverse("pilotage_export") + axes.requete()
        context["url_carte"] = reverse("pilotage_carte") + axes.requete()
        context["url_comparaison"] = reverse("pilotage_comparaison")
        return context


def _format_nombre(valeur):
    if valeur is None:
        return "—"
    if isinstance(valeur, int):
        return f"{valeur:,}".replace(",", "\u202f")
    return f"{valeur:.2f}".replace(".", ",") + " €"


def _carte_occupation(user, axes):
    """The occupancy rate per département (backoffice.occupation.indicateurs), for the latest
    month imported up to the chosen date; a click lists that month's rows of the département."""
    perimetre = perimetre_pour(user, "occupation.occupation", "view")
    mois, valeurs = taux_par_departement(perimetre, axes.jour)
    liste = reverse("occupation:index")
    libelle = INDICATEURS_CARTE["taux_occupation"]
    if mois is not None:
        libelle = f"{libelle}, {mois:%m/%Y}"
    return construire_carte(
        valeurs,
        lambda code: (
            f"{liste}?{urlencode({'mois': mois.isoformat(), 'departement': code})}"
            if code in valeurs
            else None
        ),
        libelle,
        format_valeur=lambda v: "—" if v is None else f"{v:.1f}".replace(".", ",") + "\u00a0%",
    )


class CarteView(View):
    """Map of France coloured by an indicator; a click lands on the département's list."""

    def get(self, request):
        user = request.user
        perimetre = perimetre_du_tableau(user)
        if perimetre.vide:
            raise PermissionDenied
        axes, erreur = lire_axes(request.GET)
        indicateur = request.GET.get("indicateur", "ouvertes")
        if indicateur not in INDICATEURS_CARTE:
            indicateur = "ouvertes"
        tableau = tableau_de_bord(user, axes, avec_evolution=False)
        exercice = tableau["exercice"]

        def valeur(ligne):
            if indicateur == "cout_jour_place":
                cout = ligne.chiffres.cout_jour_place(exercice)
                return float(cout) if cout is not None else None
            if indicateur == "autorisees" and ligne.autorisation is None:
                return 0  # dispositifs, none under authorisation: no authorised place
            return ligne.valeur(indicateur)

        # A département without any figure (no dispositif) is « sans donnée », not a zero;
        # nor is a gap without reference (no type under authorisation there).
        lignes = {ligne.code: ligne for ligne in tableau["lignes_departement"]}
        valeurs = (
            {}
            if indicateur == "taux_occupation"
            else {code: valeur(ligne) for code, ligne in lignes.items()}
        )

        accessibles = {
            code
            for code in Departement.objects.values_list("code", flat=True)
            if perimetre.national or code in perimetre.departements
        } | set(lignes)

        if indicateur == "taux_occupation":
            carte = _carte_occupation(user, axes)
        else:
            carte = construire_carte(
                valeurs,
                lambda code: (
                    url_detail(
                        indicateur if indicateur in CHIFFRES else "dispositifs",
                        axes,
                        departement=code,
                    )
                    if code in accessibles
                    else None
                ),
                INDICATEURS_CARTE[indicateur],
                format_valeur=_format_nombre,
            )
        return TemplateResponse(
            request,
            "pilotage/carte_page.html",
            {
                **tableau,
                "carte": carte,
                "indicateur": indicateur,
                "indicateurs": INDICATEURS_CARTE.items(),
                "erreur_date": erreur,
                "date_saisie": axes.date,
                "connu_au_saisi": axes.connu_au,
                "aujourdhui_iso": timezone.localdate().isoformat(),
                "url_export": reverse("pilotage_export") + axes.requete(),
                "page_title": "Carte de l'offre",
            },
        )


class ExportView(View):
    """The dashboard's workbook: written at once for a small perimeter, by a background job
    above the threshold (the page then shows its progress, the file waits in « Mes exports »)."""

    NOM = "pilotage_export"

    def get(self, request):
        user = request.user
        if perimetre_du_tableau(user).vide:
            raise PermissionDenied
        parametres = request.GET.urlencode()
        if exportations.en_arriere_plan(self.NOM, lambda: dispositifs_du_perimetre(user)):
            axes, _ = lire_axes(request.GET)
            titre = f"Chiffres du tableau de bord {axes.libelle()}"
            return taches.differer(request, self.NOM, titre, nom_fichier(axes))
        return exportations.reponse_immediate(fichier_pilotage(user, parametres))


class DetailView(View):
    """The rows behind a figure of the dashboard or the map, within the user's perimeter."""

    def get(self, request):
        perimetre = perimetre_du_tableau(request.user)
        if perimetre.vide:
            raise PermissionDenied
        axes, erreur = lire_axes(request.GET)
        chiffre = request.GET.get("chiffre", "dispositifs")
        if chiffre not in CHIFFRES:
            chiffre = "dispositifs"
        filtres = {
            cle: request.GET.get(cle, "").strip()[:20] for cle in ("departement", "type", "nature")
        }
        lignes, total = lignes_du_chiffre(
            perimetre,
            chiffre,
            axes,
            departement=filtres["departement"],
            type_code=filtres["type"],
            nature=filtres["nature"],
        )
        libelles = {"departement": "département", "type": "type", "nature": "nature"}
        precisions = [f"{libelles[cle]} {valeur}" for cle, valeur in filtres.items() if valeur]
        description = f"{CHIFFRES[chiffre]} {axes.libelle()}"
        if precisions:
            description += " – " + ", ".join(precisions)
        retour = reverse("wagtailadmin_home") + axes.requete()
        return TemplateResponse(
            request,
            "pilotage/detail_page.html",
            {
                "titre": CHIFFRES[chiffre],
                "libelle_chiffre": CHIFFRES[chiffre],
                "description": description,
                "lignes": lignes,
                "total": total,
                "axes": axes,
                "erreur": erreur,
                "url_retour": retour,
            },
        )


def lire_comparaison(donnees):
    """(du, au, connu_au, French error or None) from GET data; by default from the 1st of
    January to today, as known now."""
    aujourdhui = timezone.localdate()
    # The two dates are read by the one reader of the axes (same checks, same messages).
    debut, erreur_du = lire_axes({"date": donnees.get("du", "")})
    fin, erreur_au = lire_axes({"date": donnees.get("au", ""), "connu_au": donnees.get("connu_au")})
    du = debut.jour if donnees.get("du") and not erreur_du else aujourdhui.replace(month=1, day=1)
    du, au = sorted((du, fin.jour))
    return du, au, fin.connu_au, erreur_du or erreur_au


class ComparaisonView(View):
    """What changed between two dates in the user's perimeter, dispositif by dispositif."""

    NOM = "pilotage_comparaison"
    LIGNES_PAR_PAGE = 200

    def get(self, request):
        perimetre = perimetre_du_tableau(request.user)
        if perimetre.vide:
            raise PermissionDenied
        format_ = request.GET.get("format")
        if format_ in ("csv", "xlsx"):
            return self.exporter(request, format_)
        du, au, connu_au, erreur = lire_comparaison(request.GET)
        resultat = comparaison.comparer(perimetre, du, au, connu_au)
        # Pages of rows (a national comparison can list thousands); the totals cover them all.
        paginateur = Paginator(resultat.variations, self.LIGNES_PAR_PAGE)
        lignes = paginateur.get_page(request.GET.get("p"))
        return TemplateResponse(
            request,
            "pilotage/comparaison_page.html",
            {
                "page_title": "Comparer deux dates",
                "comparaison": resultat,
                "items": lignes,
                "elided_page_range": paginateur.get_elided_page_range(lignes.number),
                "colonnes": comparaison.COLONNES,
                "erreur": erreur,
                "aujourdhui_iso": timezone.localdate().isoformat(),
                "parametres": _sans_page(request.GET),
            },
        )

    def exporter(self, request, format_):
        user = request.user
        if exportations.en_arriere_plan(self.NOM, lambda: dispositifs_du_perimetre(user)):
            du, au, connu_au, _ = lire_comparaison(request.GET)
            titre = f"Comparaison du {du:%d/%m/%Y} au {au:%d/%m/%Y}"
            return taches.differer(request, self.NOM, titre, nom_comparaison(du, au), format_)
        tableau = tableau_comparaison(user, request.GET.urlencode())
        return reponse_tableau(
            format_, tableau.titre, tableau.entetes, tableau.lignes, tableau.nom_fichier
        )


def _sans_page(donnees):
    donnees = donnees.copy()
    donnees.pop("p", None)
    return donnees.urlencode()


def nom_comparaison(du, au):
    return f"comparaison-{du:%Y-%m-%d}-{au:%Y-%m-%d}"


def tableau_comparaison(user, parametres):
    """The comparison's table for `user` (their perimeter on the day it is written): the
    immediate download and the background job write this same table."""
    perimetre = perimetre_du_tableau(user)
    if perimetre.vide:
        raise Introuvable
    du, au, connu_au, _ = lire_comparaison(QueryDict(parametres))
    resultat = comparaison.comparer(perimetre, du, au, connu_au)
    return Tableau(
        titre="Comparaison",
        nom_fichier=nom_comparaison(du, au),
        entetes=comparaison.entetes(resultat),
        lignes=list(comparaison.lignes(resultat)),
        total=len(resultat.variations) + 1,
    )
