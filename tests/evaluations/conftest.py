from .outils import media_temporaire  # noqa: F401  (fixture)
