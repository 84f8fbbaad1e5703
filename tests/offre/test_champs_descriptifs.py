"""The descriptive fields of a dispositif are declared once (Dispositif.CHAMPS_DESCRIPTIFS): every
place that sets or shows them (the public request, the materialisation of a request, the Temps 1
import and export, the admin form and export) carries each of them, or excludes it explicitly."""

import pytest
from wagtail.admin.panels import FieldPanel

from backoffice.demandes.forms import DemandeModificationForm
from backoffice.demandes.materialisation import CHAMPS_MODIFIABLES
from backoffice.offre.models import Dispositif
from backoffice.offre.views.dispositifs import DispositifViewSet
from backoffice.public.forms.sections import DispositifForm
from imports.temps1.analyse.dispositifs import CHAMPS_DISPOSITIF as CHAMPS_TEMPS1
from imports.temps1.schema import FEUILLE_DISPOSITIFS

DESCRIPTIFS = Dispositif.CHAMPS_DESCRIPTIFS

# The only descriptive fields a modification request leaves out, and why: the gestionnaire edits
# the minor ones directly; the OFII code is kept by the State's agents on the dispositif's page.
EXCLUS_DE_LA_MODIFICATION = {"telephone", "courriel", "code_dna"}


def _champs_des_panneaux(panneaux):
    for panneau in panneaux:
        if isinstance(panneau, FieldPanel):
            yield panneau.field_name
        yield from _champs_des_panneaux(getattr(panneau, "children", ()))


def test_la_declaration_nomme_des_champs_du_modele():
    noms = {f.name for f in Dispositif._meta.concrete_fields}
    assert DESCRIPTIFS and set(DESCRIPTIFS) <= noms
    assert len(set(DESCRIPTIFS)) == len(DESCRIPTIFS)


@pytest.mark.parametrize("champ", DESCRIPTIFS)
def test_le_formulaire_public_porte_chaque_champ(champ):
    assert champ in DispositifForm.base_fields


@pytest.mark.parametrize("champ", DESCRIPTIFS)
def test_l_import_temps1_lit_et_ecrit_chaque_champ(champ):
    assert champ in CHAMPS_TEMPS1
    assert champ in {c.cle for c in FEUILLE_DISPOSITIFS.colonnes}


@pytest.mark.parametrize("champ", DESCRIPTIFS)
def test_la_demande_de_modification_porte_chaque_champ_sauf_les_exclus(champ):
    if champ in EXCLUS_DE_LA_MODIFICATION:
        assert champ not in CHAMPS_MODIFIABLES
        assert champ not in DemandeModificationForm.base_fields
    else:
        assert champ in CHAMPS_MODIFIABLES
        assert champ in DemandeModificationForm.base_fields


def test_la_demande_de_modification_n_ajoute_que_le_type_et_le_departement():
    assert set(CHAMPS_MODIFIABLES) - set(DESCRIPTIFS) == {"type_id", "departement_id"}


@pytest.mark.parametrize("champ", DESCRIPTIFS)
def test_le_formulaire_et_l_export_de_l_administration_portent_chaque_champ(champ):
    assert champ in set(_champs_des_panneaux(DispositifViewSet.panels))
    # A field with choices is exported by its label.
    a_des_choix = bool(Dispositif._meta.get_field(champ).choices)
    colonne = f"get_{champ}_display" if a_des_choix else champ
    assert colonne in DispositifViewSet.list_export
