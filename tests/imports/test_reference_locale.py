"""A référence locale names one dispositif in its département: a Temps 1 workbook that gives the
same one to two rows is refused, with a French message at the second row, whichever row comes
first and whether each row is a new dispositif or an existing one renamed. Nothing is written."""

import pytest

from backoffice.offre.models import Dispositif
from tests.factories import DispositifFactory
from tests.imports.outils import analyse, dispositif, entite, simple

pytestmark = pytest.mark.django_db

D = "Dispositifs"


def analyser(tmp_path, dispositifs, entites=None):
    chemin = simple(tmp_path / "classeur.xlsx", entites or [entite(1)], dispositifs)
    return analyse(chemin)


def existant(reference):
    """A dispositif of the back office, written in the workbook by its code (its entité too)."""
    objet = DispositifFactory(departement_id="44", reference_locale=reference)
    return objet, {"code": objet.code, "siren": objet.entite.siren}


def messages_references(rapport):
    return [(e.row, e.message) for e in rapport.errors if e.column == "Référence locale"]


def test_deux_nouveaux_dispositifs_de_meme_reference(tmp_path):
    rapport = analyser(tmp_path, [dispositif(1), dispositif(2, reference_locale="REF-1")])
    assert messages_references(rapport) == [
        (3, "Dispositif déjà présent ligne 2 de l'onglet Dispositifs.")
    ]
    assert not rapport.ok


def test_un_existant_renomme_vers_la_reference_d_un_nouveau(tmp_path):
    _, cle = existant("ANCIENNE")
    rapport = analyser(
        tmp_path,
        [dispositif(1, reference_locale="REF-X"), dispositif(2, reference_locale="REF-X", **cle)],
    )
    assert messages_references(rapport) == [
        (3, "Référence locale déjà utilisée ligne 2 pour le département 44.")
    ]
    assert not rapport.ok


def test_un_nouveau_prend_la_reference_donnee_plus_haut_a_un_existant(tmp_path):
    _, cle = existant("ANCIENNE")
    rapport = analyser(
        tmp_path,
        [dispositif(1, reference_locale="REF-X", **cle), dispositif(2, reference_locale="REF-X")],
    )
    assert messages_references(rapport) == [
        (3, "Référence locale déjà utilisée ligne 2 pour le département 44.")
    ]
    assert not rapport.ok


def test_deux_existants_renommes_vers_la_meme_reference(tmp_path):
    premier, cle_1 = existant("A-1")
    second, cle_2 = existant("A-2")
    rapport = analyser(
        tmp_path,
        [
            dispositif(1, reference_locale="COMMUNE", **cle_1),
            dispositif(2, reference_locale="COMMUNE", **cle_2),
        ],
    )
    assert messages_references(rapport) == [
        (3, "Référence locale déjà utilisée ligne 2 pour le département 44.")
    ]
    assert not rapport.ok
    # Refused: nothing written, each keeps its reference.
    premier.refresh_from_db()
    second.refresh_from_db()
    assert (premier.reference_locale, second.reference_locale) == ("A-1", "A-2")


def test_une_reference_deja_prise_en_base_par_un_autre(tmp_path):
    titulaire, _ = existant("PRISE")
    rapport = analyser(tmp_path, [dispositif(1, reference_locale="PRISE")])
    # The row names the holder (same département, same reference): it updates it, no error.
    assert messages_references(rapport) == []
    _, cle = existant("LIBRE")
    rapport = analyser(tmp_path, [dispositif(1, reference_locale="PRISE", **cle)])
    assert messages_references(rapport) == [
        (
            2,
            f"Référence locale déjà utilisée dans le département 44 par le dispositif "
            f"{titulaire.code}.",
        )
    ]


def test_la_meme_reference_dans_deux_departements_est_permise(tmp_path):
    rapport = analyser(
        tmp_path,
        [
            dispositif(1, reference_locale="REF-X"),
            dispositif(
                2, reference_locale="REF-X", departement="85", code_postal="85000", commune="Luçon"
            ),
        ],
    )
    assert messages_references(rapport) == []
    assert rapport.ok, rapport.errors
    assert not Dispositif.objects.filter(reference_locale="REF-X").exists()  # analysis only
