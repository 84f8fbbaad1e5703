"""Offline map of France by département: geometry file, colour classes, rendered include."""

import importlib.util
import math
import random
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.template.loader import render_to_string

from backoffice.pilotage.carte import (
    CLASSE_SANS_DONNEE,
    FICHIER_GEOMETRIE,
    construire_carte,
    formater_nombre,
    geometrie,
)
from backoffice.territoires.models import Departement

OUTRE_MER = ["971", "972", "973", "974", "976"]


def points_du_chemin(d):
    """Rings of an SVG path made of M, L and Z commands with absolute coordinates."""
    anneaux = []
    for morceau in re.findall(r"M[^Z]*Z", d):
        nombres = [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?", morceau)]
        anneaux.append(list(zip(nombres[::2], nombres[1::2], strict=True)))
    return anneaux


def aire_signee(anneau):
    return (
        sum(
            x1 * y2 - x2 * y1
            for (x1, y1), (x2, y2) in zip(anneau, anneau[1:] + anneau[:1], strict=True)
        )
        / 2
    )


def centroide(code):
    """Area-weighted centroid of the largest ring of a département."""
    anneau = max(
        points_du_chemin(geometrie()["departements"][code]["d"]), key=lambda a: abs(aire_signee(a))
    )
    a = aire_signee(anneau)
    cx = sum(
        (x1 + x2) * (x1 * y2 - x2 * y1)
        for (x1, y1), (x2, y2) in zip(anneau, anneau[1:] + anneau[:1], strict=True)
    ) / (6 * a)
    cy = sum(
        (y1 + y2) * (x1 * y2 - x2 * y1)
        for (x1, y1), (x2, y2) in zip(anneau, anneau[1:] + anneau[:1], strict=True)
    ) / (6 * a)
    return cx, cy


def luminance(couleur):
    """WCAG relative luminance of "#rrggbb"."""
    canaux = [int(couleur[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    lineaire = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in canaux]
    return 0.2126 * lineaire[0] + 0.7152 * lineaire[1] + 0.0722 * lineaire[2]


def codes():
    return list(geometrie()["departements"])


def par_code(carte):
    return {d.code: d for d in carte.departements}


# --- geometry file ------------------------------------------------------------------------


@pytest.mark.django_db
def test_geometrie_couvre_exactement_les_departements_du_referentiel():
    table = dict(Departement.objects.values_list("code", "nom"))
    departements = geometrie()["departements"]
    assert len(table) == 101
    assert set(departements) == set(table)
    assert {code: d["nom"] for code, d in departements.items()} == table


def test_chemins_non_vides_et_dans_le_viewbox():
    donnees = geometrie()
    x0, y0, largeur, hauteur = (float(n) for n in donnees["viewBox"].split())
    for code, dep in donnees["departements"].items():
        assert re.fullmatch(r"(M-?[\d.]+ -?[\d.]+(L-?[\d.]+ -?[\d.]+)+Z)+", dep["d"]), code
        anneaux = points_du_chemin(dep["d"])
        assert anneaux, code
        assert sum(abs(aire_signee(a)) for a in anneaux) > 5, code  # visible, not a speck
        for anneau in anneaux:
            assert len(anneau) >= 3, code
            for x, y in anneau:
                assert x0 <= x <= x0 + largeur and y0 <= y <= y0 + hauteur, (code, x, y)


def test_fichier_reste_leger_et_porte_son_attribution():
    assert FICHIER_GEOMETRIE.stat().st_size < 250_000
    assert "Natural Earth" in geometrie()["attribution"]


def test_positions_relatives_des_departements():
    ouest_29, _ = centroide("29")
    est_67, _ = centroide("67")
    assert ouest_29 < est_67  # Finistère west of Bas-Rhin
    _, nord_59 = centroide("59")
    _, sud_66 = centroide("66")
    assert nord_59 < sud_66  # Nord north of Pyrénées-Orientales (y points down)
    _, y_2a = centroide("2A")
    _, y_2b = centroide("2B")
    assert y_2a > y_2b  # Corse-du-Sud south of Haute-Corse
    x_44, _ = centroide("44")
    x_49, _ = centroide("49")
    assert x_44 < x_49  # Loire-Atlantique west of Maine-et-Loire


def test_outre_mer_dans_son_encart_et_metropole_hors_des_encarts():
    donnees = geometrie()
    encarts = {e["code"]: e for e in donnees["encarts"]}
    assert sorted(encarts) == OUTRE_MER

    def dans(point, e):
        x, y = point
        return e["x"] <= x <= e["x"] + e["largeur"] and e["y"] <= y <= e["y"] + e["hauteur"]

    for code, dep in donnees["departements"].items():
        points = [p for a in points_du_chemin(dep["d"]) for p in a]
        if code in encarts:
            assert all(dans(p, encarts[code]) for p in points), code
        else:
            assert not any(dans(p, e) for p in points for e in encarts.values()), code


# --- colour classes -----------------------------------------------------------------------


def classes_pour(valeurs):
    return construire_carte(valeurs, lambda code: f"/d/{code}/", "Indicateur")


@pytest.mark.parametrize("graine", range(12))
def test_une_valeur_plus_haute_n_est_jamais_plus_claire(graine):
    alea = random.Random(graine)
    tirage = alea.choice(
        [
            lambda: int(alea.lognormvariate(5, 1.5)),
            lambda: alea.choice([0, 3, 3, 3, 10, 250]),  # few distinct values, many ties
            lambda: round(alea.uniform(0, 1), 3),  # rates
            lambda: 7,  # one single value
        ]
    )
    valeurs = {code: tirage() for code in codes()}
    carte = classes_pour(valeurs)
    assert not carte.divergente
    deps = sorted(carte.departements, key=lambda d: d.valeur)
    for bas, haut in zip(deps, deps[1:], strict=False):
        assert luminance(haut.classe.couleur) <= luminance(bas.classe.couleur), (bas, haut)
    # Each value lies within the bounds its legend entry announces.
    for dep in carte.departements:
        classe = dep.classe
        if classe.minimum is not None:
            assert dep.valeur >= classe.minimum
        if classe.maximum is not None and classe is not carte.legende[-1]:
            assert dep.valeur < classe.maximum or classe.minimum == classe.maximum
    utilisees = {d.classe.cle for d in carte.departements}
    assert 1 <= len(utilisees) <= 5
    assert [c.cle for c in carte.legende] == sorted(utilisees, key=lambda c: int(c[-1]))


def test_quantiles_repartissent_les_departements():
    valeurs = {code: i for i, code in enumerate(codes())}  # 101 distinct values
    carte = classes_pour(valeurs)
    effectifs = {}
    for dep in carte.departements:
        effectifs[dep.classe.cle] = effectifs.get(dep.classe.cle, 0) + 1
    assert len(effectifs) == 5
    assert all(15 <= n <= 25 for n in effectifs.values()), effectifs


def test_sans_valeur_donne_la_classe_sans_donnee():
    valeurs = {code: 100 + i for i, code in enumerate(codes())}
    valeurs["44"] = None
    valeurs["75"] = float("nan")
    del valeurs["2A"]
    carte = classes_pour(valeurs)
    deps = par_code(carte)
    for code in ("44", "75", "2A"):
        assert deps[code].classe.cle == CLASSE_SANS_DONNEE
        assert deps[code].valeur is None
        assert deps[code].valeur_formatee == "sans donnée"
    assert deps["29"].classe.cle != CLASSE_SANS_DONNEE
    assert carte.legende[-1].cle == CLASSE_SANS_DONNEE

    complete = classes_pour({code: 1 + i for i, code in enumerate(codes())})
    assert CLASSE_SANS_DONNEE not in {c.cle for c in complete.legende}

    vide = classes_pour({})
    assert {d.classe.cle for d in vide.departements} == {CLASSE_SANS_DONNEE}
    assert [c.cle for c in vide.legende] == [CLASSE_SANS_DONNEE]


def rouge(couleur):
    r, b = int(couleur[1:3], 16), int(couleur[5:7], 16)
    return r > b


@pytest.mark.parametrize("graine", range(6))
def test_echelle_divergente_quand_les_signes_se_melangent(graine):
    alea = random.Random(graine)
    valeurs = {code: alea.randint(-400, 600) for code in codes()}
    valeurs["44"], valeurs["75"] = 0, -1
    carte = classes_pour(valeurs)
    assert carte.divergente
    for dep in carte.departements:
        if dep.valeur < 0:
            assert rouge(dep.classe.couleur), dep
        elif dep.valeur > 0:
            assert not rouge(dep.classe.couleur), dep
        else:
            assert dep.classe.cle == "carte-zero"
    # Farther from zero on either side is never lighter.
    for signe in (-1, 1):
        cote = sorted(
            (d for d in carte.departements if d.valeur * signe > 0), key=lambda d: abs(d.valeur)
        )
        for proche, loin in zip(cote, cote[1:], strict=False):
            assert luminance(loin.classe.couleur) <= luminance(proche.classe.couleur)
    cles = [c.cle for c in carte.legende]
    assert cles.index("carte-zero") == sum(1 for c in cles if c.startswith("carte-negatif"))


def test_echelle_sequentielle_sans_valeur_negative():
    assert not classes_pour({"44": 0, "75": 12}).divergente
    assert classes_pour({"44": -3, "75": 12}).divergente


def test_codes_normalises_et_codes_inconnus_refuses():
    carte = classes_pour({"1": 5, "2a": 7})
    deps = par_code(carte)
    assert deps["01"].valeur == 5 and deps["2A"].valeur == 7
    with pytest.raises(ValueError, match="inconnu"):
        classes_pour({"20": 3})
    with pytest.raises(TypeError, match="non numérique"):
        classes_pour({"44": "12"})


def test_format_des_nombres():
    assert formater_nombre(1234) == "1\u202f234"
    assert formater_nombre(1234.56) == "1\u202f234,6"
    assert formater_nombre(-5) == "-5"
    assert formater_nombre(None) == "sans donnée"


# --- rendered include ---------------------------------------------------------------------


class LecteurCarte(HTMLParser):
    """Collect the links and paths of the SVG, and the rows of the table."""

    def __init__(self):
        super().__init__()
        self.dans_svg = False
        self.liens = []  # (attributes of <a>, data-code of its path)
        self.chemins = {}
        self.titres = {}
        self.lignes_tableau = 0
        self.pile_titre = None
        self.ids = set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.add(attrs["id"])
        if tag == "svg":
            self.dans_svg = True
            self.svg = attrs
        elif tag == "a" and self.dans_svg:
            self.liens.append([attrs, None])
        elif tag == "path" and self.dans_svg:
            self.chemins[attrs["data-code"]] = attrs
            if self.liens and self.liens[-1][1] is None:
                self.liens[-1][1] = attrs["data-code"]
            self.pile_titre = attrs["data-code"]
        elif tag == "tr":
            self.lignes_tableau += 1

    def handle_endtag(self, tag):
        if tag == "svg":
            self.dans_svg = False
        elif tag == "path":
            self.pile_titre = None

    def handle_data(self, data):
        if self.pile_titre and data.strip():
            self.titres[self.pile_titre] = data.strip()


def rendre(carte):
    lecteur = LecteurCarte()
    html = render_to_string("pilotage/carte.html", {"carte": carte})
    lecteur.feed(html)
    return html, lecteur


def test_rendu_101_liens_avec_cible_et_libelle_accessible():
    # No django_db mark: building and rendering the map must not touch the database (any query
    # would raise here).
    valeurs = {"44": 1234, "75": 980, "2A": None, "971": 12}
    carte = construire_carte(
        valeurs,
        lambda code: f"/pilotage/departements/{code}/",
        "Places autorisées",
        format_valeur=lambda v: f"{formater_nombre(v)} places",
        selection="44",
    )
    html, lecteur = rendre(carte)

    assert len(lecteur.liens) == 101
    cibles = {code: attrs["href"] for attrs, code in lecteur.liens}
    assert cibles == {code: f"/pilotage/departements/{code}/" for code in codes()}
    libelles = {code: attrs["aria-label"] for attrs, code in lecteur.liens}
    assert libelles["44"] == "Loire-Atlantique (44) : 1\u202f234 places"
    assert libelles["2A"] == "Corse-du-Sud (2A) : sans donnée"
    assert libelles["29"] == "Finistère (29) : sans donnée"
    assert lecteur.titres["971"] == "Guadeloupe (971) : 12 places"
    assert all(lecteur.chemins[code]["d"] for code in codes())

    selection = [attrs for attrs, code in lecteur.liens if "aria-current" in attrs]
    assert [a["href"] for a in selection] == ["/pilotage/departements/44/"]
    assert "carte-dep--selection" in selection[0]["class"]
    assert lecteur.liens[-1][1] == "44"  # drawn last, so its outline is on top

    # Colours: 44 is the highest value, 29 has none (hatched).
    assert lecteur.chemins["44"]["fill"] == par_code(carte)["44"].classe.couleur
    assert lecteur.chemins["29"]["fill"] == f"url(#{carte.identifiant}-hachures)"
    assert f"{carte.identifiant}-hachures" in lecteur.ids

    # The SVG is labelled by its own title; the table is the text alternative.
    assert lecteur.svg["aria-labelledby"] in lecteur.ids
    assert lecteur.svg["viewbox"] == geometrie()["viewBox"]
    assert lecteur.lignes_tableau == 1 + 101
    assert "Natural Earth" in html
    for encart in ("Guadeloupe (971)", "Mayotte (976)"):
        assert encart in html


def test_rendu_sans_lien_quand_url_vide():
    carte = construire_carte({"44": 3}, lambda code: "/d/44/" if code == "44" else None, "Places")
    _html, lecteur = rendre(carte)
    assert [code for _attrs, code in lecteur.liens] == ["44"]
    assert len(lecteur.chemins) == 101


def test_deux_cartes_sur_une_page_ont_des_identifiants_distincts():
    a = construire_carte({}, lambda c: "/", "Places autorisées")
    b = construire_carte({}, lambda c: "/", "Places autorisées", identifiant="carte-b")
    assert a.identifiant != b.identifiant
    assert a.identifiant == "carte-places-autorisees"


# --- the generator's simplification ------------------------------------------------------


def charger_generateur():
    chemin = Path(__file__).resolve().parents[2] / "scripts" / "generer_carte.py"
    spec = importlib.util.spec_from_file_location("generer_carte", chemin)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_douglas_peucker_reste_dans_la_tolerance():
    generateur = charger_generateur()
    alea = random.Random(3)
    ligne = [(i, math.sin(i / 7) * 20 + alea.uniform(-1, 1)) for i in range(200)]
    simple = generateur.douglas_peucker(ligne, 1.5)
    assert simple[0] == ligne[0] and simple[-1] == ligne[-1]
    assert len(simple) < len(ligne) / 3
    for p in ligne:
        assert (
            min(
                generateur.distance_au_segment(p, a, b)
                for a, b in zip(simple, simple[1:], strict=False)
            )
            <= 1.5
        )

    cercle = [
        (math.cos(t / 50 * math.tau) * 30, math.sin(t / 50 * math.tau) * 30) for t in range(50)
    ]
    ferme = generateur.simplifier_ligne([*cercle, cercle[0]], 1.0)
    assert ferme[0] == ferme[-1] and 6 <= len(ferme) < 50  # an island stays a ring
