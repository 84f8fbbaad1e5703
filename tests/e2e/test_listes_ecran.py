"""Lists fit a 1280 px screen: on the dispositif list, no row takes more than two lines, codes
never wrap, names wrap between words only, and the table needs no horizontal scrolling."""

import pytest

from backoffice.offre.models import TypeDispositif
from tests.factories import DispositifFactory, EntiteFactory

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

CAPTURE = "/tmp/e2e-liste-1280.png"

# Measured in the page: per row, the number of text lines of its tallest cell (height of the
# cell's visible text over its line height); per code cell, the number of lines of its text.
MESURES = """() => {
  // The visible text: a clamped block (two lines and "…") counts for what it shows.
  const hauteurVisible = td => {
    const blocs = Array.from(td.children).map(e => e.getBoundingClientRect()).filter(r => r.height);
    if (blocs.length) {
      return Math.max(...blocs.map(r => r.bottom)) - Math.min(...blocs.map(r => r.top));
    }
    const r = document.createRange();
    r.selectNodeContents(td);
    return r.getBoundingClientRect().height;
  };
  const lignesDe = td => {
    const hauteur = hauteurVisible(td);
    let interligne = parseFloat(getComputedStyle(td).lineHeight);
    td.querySelectorAll('*').forEach(e => {
      const l = parseFloat(getComputedStyle(e).lineHeight);
      if (l > interligne) interligne = l;
    });
    return hauteur ? Math.round(hauteur / interligne) : 0;
  };
  const table = document.querySelector('#listing-results table.listing');
  const lignes = Array.from(table.querySelectorAll('tbody tr')).map(tr => ({
    hauteur: Math.round(tr.getBoundingClientRect().height),
    lignes: Math.max(...Array.from(tr.querySelectorAll('td')).map(lignesDe)),
    texte: tr.innerText.slice(0, 60),
  }));
  const entetes = Array.from(table.querySelectorAll('thead th')).map(th => th.innerText.trim());
  const colonne = entetes.indexOf('Code');
  const codes = Array.from(table.querySelectorAll('tbody tr'))
    .map(tr => lignesDe(tr.querySelectorAll('td')[colonne]));
  const conteneur = table.parentElement;
  return {
    lignes: lignes,
    codes: codes,
    debordement: conteneur.scrollWidth > conteneur.clientWidth + 1
      || table.getBoundingClientRect().right > document.documentElement.clientWidth,
  };
}"""


def test_liste_des_dispositifs_tient_a_1280_pixels(connecter, page, national):
    # Long names and entités, as the real park has them.
    entite = EntiteFactory(raison_sociale="Association départementale d'accueil et d'insertion")
    medico = TypeDispositif.objects.get(code="HEB_MEDICO")
    for i in range(6):
        DispositifFactory(
            entite=entite,
            nom=f"Centre d'accueil pour demandeurs d'asile Les Marronniers – Châteaubriant {i}",
            commune="Saint-Sébastien-sur-Loire",
            type=medico if i % 2 else TypeDispositif.objects.get(code="CADA"),
        )
    page.set_viewport_size({"width": 1280, "height": 900})
    connecter(national)
    page.goto("/admin/offre/dispositifs/")
    page.wait_for_selector("#listing-results tbody tr")
    mesures = page.evaluate(MESURES)
    page.screenshot(path=CAPTURE, full_page=True)

    assert not mesures["debordement"], mesures
    assert mesures["codes"] and all(n == 1 for n in mesures["codes"]), mesures["codes"]
    for ligne in mesures["lignes"]:
        assert ligne["lignes"] <= 2, ligne


def test_tableau_de_bord_tient_a_1280_pixels(connecter, page, national):
    """The home page's detail table needs no horizontal scrolling, large figures included."""
    medico = TypeDispositif.objects.get(code="HEB_MEDICO")
    for type_ in (medico, TypeDispositif.objects.get(code="CADA")):
        # The widest figure the bounds allow.
        DispositifFactory(type=type_, places_autorisees=100_000)
    DispositifFactory(type=TypeDispositif.objects.get(code="HUDA"), places_autorisees=None)
    page.set_viewport_size({"width": 1280, "height": 900})
    connecter(national)
    page.goto("/admin/")
    table = page.locator("#pilotage-par-type")
    table.wait_for()
    debordement = page.evaluate(
        """() => {
          const t = document.querySelector('#pilotage-par-type');
          return t.getBoundingClientRect().width - t.parentElement.clientWidth;
        }"""
    )
    assert debordement <= 1
