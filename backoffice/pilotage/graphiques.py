"""Chart geometry computed server-side, drawn as inline SVG/CSS by the templates: no JavaScript
library, nothing fetched from outside (the admin must work on a closed State network)."""

from .tableau import CAPACITES

LARGEUR, HAUTEUR, MARGE = 720, 220, 40
# Same colours as the .pastille-* classes of pilotage/_styles.html (legend and bars).
COULEURS = {
    "autorisees": "#000091",
    "financees": "#6a6af4",
    "conventionnees": "#009081",
    "ouvertes": "#c9191e",
}


def barres_par_type(lignes_type):
    """The grouped bar chart, one row per type with its four capacities side by side:
    [{libelle, code, url, barres: [{code, libelle, valeur, part, couleur}]}]. Every bar shares
    one scale: `part` is the value over the largest value of the chart (0 to 1); `valeur` None =
    no authorised capacity for that type (no bar drawn, « sans objet » printed)."""
    lignes = [ligne for ligne in lignes_type if not ligne.nature]
    maximum = max((valeur or 0 for ligne in lignes for _code, valeur in ligne.capacites), default=0)

    def part(valeur):
        return f"{valeur / maximum:.4g}" if maximum and valeur else "0"

    return [
        {
            "libelle": ligne.libelle,
            "code": ligne.code,
            "url": ligne.url,
            "barres": [
                {
                    "code": code,
                    "libelle": libelle,
                    "valeur": valeur,
                    "part": part(valeur),
                    "couleur": COULEURS[code],
                }
                for (code, libelle), (_code, valeur) in zip(CAPACITES, ligne.capacites, strict=True)
            ],
        }
        for ligne in lignes
    ]


def courbes(points):
    """Polylines of the monthly evolution: {series: [{code, libelle, couleur, points}],
    graduations: [(y, value)], mois: [(x, label)], largeur, hauteur}."""
    if not points:
        return None
    maximum = max((p[code] for p in points for code, _ in CAPACITES), default=0) or 1
    pas_x = (LARGEUR - 2 * MARGE) / max(len(points) - 1, 1)

    def y(valeur):
        return round(HAUTEUR - MARGE - (HAUTEUR - 2 * MARGE) * valeur / maximum, 1)

    series = [
        {
            "code": code,
            "libelle": libelle,
            "couleur": COULEURS[code],
            "points": " ".join(
                f"{round(MARGE + i * pas_x, 1)},{y(p[code])}" for i, p in enumerate(points)
            ),
            "derniere": points[-1][code],
        }
        for code, libelle in CAPACITES
    ]
    graduations = [(y(maximum * k / 4), round(maximum * k / 4)) for k in range(5)]
    mois = [
        (round(MARGE + i * pas_x, 1), p["date"].strftime("%m/%Y"))
        for i, p in enumerate(points)
        if i % 3 == len(points) % 3 or i == len(points) - 1
    ]
    return {
        "series": series,
        "graduations": graduations,
        "mois": mois,
        "largeur": LARGEUR,
        "hauteur": HAUTEUR,
        "marge": MARGE,
    }
