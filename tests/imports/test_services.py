"""Import jobs (ImportTemps1): file kept as sent, analysis, application, perimeter scoping."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from backoffice.acces.policies import policy_for
from backoffice.offre.models import Dispositif, EntiteGestionnaire, Financement
from imports import services
from imports.models import ImportTemps1
from imports.temps1 import application as module_application
from tests.factories import EntiteFactory
from tests.imports.outils import dispositif, entite, financement, simple

pytestmark = pytest.mark.django_db


def televerse(chemin, nom="offre.xlsx"):
    return SimpleUploadedFile(nom, chemin.read_bytes())


@pytest.fixture
def fichier(tmp_path):
    return simple(tmp_path / "offre.xlsx", [entite(1)], [dispositif(1)], [financement(1)])


def test_depot_analyse_application(fichier, ddets44):
    import_ = services.deposer(televerse(fichier, "Offre DDETS 44.xlsx"), ddets44)
    assert import_.etat == "deposee"
    assert import_.nom_fichier == "Offre DDETS 44.xlsx"
    assert import_.fichier.read() == fichier.read_bytes()  # kept exactly as sent
    assert import_.perimetre_libelle == "44"
    assert list(import_.departements.values_list("code", flat=True)) == ["44"]

    rapport = services.analyser_import(import_)
    import_.refresh_from_db()
    assert rapport.ok and import_.etat == "analysee" and import_.progression == 100
    assert import_.rapport == rapport.to_json()
    assert not import_.fichier_annote
    assert not Dispositif.objects.exists()  # analysing writes nothing

    services.appliquer_import(import_)
    import_.refresh_from_db()
    assert import_.etat == "appliquee" and import_.applique_le is not None
    assert import_.rapport["applied"] is True
    assert Dispositif.objects.get().history.first().history_change_reason == import_.libelle
    with pytest.raises(services.DejaEnCours):
        services.appliquer_import(import_)
    assert Dispositif.history.count() == 1


def test_analyse_en_erreur_avec_copie_annotee(tmp_path, ddets44):
    chemin = simple(
        tmp_path / "faux.xlsx", [entite(1)], [dispositif(1, departement="75")], [financement(1)]
    )
    import_ = services.deposer(chemin, ddets44)
    rapport = services.analyser_import(import_)
    import_.refresh_from_db()
    assert not rapport.ok and import_.etat == "en_erreur"
    assert import_.fichier_annote.name.endswith(".xlsx")
    assert "faux-annote" in import_.fichier_annote.name
    with pytest.raises(services.DejaEnCours):
        services.appliquer_import(import_)


def test_fichier_illisible(tmp_path, ddets44):
    chemin = tmp_path / "offre.xlsx"
    chemin.write_bytes(b"%PDF-1.4")
    import_ = services.deposer(chemin, ddets44)
    services.analyser_import(import_)
    import_.refresh_from_db()
    assert import_.etat == "en_erreur"
    assert "PDF" in import_.message_echec
    assert import_.rapport["ok"] is False


def test_la_base_a_change_depuis_l_analyse(tmp_path, national):
    existante = EntiteFactory()
    chemin = simple(tmp_path / "offre.xlsx", dispositifs=[dispositif(1, siren=existante.siren)])
    import_ = services.deposer(chemin, national)
    assert services.analyser_import(import_).ok
    existante.delete()  # before the confirmation
    rapport = services.appliquer_import(import_)
    import_.refresh_from_db()
    assert not rapport.ok and import_.etat == "en_erreur"
    assert not Dispositif.objects.exists()


def test_echec_de_l_application(fichier, national, monkeypatch):
    import_ = services.deposer(fichier, national)
    services.analyser_import(import_)

    def en_panne(*args, **kwargs):
        raise RuntimeError("base indisponible")

    monkeypatch.setattr(module_application, "ecrire_historique", en_panne)
    with pytest.raises(RuntimeError):
        services.appliquer_import(import_)
    import_.refresh_from_db()
    assert import_.etat == "echec"
    assert "rien n'a été modifié" in import_.message_echec
    assert not EntiteGestionnaire.objects.exists() and not Financement.objects.exists()


def test_perimetre_des_imports(fichier, national, ddets44, ddets75, siao44, lecteur44):
    import44 = services.deposer(fichier, ddets44)
    import75 = services.deposer(fichier, ddets75)
    import_national = services.deposer(fichier, national)
    policy = policy_for(ImportTemps1)

    def visibles(user):
        return set(policy.instances_user_has_permission_for(user, "view"))

    assert visibles(national) == {import44, import75, import_national}
    assert visibles(ddets44) == {import44}
    assert visibles(siao44) == {import44}
    assert visibles(ddets75) == {import75}
    assert visibles(lecteur44) == set()  # no right on imports
    assert ddets44.has_perm("imports.add_importtemps1")
    assert siao44.has_perm("imports.add_importtemps1")
    assert not lecteur44.has_perm("imports.add_importtemps1")
    assert policy.user_has_permission_for_instance(ddets44, "view", import44)
    assert not policy.user_has_permission_for_instance(ddets44, "view", import75)
