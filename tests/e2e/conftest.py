"""Browser tests: Playwright (python) drives Debian's Chromium against pytest-django's live server.

Never `playwright install`: it would download a browser of its own. `make test-e2e` installs
Debian's `chromium` package when /usr/bin/chromium is missing.
"""

import os
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connections
from django.test import Client

# Playwright's sync API runs an event loop in the test thread; Django refuses ORM calls from a
# thread with a running loop unless told it is safe (it is: the loop only talks to the browser).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",  # CI runs as root, where Chromium's sandbox cannot start
    "--disable-gpu",
    "--disable-dev-shm-usage",  # small /dev/shm in containers
    "--disable-background-networking",  # tests never reach the network
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
MOT_DE_PASSE = "mot-de-passe-de-test-1"  # the password tests.factories.UserFactory sets


def pytest_collection_modifyitems(items):
    if not CHROMIUM.exists():
        raise pytest.UsageError(
            f"{CHROMIUM} manquant : apt-get install chromium (ou make test-e2e)"
        )


@pytest.fixture(scope="session")
def django_db_modify_db_settings(tmp_path_factory):
    """Browser tests on SQLite use a test database in a file, not in memory.

    With an in-memory database the live server's request threads all share the test thread's
    single connection, and two requests at once (the browser sends several) mix up each other's
    savepoints: "no such savepoint", lost session saves. With a file, each thread has its own
    connection. PostgreSQL needs nothing.
    """
    for base in settings.DATABASES.values():
        if base["ENGINE"] == "django.db.backends.sqlite3":
            base.setdefault("TEST", {})["NAME"] = str(tmp_path_factory.mktemp("e2e") / "db.sqlite3")
            base.setdefault("OPTIONS", {}).update(timeout=30, transaction_mode="IMMEDIATE")


@pytest.fixture(scope="session")
def _connexions_django(django_db_setup):
    """Django's database connections as the test-database setup left them."""
    return {alias: connections[alias] for alias in connections}


@pytest.fixture(scope="session")
def playwright(_connexions_django, playwright):
    """Keep Django's database connections once Playwright has started.

    Playwright's sync API marks an asyncio loop as running in the main thread. From then on
    asgiref keeps Django's connections per context instead of per thread, and Django opens new
    connection objects that lack what the test-database setup stored on the first ones: the data
    for serialized rollback, so reference data flushed after one live-server test would be
    missing from the next. `_connexions_django` is set up before Playwright starts (arguments
    are set up in order); hand those connections to the new storage.
    """
    for alias, connexion in _connexions_django.items():
        connections[alias] = connexion
    return playwright


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": str(CHROMIUM),
        "args": CHROMIUM_ARGS,
        "headless": True,
    }


@pytest.fixture(scope="session")
def base_url(live_server):
    # Pages open relative to the live server (`page.goto("/admin/")`). Also replaces
    # pytest-playwright's own `base_url`, an instance-method fixture that pytest 9 deprecates:
    # an error under filterwarnings=error.
    return live_server.url


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {
        **browser_context_args,
        "locale": "fr-FR",
        "timezone_id": "Europe/Paris",
        "viewport": {"width": 1400, "height": 900},
        "accept_downloads": True,
    }


@pytest.fixture
def page(page):
    # Fail fast rather than wait 30 s on a missing element.
    page.set_default_timeout(15_000)
    return page


@pytest.fixture
def se_connecter(page, live_server):
    """Log in through the real Wagtail login page (the other tests may use a session cookie)."""

    def connecter(user, mot_de_passe=MOT_DE_PASSE):
        page.goto(f"{live_server.url}/admin/login/")
        page.get_by_label("Identifiant").fill(user.username)
        page.get_by_label("Mot de passe").fill(mot_de_passe)
        page.get_by_role("button", name="S'identifier").click()
        page.wait_for_url(f"{live_server.url}/admin/")

    return connecter


@pytest.fixture
def connecter(page, live_server):
    """`connecter(user)`: open a session for `user` and hand its cookie to the browser (fast)."""

    def connecter(user):
        client = Client()
        client.force_login(user)
        cookie = client.cookies[settings.SESSION_COOKIE_NAME]
        page.context.add_cookies(
            [{"name": cookie.key, "value": cookie.value, "url": live_server.url}]
        )
        return page

    return connecter
