"""Uploads shared across replicas (issue 13 §3): in class mode the instructors' files and publications live in the
database, so a file uploaded through one replica is used by every other — on SQLite and on PostgreSQL."""
from __future__ import annotations

import pytest

from classroom import uploads
from classroom.library_source import LibrarySource
from classroom.shelf import DatabaseShelf
from exercises.sandbox import SandboxedTemplate
from store import open_store
from store.files import MAX_NAME, SharedFiles

GOOD = """\
templates:
  - id: shared-double
    topic: functions
    title: {en: "Double it", zh: "加倍"}
    difficulty: 1
    params:
      a: {int: [1, 9]}
    derived:
      d: "2*a"
    prompt: {en: "Double ${{a}}$.", zh: "把 ${{a}}$ 加倍。"}
    solution: {en: "$2 \\\\cdot {{a}} = {{d}}$", zh: "$2 \\\\cdot {{a}} = {{d}}$"}
    answer: {kind: number, expected: d}
"""


def test_files_and_publications_round_trip_with_a_changing_version(store):
    files = SharedFiles(store.engine)
    assert files.files() == [] and files.published() == frozenset()
    empty = files.files_version()
    files.save("a.yaml", "templates: []\n", by="teacher")
    first = files.files_version()
    assert first != empty and [(f.name, f.uploaded_by) for f in files.files()] == [("a.yaml", "teacher")]
    files.save("a.yaml", "templates: []  # edited\n")
    assert files.files_version() not in (first, empty) and len(files.files()) == 1
    before = files.published_version()
    files.publish("shared-double", True, by="teacher")
    assert files.published() == {"shared-double"} and files.published_version() != before
    files.publish("shared-double", False)
    assert files.published() == frozenset() and files.published_version() == before
    files.delete("a.yaml")
    assert files.files() == [] and files.files_version() == empty
    with pytest.raises(ValueError):
        files.save("x" * (MAX_NAME + 1), "")


def test_a_file_uploaded_through_one_replica_is_used_by_another(db_url):
    """Two replicas: separate processes' worth of engines and library sources on one database."""
    first, second = open_store(db_url), open_store(db_url)
    try:
        upload_shelf = DatabaseShelf(SharedFiles(first.engine))
        other = LibrarySource(lambda: DatabaseShelf(SharedFiles(second.engine)), check_seconds=0)
        assert "shared-double" not in other.library().templates
        result = uploads.save_upload("double.yaml", GOOD.encode(), upload_shelf, seeds=3)
        assert result.saved, result.errors
        library = other.library()
        template = library.get("shared-double")
        assert isinstance(template, SandboxedTemplate) and template.path == "double.yaml"
        exercise = library.exercise("shared-double", 5)
        assert exercise.check("", str(2 * exercise.params["a"])).status == "correct"
        assert "shared-double" not in [t.id for t in library.by_topic("functions")]
        upload_shelf.publish("shared-double", True)
        assert "shared-double" in [t.id for t in other.library().by_topic("functions")]
        upload_shelf.delete("double.yaml")
        assert "shared-double" not in other.library().templates
    finally:
        first.close()
        second.close()
