"""Files a build makes from a few inputs (the social card, the citation files) are kept
while those inputs and the files are the same."""

from __future__ import annotations


def test_files_made_from_the_same_inputs_are_not_made_again(tmp_path):
    """publication.madefrom: same key and the very files recorded -> unchanged; a new key,
    a file changed or gone, or no record -> made again."""
    from publication import madefrom

    record, files = tmp_path / madefrom.RECORD, [tmp_path / "a.png", tmp_path / "b.bib"]
    key = madefrom.key("title", 1)
    assert not madefrom.unchanged(record, "card", key, files)
    for file in files:
        file.write_bytes(b"made")
    madefrom.made(record, "card", key, files)
    assert madefrom.unchanged(record, "card", key, files)
    assert not madefrom.unchanged(record, "card", madefrom.key("title", 2), files)
    assert not madefrom.unchanged(record, "other", key, files)
    files[1].write_bytes(b"changed by someone else")
    assert not madefrom.unchanged(record, "card", key, files)
    madefrom.made(record, "card", key, files)
    files[0].unlink()
    assert not madefrom.unchanged(record, "card", key, files)
    record.write_text("not json")
    assert not madefrom.unchanged(record, "card", key, files[1:])
