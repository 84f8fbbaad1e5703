"""The closed lists of the Temps 1 workbook. Static ones come from backoffice.offre.choices;
natures, types, départements and programmes come from the reference tables (referentiel.py)."""

from backoffice.offre import choices


def _depuis_choix(classe, alias=None):
    """[(value, label)] of a TextChoices, plus extra spellings {alias: value}."""
    return list(classe.choices), dict(alias or {})


LISTES_STATIQUES = {
    "statuts": _depuis_choix(
        choices.StatutJuridique,
        {
            "SA HLM": "sa_hlm",
            "ESH": "sa_hlm",
            "CCAS": "collectivite",
            "Collectivité": "collectivite",
            "Société": "societe",
            "Entreprise": "societe",
            "EPA": "etablissement_public",
        },
    ),
    "publics": _depuis_choix(
        choices.Public,
        {"Isolés": "isoles", "Personnes isolées": "isoles", "Tous publics": "tout_public"},
    ),
    "modes_hebergement": _depuis_choix(choices.ModeHebergement),
    "services": _depuis_choix(choices.ServiceFinanceur),
    "modes_financement": _depuis_choix(
        choices.ModeFinancement,
        {
            "Dotation globale de financement": "dgf",
            "Dotation globale": "dgf",
            "Marché": "marche_public",
            "Marché public": "marche_public",
        },
    ),
    "orientations": _depuis_choix(
        choices.Orientation,
        {
            "OFII": "ofii",
            "DN@": "ofii",
            "DNA": "ofii",
            "115": "siao_115",
            "SIAO insertion": "siao_insertion",
            "SIAO 115": "siao_115",
        },
    ),
}

TITRES_LISTES = {
    "statuts": "Statuts juridiques",
    "natures": "Natures",
    "types": "Types",
    "departements": "Départements",
    "publics": "Publics",
    "modes_hebergement": "Modes d'hébergement",
    "programmes": "Programmes",
    "services": "Services financeurs",
    "modes_financement": "Modes de financement",
    "orientations": "Orientations",
}
