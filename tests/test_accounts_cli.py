"""`python -m classroom.accounts`: the first instructor (password on stdin, or a join code), a roster of students
into accounts and join codes (CSV out), a password reset, the list; and the start-up bootstrap."""
from __future__ import annotations

import csv
import io

import pytest

from classroom.accounts import add_students, bootstrap_instructor, codes_csv, main, read_roster
from store import get_accounts


@pytest.fixture(autouse=True)
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("DLMATH_HOME", str(tmp_path))
    monkeypatch.delenv("DLMATH_DB_URL", raising=False)
    return tmp_path


def run(*argv: str, stdin: str = "") -> tuple[int, str]:
    out = io.StringIO()
    return main(list(argv), stdin=io.StringIO(stdin), stdout=out), out.getvalue()


def test_create_instructor_with_a_password_on_stdin():
    status, out = run("create-instructor", "Ms Rivera", "--password-stdin", stdin="a long secret\n")
    assert status == 0 and "Ms Rivera" in out
    assert get_accounts().verify_password("ms rivera", "a long secret").account.role == "instructor"
    status, _ = run("create-instructor", "ms rivera", "--password-stdin", stdin="another secret\n")
    assert status == 1                                           # exists already


def test_create_instructor_with_a_join_code_and_a_short_password_refused(capsys):
    status, out = run("create-instructor", "Mr Ode", "--join-code")
    code = out.strip().rsplit(" ", 1)[-1]
    assert status == 0 and get_accounts().join_code_account(code).name == "Mr Ode"
    assert run("create-instructor", "Ms Short", "--password-stdin", stdin="short\n")[0] == 1
    assert "at least 8 characters" in capsys.readouterr().err


def test_without_a_terminal_the_password_is_not_asked(capsys):
    with pytest.raises(SystemExit, match="--password-stdin"):
        run("create-instructor", "Ms Rivera")


def test_add_students_writes_the_join_codes(tmp_path, capsys):
    roster = tmp_path / "roster.csv"
    roster.write_text("name,password\nAnn Lee\n# a comment\n王芳\nBo, first-pass-1\n=HYPERLINK(1)\n", encoding="utf-8")
    out_file = tmp_path / "codes.csv"
    status, _ = run("add-students", str(roster), "--out", str(out_file))
    assert status == 0
    rows = list(csv.DictReader(out_file.open(encoding="utf-8")))
    names = [row["name"] for row in rows]
    assert names == ["Ann Lee", "王芳", "'=HYPERLINK(1)"]             # a formula-looking name stays text
    accounts = get_accounts()
    assert accounts.redeem_join_code(rows[1]["join_code"], "fang's secret").name == "王芳"
    assert accounts.verify_password("Bo", "first-pass-1").reason == "ok"
    status, out = run("join-code", "Ann Lee")
    assert status == 0 and accounts.join_code_account(out.strip()).name == "Ann Lee"
    assert accounts.join_code_account(rows[0]["join_code"]) is None     # the new code replaced the old one
    status, out = run("list")
    assert "Ann Lee\tlearner\tactive" in out.splitlines()


def test_roster_reading_and_results():
    lines = read_roster("\ufeffName,Password\n  Ann  \n\nBo,pw-pw-pw-pw\n")
    assert [(l.name, l.password) for l in lines] == [("Ann", None), ("Bo", "pw-pw-pw-pw")]
    results = add_students(get_accounts(), read_roster("Cy\nCy\nx" * 1 + "\n" + "y" * 50 + "\n"))
    assert [r.status for r in results] == ["created", "exists", "created", "bad_name"]
    assert codes_csv(results).splitlines()[0] == "name,join_code" and len(codes_csv(results).splitlines()) == 3


def test_bootstrap_creates_the_instructor_once():
    accounts = get_accounts()
    assert bootstrap_instructor(accounts, "Boot Strap", "bootstrap-pass") is True
    assert bootstrap_instructor(accounts, "Boot Strap", "other-pass-here") is False
    assert accounts.verify_password("Boot Strap", "bootstrap-pass").account.is_instructor
