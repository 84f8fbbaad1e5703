"""Choosing an object through its chooser, as a person does: the « Choisir … » button of the
field, a search in the modal, a click on the result."""

from playwright.sync_api import expect


def choisir(page, champ, bouton, recherche, titre):
    """In the field named `champ`, click `bouton` (« Choisir un dispositif »), search
    `recherche`, pick the result titled `titre`; the field then shows it."""
    choisisseur = page.locator(f"[id='id_{champ}-chooser']")
    choisisseur.get_by_role("button", name=bouton).click()
    modale = page.locator(".modal-dialog")
    expect(modale.get_by_role("heading", name=bouton)).to_be_visible()
    modale.locator("#id_q").fill(recherche)
    resultat = modale.locator("#search-results").get_by_role("link", name=titre, exact=True)
    expect(resultat).to_have_count(1)
    resultat.click()
    expect(modale).to_be_hidden()
    expect(choisisseur.locator("[data-chooser-title]")).to_have_text(titre)
