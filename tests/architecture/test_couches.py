"""Les couches du projet, vérifiées sur le source : pas de cercle entre applications, un socle qui
n'importe aucun métier, territoires puis offre en bas du métier, pas d'import caché dans une
fonction sans raison écrite.

Les couches : `territoires` ← `offre` ← (`conventions`, `appels`, `demandes`, `qualite`,
`pilotage`, `schemas`, `public`, `demo`, `imports`) ; le socle (`acces`, `workflows`,
`affichage`, `recherche`, `fichiers`, les petits modules racine) n'importe que le socle.
Une application en étend une autre par un crochet (`hooks.register`, composants Wagtail),
pas par un import. Le détail des listes est dans `graphe.py`.
"""

from pathlib import Path
from textwrap import dedent

from . import graphe

RACINE = Path(__file__).resolve().parents[2]


def test_aucun_cercle_entre_applications():
    cycles = graphe.violations_cycles(graphe.lire_imports(RACINE))
    assert not cycles, "\n".join(cycles)


def test_le_socle_et_le_bas_du_metier_respectent_leurs_couches():
    couches = graphe.violations_couches(graphe.lire_imports(RACINE))
    assert not couches, "Imports contre les couches :\n" + "\n".join(couches)


def test_aucun_import_dans_une_fonction_sans_raison_ecrite():
    differes = graphe.violations_differes(graphe.lire_imports(RACINE))
    assert not differes, (
        "Imports dans une fonction (hors apps.py) sans commentaire "
        f"« {graphe.MARQUE_DIFFERE} <raison> » sur la ligne ou dans le commentaire juste "
        "au-dessus :\n" + "\n".join(differes)
    )


def test_le_graphe_lit_bien_tout_le_projet():
    # Garde-fou contre un test vide : le projet a des imports entre applications, et la flèche
    # pilotage → offre (permise) en fait partie.
    fleches = graphe.aretes(graphe.lire_imports(RACINE))
    assert ("pilotage", "offre") in fleches
    assert ("imports", "offre") in fleches


def _ecrire(racine, fichiers):
    for chemin, texte in fichiers.items():
        fichier = racine / chemin
        fichier.parent.mkdir(parents=True, exist_ok=True)
        fichier.write_text(dedent(texte), encoding="utf-8")
    for nom in graphe.RACINES:
        (racine / nom).mkdir(exist_ok=True)
        (racine / nom / "__init__.py").touch()


def test_un_cercle_de_trois_applications_est_signale(tmp_path):
    _ecrire(
        tmp_path,
        {
            "backoffice/conventions/__init__.py": "",
            "backoffice/conventions/models.py": "from ..appels import flux\n",
            "backoffice/appels/__init__.py": "",
            "backoffice/appels/flux.py": "from backoffice.demandes.models import Demande\n",
            "backoffice/demandes/__init__.py": "",
            "backoffice/demandes/models.py": "from backoffice.conventions import models\n",
            # Une migration qui importerait tout le monde ne compte pas.
            "backoffice/offre/migrations/0001_initial.py": "import backoffice.pilotage\n",
        },
    )
    rapport = graphe.rapport(tmp_path)
    assert "Cercle d'imports entre appels, conventions, demandes" in rapport
    assert "backoffice/conventions/models.py:1: from ..appels import flux" in rapport
    assert "offre" not in rapport


def test_le_socle_qui_importe_le_metier_et_les_imports_differes_sont_signales(tmp_path):
    _ecrire(
        tmp_path,
        {
            "backoffice/acces/__init__.py": "",
            "backoffice/acces/choix.py": """\
                def entites():
                    from backoffice.territoires.models import Departement
                    return Departement
                """,
            "backoffice/territoires/__init__.py": "",
            "backoffice/territoires/models.py": "from backoffice.offre import models\n",
            "backoffice/offre/__init__.py": "",
            "backoffice/offre/models.py": """\
                import backoffice.territoires.models

                def lourd():
                    # import différé : openpyxl ne se charge qu'à l'export.
                    import openpyxl
                    return openpyxl
                """,
            "backoffice/offre/apps.py": """\
                def ready():
                    from . import models
                """,
        },
    )
    rapport = graphe.rapport(tmp_path)
    assert "le socle « acces » importe « territoires »" in rapport
    assert "« territoires » importe l'application métier « offre »" in rapport
    assert (
        "backoffice/acces/choix.py:2: from backoffice.territoires.models import Departement"
        in rapport
    )
    assert "openpyxl" not in rapport
    assert "offre/apps.py" not in rapport


def test_un_projet_en_ordre_ne_signale_rien(tmp_path):
    _ecrire(
        tmp_path,
        {
            "backoffice/acces/__init__.py": "",
            "backoffice/territoires/__init__.py": "from backoffice.acces import policies\n",
            "backoffice/offre/__init__.py": "from ..territoires import models\n",
            "backoffice/pilotage/__init__.py": "from backoffice.offre import models\n",
        },
    )
    assert graphe.rapport(tmp_path) == ""
