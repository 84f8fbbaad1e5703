"""Chart geometry computed server-side, drawn as inline SVG/CSS by the templates: no JavaScript
library, nothing fetched from outside (the admin must work on a closed State network)."""

from .tableau import CAPACITES

LARGEUR, HAUTEUR, MARGE = 720, 220, 40
COULEURS = {
    "autorisees": "#000091",
    "financees": "#6a6af4",
    "conventionnees": "#009081",
    "ouvertes": "#c9191e",
}


def barres_par_type(lignes_type):
    """[{libelle, barres: [{code, libelle, valeur, pourcentage, couleur}]}] for the types."""
    lignes = [ligne for ligne in lignes_type if not ligne.nature]
    maximum = max(
        (getattr(ligne.chiffres, code) for ligne in lignes for code, _ in CAPACITES), default=0
    )
    return [
        {
            "libelle": ligne.libelle,
            "url": ligne.url,
            "barres": [
                {
                    "code": code,
                    "libelle": libelle,
                    "valeur": getattr(ligne.chiffres, code),
                    "pourcentage": round(100 * getattr(ligne.chiffres, code) / maximum, 1)
                    if maximum
                    else 0,
                    "couleur": COULEURS[code],
                }
                for code, libelle in CAPACITES
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
