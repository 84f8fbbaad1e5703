"""Who may do what with an import (imports/regles.py): confirm it only while it is analysed and
within one's perimeter; export the offer only with whole départements to read."""

import pytest

from imports import regles, services
from imports.models import EtatImport, ImportTemps1

pytestmark = pytest.mark.django_db


@pytest.fixture
def import44(ddets44, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    chemin = tmp_path / "offre.xlsx"
    chemin.write_bytes(b"PK")
    return services.deposer(chemin, ddets44)


@pytest.mark.parametrize(
    ("etat", "applicable"),
    [
        (EtatImport.ANALYSEE, True),
        (EtatImport.DEPOSEE, False),
        (EtatImport.EN_ANALYSE, False),
        (EtatImport.EN_APPLICATION, False),
        (EtatImport.APPLIQUEE, False),
        (EtatImport.EN_ERREUR, False),
        (EtatImport.ECHEC, False),
    ],
)
def test_confirmer_seulement_un_import_analyse(import44, ddets44, etat, applicable):
    ImportTemps1.objects.filter(pk=import44.pk).update(etat=etat)
    import44.refresh_from_db()
    assert import44.applicable is applicable
    assert regles.peut_appliquer(ddets44, import44) is applicable


def test_confirmer_seulement_dans_son_perimetre(import44, ddets44, ddets75, siao44, lecteur44):
    ImportTemps1.objects.filter(pk=import44.pk).update(etat=EtatImport.ANALYSEE)
    import44.refresh_from_db()
    assert regles.peut_appliquer(ddets44, import44)
    assert regles.peut_appliquer(siao44, import44)
    assert not regles.peut_appliquer(ddets75, import44)  # another département
    assert not regles.peut_appliquer(lecteur44, import44)  # reads, never writes
    assert not regles.imports_visibles(ddets75).filter(pk=import44.pk).exists()


def test_export_reserve_aux_comptes_departementaux(national, ddets44, gestionnaire44):
    assert regles.peut_exporter(national)
    assert regles.peut_exporter(ddets44)
    # An operator's account reads its own entité, not a whole département.
    assert not regles.peut_exporter(gestionnaire44)
