"""Two app replicas behind a real load balancer (HAProxy, and nginx where installed), sharing PostgreSQL.

Each replica has its own home folder, as if on its own host: what they share is the database. Through the
balancer: a learner stays on one replica (sticky cookie, websocket included); a reload served by the other replica
finds the learner's progress and open quiz; a file uploaded through one replica is usable through the other.
The app is driven at Streamlit's protocol level (`scripts.stream_client`), and by Chromium for the upload.
"""
from __future__ import annotations

import asyncio
import os
import shutil
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from pg_support import create_database, drop_database
from scripts.serve_class import BALANCERS, REPLICA_COOKIE, REPLICA_HEADER, Balancer, Cluster, balancer_binary
from scripts.stream_client import StreamSession

INSTALLED = [kind for kind in BALANCERS if balancer_binary(kind)]
if not INSTALLED:
    print("SKIP replica tests: neither haproxy nor nginx is installed (apt-get install haproxy nginx)")
pytestmark = pytest.mark.skipif(not INSTALLED, reason="neither haproxy nor nginx is installed "
                                                      "(apt-get install haproxy nginx)")
TEMPLATE, SEED = "inner-product-2d", 7
UPLOAD = Path(__file__).resolve().parents[1] / "exercises" / "fixtures" / "good.yaml"


@pytest.fixture(scope="module")
def cluster(pg_admin_url, tmp_path_factory):
    """Two replicas sharing a fresh database, behind the first installed balancer."""
    db_url = create_database(pg_admin_url)
    homes = tmp_path_factory.mktemp("replica-homes")
    started = Cluster(2, INSTALLED[0], env={"DLMATH_DB_URL": db_url}, home_per_replica=homes)
    try:
        yield started.start()
    finally:
        started.stop()
        drop_database(pg_admin_url, db_url)


@pytest.fixture(scope="module")
def balancers(cluster):
    """{balancer kind: its URL} for every installed balancer, all in front of the same two replicas."""
    extra: list[Balancer] = []
    try:
        extra = [Balancer(kind, cluster.replica_ports).start() for kind in INSTALLED[1:]]
        yield {INSTALLED[0]: cluster.url, **{b.kind: b.url for b in extra}}
    finally:
        for balancer in extra:
            balancer.stop()


@pytest.mark.skipif(len(os.sched_getaffinity(0)) < 2 or not shutil.which("taskset"),
                    reason="fewer than two cores (or no taskset): the replicas are not pinned")
def test_each_replica_runs_on_a_core_of_its_own(cluster):
    cores = [os.sched_getaffinity(pid) for pid in cluster.replica_pids]
    assert cores == [{cpu} for cpu in cluster.cpus]
    assert len(set(cluster.cpus)) == 2 and set(cluster.cpus) <= os.sched_getaffinity(0)


def get(url: str, cookie: str | None = None) -> tuple[str, str]:
    """(the replica that answered, the sticky cookie it set) for a GET of the app's page."""
    request = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})
    with urllib.request.urlopen(request, timeout=30) as response:
        set_cookie = response.headers.get("Set-Cookie", "")
        return response.headers[REPLICA_HEADER], set_cookie


def other(replica: str) -> str:
    return {"r1": "r2", "r2": "r1"}[replica]


@pytest.mark.parametrize("kind", INSTALLED)
def test_a_learner_stays_on_one_replica_and_new_learners_are_spread(balancers, kind):
    url = balancers[kind]
    first = [get(url + "/") for _ in range(4)]
    assert {replica for replica, _ in first} == {"r1", "r2"}           # new browsers go to both replicas
    replica, set_cookie = first[0]
    assert f"{REPLICA_COOKIE}={replica}" in set_cookie and "HttpOnly" in set_cookie
    cookie = f"{REPLICA_COOKIE}={replica}"
    assert {get(url + path, cookie)[0] for path in ("/", "/vectors", "/_stcore/health", "/")} == {replica}

    async def websocket_replica() -> str:
        session = StreamSession(url)
        await session.open(cookie=cookie)
        try:
            run = await session.load("vectors", f"ex={TEMPLATE}&seed={SEED}&profile=sticky")
            assert session.has_widget(f"ex-{TEMPLATE}-{SEED}-"), run.alerts()
            return session.response_headers[REPLICA_HEADER.lower()]
        finally:
            await session.close()

    assert asyncio.run(websocket_replica()) == replica                 # the websocket follows the cookie too


