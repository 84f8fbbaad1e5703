"""What gender-blind French looks like: « un(e) », « Le(la) », « créé(e) », « ce/cette »."""

import re

GENERIQUE = re.compile(
    r"[A-Za-zÀ-ÿ]\((?:e|s|es|x|la|le|tte|lle|elle|ne|ve)\)"
    r"|\b(?:le/la|la/le|il/elle|ce/cette|un/une)\b"
)
