// Public request form: progressive enhancement only — everything works without this script.
(function () {
  "use strict";

  // Focus the error summary so keyboard and screen reader users land on it.
  var resume = document.getElementById("resume-erreurs");
  if (resume) {
    resume.focus();
  }

  // Type list filtered by the chosen nature; place-related sections hidden for « premier accueil ».
  var nature = document.getElementById("id_dispositif-nature");
  var type = document.getElementById("id_dispositif-type");
  function appliquerNature() {
    if (!nature || !type) {
      return;
    }
    var code = nature.value;
    var option = nature.options[nature.selectedIndex];
    var sansPlaces = !!(option && option.dataset.sansPlaces);
    Array.prototype.forEach.call(type.querySelectorAll("optgroup"), function (groupe) {
      var premier = groupe.querySelector("option");
      var visible = !code || (premier && premier.dataset.nature === code);
      groupe.hidden = !visible;
      groupe.disabled = !visible;
    });
    var choisie = type.options[type.selectedIndex];
    if (code && choisie && choisie.dataset.nature && choisie.dataset.nature !== code) {
      type.value = "";
    }
    document.querySelectorAll("[data-places]").forEach(function (bloc) {
      bloc.hidden = sansPlaces;
    });
    // The place fields the chosen type never carries (server rule: demandes/regles.py, written
    // on each type option) are hidden and not sent.
    choisie = type.options[type.selectedIndex];
    var exclus = choisie && choisie.dataset.champsExclus ? choisie.dataset.champsExclus.split(" ") : [];
    document.querySelectorAll(".champ-places").forEach(function (bloc) {
      var masque = sansPlaces || exclus.indexOf(bloc.dataset.champ) !== -1;
      bloc.hidden = masque;
      bloc.querySelectorAll("input").forEach(function (champ) {
        champ.disabled = masque;
      });
    });
    var avis = document.getElementById("avis-sans-places");
    if (avis) {
      avis.hidden = !sansPlaces;
    }
  }
  if (nature && type) {
    nature.addEventListener("change", appliquerNature);
    type.addEventListener("change", function () {
      var choisie = type.options[type.selectedIndex];
      if (choisie && choisie.dataset.nature && nature.value !== choisie.dataset.nature) {
        nature.value = choisie.dataset.nature;
      }
      appliquerNature();
    });
    appliquerNature();
  }

  // « Add a line » buttons of the formsets (groupes de places, financements).
  document.querySelectorAll("[data-ajouter-ligne]").forEach(function (bouton) {
    var prefixe = bouton.dataset.ajouterLigne;
    var total = document.getElementById("id_" + prefixe + "-TOTAL_FORMS");
    var modele = document.getElementById("modele-" + prefixe);
    var section = document.getElementById("section-" + prefixe);
    if (!total || !modele || !section) {
      return;
    }
    bouton.hidden = false;
    bouton.addEventListener("click", function () {
      var index = parseInt(total.value, 10);
      var html = modele.innerHTML
        .replace(/__prefix__/g, String(index))
        .replace(/__numero__/g, String(index + 1));
      var conteneur = section.querySelector(".lignes-formset");
      conteneur.insertAdjacentHTML("beforeend", html);
      total.value = String(index + 1);
      var nouvelle = conteneur.lastElementChild;
      var champ = nouvelle && nouvelle.querySelector("input, select, textarea");
      if (champ) {
        champ.focus();
      }
    });
  });

  // One submission only (a double click would otherwise file the request twice).
  document.querySelectorAll("#formulaire-demande, #formulaire-suivi").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      if (form.dataset.envoye) {
        event.preventDefault();
        return;
      }
      form.dataset.envoye = "oui";
    });
  });
})();