def test_a_reload_on_the_other_replica_finds_the_progress_and_the_open_quiz(balancers):
    url = balancers[INSTALLED[0]]
    from exercises import load_library

    right = load_library().get(TEMPLATE).generate(SEED).expected_text("")

    async def scenario() -> None:
        first = StreamSession(url)
        await first.open(cookie=f"{REPLICA_COOKIE}=r1")
        try:
            await first.load("vectors", f"ex={TEMPLATE}&seed={SEED}&profile=ada")
            await first.type_text(f"ex-{TEMPLATE}-{SEED}-", right)
            run = await first.click(f"ex-{TEMPLATE}-{SEED}--check")
            assert [kind for kind, _ in run.alerts()] == ["success"]
            # a Check re-sends the answer cell only (input, button, preview, attempts, verdict), not the panel
            assert {kind for kind, _ in run.elements} <= {"text_input", "button", "markdown", "alert"}, run.elements
            assert run.deltas <= 8
            await first.load("quiz", "profile=ada")
            run = await first.click("quiz-file-start")
            assert run.finished == "FINISHED_SUCCESSFULLY"
            assert first.response_headers[REPLICA_HEADER.lower()] == "r1"
        finally:
            await first.close()

        reload = StreamSession(url)                                     # the browser's cookie now says r2
        await reload.open(cookie=f"{REPLICA_COOKIE}=r2")
        try:
            assert reload.response_headers[REPLICA_HEADER.lower()] == "r2"
            home = await reload.load("", "profile=ada")
            links = [el.label for kind, el in home.elements if kind == "page_link"]
            assert any(f"#{SEED}" in label for label in links), links   # "Continue where you left off"
            mastery = [el.text for kind, el in home.elements if kind == "progress"]
            assert any(text.startswith("Mastery") for text in mastery), mastery   # vectors, from r1's answer
            await reload.load("quiz", "profile=ada")
            assert any(key.startswith("quiz-resume-") for key in reload.widgets), sorted(reload.widgets)
        finally:
            await reload.close()

    asyncio.run(scenario())


@pytest.fixture(scope="module")
def class_balancer(pg_admin_url, tmp_path_factory):
    """Two replicas in class mode (each with its own home folder) behind the first balancer, sharing a database with
    an instructor account (created by the replicas at start-up)."""
    db_url = create_database(pg_admin_url)
    env = {"DLMATH_DB_URL": db_url, "DLMATH_MODE": "class", "DLMATH_INSTRUCTOR": "Teacher",
           "DLMATH_INSTRUCTOR_PASSWORD": "teacher-pass"}
    cluster = Cluster(2, INSTALLED[0], env=env, home_per_replica=tmp_path_factory.mktemp("class-homes"))
    try:
        cluster.start()
        yield cluster.url
    finally:
        cluster.stop()
        drop_database(pg_admin_url, db_url)


def _shows_within(tab, text: str, seconds: float) -> bool:
    """Whether the practice panel shows ``text`` once drawn, reloading the page until it does (a replica reads the
    database's files at most every 2 s, and a loaded machine stores the publish switch later)."""
    deadline = time.monotonic() + seconds
    while True:
        tab.get_by_text("seed 1").first.wait_for(timeout=60_000)   # the panel is drawn
        if tab.get_by_text(text).count() > 0:
            return True
        if time.monotonic() > deadline:
            return False
        tab.wait_for_timeout(1_000)
        tab.reload()


def test_a_file_uploaded_through_one_replica_is_usable_through_the_other(class_balancer):
    """In class mode uploads live in the database: uploaded and published through r1, the template is on r2's
    topic page (r2 checks the database's files at most every 2 s)."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "e2e"))
    from e2e_support import CHROMIUM, launch_chromium

    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is missing (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    url = class_balancer
    with sync_playwright() as p:
        browser = launch_chromium(p)
        try:
            for replica, action in (("r1", "upload"), ("r2", "use")):
                context = browser.new_context(locale="en-US")
                context.add_cookies([{"name": REPLICA_COOKIE, "value": replica, "url": url}])
                tab = context.new_page()
                page = "instructor" if action == "upload" else "vectors?ex=fixture-inner-product&seed=1"
                tab.goto(f"{url}/{page}")
                tab.get_by_label("Name", exact=True).fill("Teacher")
                tab.get_by_label("Password", exact=True).fill("teacher-pass")
                tab.get_by_role("button", name="Sign in", exact=True).click()  # back to the page asked for
                if action == "upload":
                    tab.locator("input[type='file']").first.set_input_files(str(UPLOAD), timeout=60_000)
                    tab.get_by_text("is valid and saved").first.wait_for(state="attached", timeout=60_000)
                    tab.get_by_role("tab", name="📁 Files").click()
                    tab.get_by_text("fixture-inner-product · on its topic page").first.click()  # publish it
                    tab.wait_for_timeout(3_000)  # the switch's rerun stores it
                else:
                    assert _shows_within(tab, "fixture-inner-product", seconds=30), "r2 never showed the upload"
                context.close()
        finally:
            browser.close()
