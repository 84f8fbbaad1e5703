from django.apps import AppConfig


class TerritoiresConfig(AppConfig):
    name = "backoffice.territoires"
    verbose_name = "Territoires"

    def ready(self):
        from backoffice.acces.choix import declarer_restriction

        from .models import restreindre_departements, restreindre_par_departements

        # Territories are perimeter-bound choices for every non-national account.
        declarer_restriction("territoires.departement", restreindre_departements)
        declarer_restriction("territoires.region", restreindre_par_departements)
        declarer_restriction("territoires.siao", restreindre_par_departements)
