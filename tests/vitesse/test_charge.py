"""benchmarks/charge.py: it only ever targets this machine, and its arguments are checked before
anything starts (no cluster, no server: argument parsing only)."""

import importlib.util
from pathlib import Path

import pytest

CHEMIN = Path(__file__).resolve().parents[2] / "benchmarks" / "charge.py"
_spec = importlib.util.spec_from_file_location("charge", CHEMIN)
charge = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(charge)


@pytest.mark.parametrize("hote", ["127.0.0.1", "127.0.0.2", "::1", "localhost"])
def test_les_adresses_de_bouclage_sont_acceptees(hote):
    assert charge.hote_local(hote) in {"127.0.0.1", "127.0.0.2", "::1"}


@pytest.mark.parametrize(
    "hote", ["0.0.0.0", "192.168.1.10", "10.0.0.1", "8.8.8.8", "::", "exemple.gouv.fr", ""]
)
def test_toute_autre_adresse_est_refusee(hote):
    with pytest.raises(charge.HorsBoucleLocale, match="bouclage"):
        charge.hote_local(hote)


def test_la_ligne_de_commande_refuse_un_hote_distant(capsys):
    with pytest.raises(SystemExit) as sortie:
        charge.lire_arguments(["--hote", "192.168.1.10"])
    assert sortie.value.code == 2
    assert "n'est pas une adresse de bouclage" in capsys.readouterr().err


@pytest.mark.parametrize(
    "url",
    [
        "postgres://postgres@%2Ftmp%2Fcharge%2Fsocket/bench",
        "postgres://u:p@127.0.0.1:5432/parc",
        "postgresql://u@localhost/parc",
    ],
)
def test_une_base_locale_est_acceptee(url):
    args = charge.lire_arguments(["--database-url", url, "--skip-seed"])
    assert args.database_url == url and args.skip_seed


@pytest.mark.parametrize(
    "url", ["postgres://u:p@db.exemple.gouv.fr/parc", "postgres://u@10.1.2.3/parc", "sqlite:///x"]
)
def test_une_base_distante_ou_non_postgresql_est_refusee(url, capsys):
    with pytest.raises(SystemExit):
        charge.lire_arguments(["--database-url", url])
    erreur = capsys.readouterr().err
    assert "n'est pas sur cette machine" in erreur or "doit désigner une base PostgreSQL" in erreur


def test_valeurs_par_defaut_bornees():
    args = charge.lire_arguments([])
    assert (args.hote, args.utilisateurs, args.workers, args.exports) == ("127.0.0.1", 50, 4, 20)
    assert args.duree == 60 and args.delai_exports == 900 and args.pause == 0


@pytest.mark.parametrize(
    "arguments",
    [
        ["--duree", "0"],
        ["--duree", "100000"],  # never runs for ever
        ["--delai-exports", "-1"],
        ["--utilisateurs", "0"],
        ["--exports", "50"],  # nobody left to browse
        ["--pause", "-1"],
        ["--skip-seed"],  # which database?
    ],
)
def test_arguments_incoherents_refuses(arguments):
    with pytest.raises(SystemExit) as sortie:
        charge.lire_arguments(arguments)
    assert sortie.value.code == 2


def test_repartition_des_sessions_entre_les_comptes():
    sessions = charge.repartir(50)
    assert len(sessions) == 50
    assert set(sessions) == set(charge.COMPTES)  # every role is there
    nationales = [s for s in sessions if s in charge.COMPTES_NATIONAUX]
    assert len(nationales) >= 20  # enough sessions that see the whole country to export
    assert len(charge.repartir(7)) == 7
