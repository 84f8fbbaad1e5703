"""The project's documentation stands alone: no file of the repository cites a reference text
kept outside it, and every link of README.md and docs/*.md, and every `docs/….md` a file names,
leads to a file of the repository."""

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings

RACINE = Path(settings.BASE_DIR)
# Never in the repository, whatever the commit: generated, local or third-party.
HORS_DEPOT = {".git", ".venv", "__pycache__", "var", "tmp", "test-results", "node_modules"}

# The reference texts the project started from live outside the repository; the project's own
# words for them are docs/domaine.md, docs/temps1.md and docs/architecture.md.
TEXTES_EXTERIEURS = ("DOMAIN", "STYLE", "TEMPS1", "MEASURES")
CITATION = re.compile(r"\b(?:" + "|".join(TEXTES_EXTERIEURS) + r")\.md\b")
# A folder `shared/` named as a place of its own (`../shared/`, `/srv/x/shared/`, « see shared/ »),
# not as the sub-folder of a template path (`wagtailadmin/shared/header.html`).
DOSSIER_EXTERIEUR = re.compile(r"(?:^|[^\w/.-])(?:(?:\.\./|/)(?:[\w.-]+/)*)?shared/", re.MULTILINE)

LIEN_MARKDOWN = re.compile(r"\]\(([^)\s]+)\)")
CHEMIN_DOC = re.compile(r"(?<![\w/.-])docs/[\w./-]+?\.md\b")


def fichiers_du_depot():
    """The tracked files (git), or the working tree minus what is never committed."""
    if shutil.which("git") and (RACINE / ".git").exists():
        sortie = subprocess.run(
            ["git", "ls-files", "-z"], cwd=RACINE, capture_output=True, check=True
        ).stdout.decode()
        chemins = [RACINE / nom for nom in sortie.split("\0") if nom]
    else:
        chemins = [
            p
            for p in RACINE.rglob("*")
            if p.is_file() and not HORS_DEPOT & set(p.relative_to(RACINE).parts)
        ]
    return [p for p in chemins if p.is_file()]


def textes_du_depot():
    for chemin in fichiers_du_depot():
        try:
            yield chemin, chemin.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue  # compiled catalogues, images: no prose to check


def citations_exterieures(texte):
    """The outside references a text makes: cited reference texts and the outside folder."""
    return CITATION.findall(texte) + [m.group(0).strip() for m in DOSSIER_EXTERIEUR.finditer(texte)]


def liens_casses(chemin, texte):
    """Relative links of a Markdown file that lead nowhere (web addresses and anchors aside)."""
    casses = []
    for cible in LIEN_MARKDOWN.findall(texte):
        if re.match(r"[a-z]+:", cible) or cible.startswith("#"):
            continue
        fichier = cible.split("#", 1)[0]
        if not (chemin.parent / fichier).exists():
            casses.append(cible)
    return casses


@pytest.mark.parametrize(
    ("texte", "attendu"),
    [
        ("Référence : `DOMAIN.md` §2.", ["DOMAIN.md"]),
        ("Le contrat est `shared/TEMPS1.md`.", ["TEMPS1.md", "`shared/"]),
        ("voir ../shared/seeds/002.txt", ["../shared/"]),
        ("copie de /srv/reference/shared/x", ["/srv/reference/shared/"]),
        ('{% include "wagtailadmin/shared/header.html" %}', []),
        ("templates/wagtailadmin/shared/usage_summary.html", []),
        ("docs/domaine.md §2 ; docs/temps1.md", []),
    ],
)
def test_le_detecteur_reconnait_les_renvois_exterieurs(texte, attendu):
    assert citations_exterieures(texte) == attendu


def test_aucun_fichier_ne_cite_un_texte_hors_du_depot():
    fautes = [
        f"{chemin.relative_to(RACINE)} : {', '.join(citations)}"
        for chemin, texte in textes_du_depot()
        # This file names them to recognise them (see the detector's cases above).
        if chemin != Path(__file__) and (citations := citations_exterieures(texte))
    ]
    assert fautes == [], "Renvois vers des textes hors du dépôt (citer docs/ à la place) :\n" + (
        "\n".join(fautes)
    )


def test_les_liens_de_la_documentation_menent_a_un_fichier():
    documents = [RACINE / "README.md", *sorted((RACINE / "docs").glob("*.md"))]
    fautes = [
        f"{chemin.relative_to(RACINE)} → {cible}"
        for chemin in documents
        for cible in liens_casses(chemin, chemin.read_text(encoding="utf-8"))
    ]
    assert fautes == []


def test_chaque_page_de_docs_nommee_existe():
    fautes = sorted(
        {
            f"{chemin.relative_to(RACINE)} → {nom}"
            for chemin, texte in textes_du_depot()
            for nom in CHEMIN_DOC.findall(texte)
            if not (RACINE / nom).is_file()
        }
    )
    assert fautes == []


def test_le_readme_mene_a_l_architecture_et_au_domaine():
    readme = (RACINE / "README.md").read_text(encoding="utf-8")
    assert "(docs/architecture.md)" in readme
    assert "(docs/domaine.md)" in readme
