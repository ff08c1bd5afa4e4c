"""Published files are replaced whole: a failed write leaves the old file or release."""

from __future__ import annotations

import pytest

from brochure.base.output_files import replace_directory, write_file


def test_a_file_is_replaced_and_no_temporary_file_stays(tmp_path):
    target = tmp_path / "site" / "book.epub"
    write_file(target, b"old")
    write_file(target, b"new")
    assert target.read_bytes() == b"new"
    assert [path.name for path in target.parent.iterdir()] == ["book.epub"]


def test_a_failed_write_keeps_the_old_file(tmp_path, monkeypatch):
    target = tmp_path / "book.epub"
    write_file(target, b"old")

    def full_disk(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("os.fsync", full_disk)
    with pytest.raises(OSError):
        write_file(target, b"new, but cut")
    monkeypatch.undo()
    assert target.read_bytes() == b"old"
    assert [path.name for path in tmp_path.iterdir()] == ["book.epub"]


def test_a_directory_is_swapped_in_whole(tmp_path):
    dist = tmp_path / "dist"
    replace_directory(dist, lambda new: (write_file(new / "a", b"1"), write_file(new / "stale", b"x")))
    replace_directory(dist, lambda new: write_file(new / "a", b"2"))
    assert sorted(path.name for path in dist.iterdir()) == ["a"]
    assert (dist / "a").read_bytes() == b"2"
    assert [path.name for path in tmp_path.iterdir()] == ["dist"]


def test_a_failed_release_keeps_the_previous_one(tmp_path):
    dist = tmp_path / "dist"
    replace_directory(dist, lambda new: write_file(new / "a", b"1"))

    def interrupted(new):
        write_file(new / "a", b"2")
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        replace_directory(dist, interrupted)
    assert (dist / "a").read_bytes() == b"1"
    assert [path.name for path in tmp_path.iterdir()] == ["dist"]
