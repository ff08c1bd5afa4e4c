"""A catalog is replaced whole or not at all: a failed write leaves the old file and says so."""

import errno
import os
import stat

import pytest

from brochure.base import output_files
from brochure.i18n import writing
from brochure.i18n.writing import WriteError, replace_file, write_catalog

OLD = b'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\nmsgid "Alt"\nmsgstr "Old"\n'
NEW = OLD + b'\nmsgid "Neu"\nmsgstr "New"\n'


@pytest.fixture
def catalog(tmp_path):
    path = tmp_path / "LC_MESSAGES" / "page.po"
    path.parent.mkdir()
    path.write_bytes(OLD)
    path.chmod(0o640)
    return path


def test_catalog_is_replaced_keeping_its_permissions_and_no_temporary_file(catalog):
    write_catalog(catalog, NEW)
    assert catalog.read_bytes() == NEW
    assert stat.S_IMODE(catalog.stat().st_mode) == 0o640
    assert [p.name for p in catalog.parent.iterdir()] == ["page.po"]


def test_new_catalog_gets_the_usual_permissions(catalog):
    fresh = catalog.with_name("fresh.po")
    write_catalog(fresh, NEW)
    mask = os.umask(0)
    os.umask(mask)
    assert stat.S_IMODE(fresh.stat().st_mode) == 0o666 & ~mask


def test_leftover_of_a_killed_run_is_removed_by_the_next_write(catalog):
    leftover = catalog.with_name(".page.po.k1ll3d.partial")
    leftover.write_bytes(NEW[:20])
    other = catalog.with_name(".other.po.k1ll3d.partial")
    other.write_bytes(b"")
    write_catalog(catalog, NEW)
    assert not leftover.exists() and other.exists()


@pytest.mark.parametrize("bad", [
    NEW[: len(NEW) // 2],  # cut inside a string: msgfmt refuses
    b"no catalog at all\n",
])
def test_content_that_does_not_read_as_a_catalog_is_not_written(catalog, bad):
    with pytest.raises(WriteError, match=r"page\.po: not written, the old file is unchanged: msgfmt cannot read"):
        write_catalog(catalog, bad)
    assert catalog.read_bytes() == OLD
    assert [p.name for p in catalog.parent.iterdir()] == ["page.po"]


def test_content_changed_on_the_way_to_the_disk_is_not_renamed(catalog, monkeypatch):
    real = writing.check_catalog
    # The disk returns what a cut write left: one entry fewer, still a valid catalog.
    monkeypatch.setattr(writing, "check_catalog",
                        lambda written, data: (written.write_bytes(OLD), real(written, data)))
    with pytest.raises(WriteError, match="read back differs"):
        write_catalog(catalog, NEW)
    assert catalog.read_bytes() == OLD


class FullDisk:
    """A file object whose data never reaches the disk: ENOSPC at write or at fsync."""

    def __init__(self, handle, at):
        self.handle, self.at = handle, at

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.handle.close()

    def write(self, data):
        if self.at == "write":
            self.handle.write(data[: len(data) // 3])
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return self.handle.write(data)

    def __getattr__(self, name):
        return getattr(self.handle, name)


@pytest.mark.parametrize("at", ["write", "fsync"])
def test_full_disk_leaves_the_old_catalog_and_says_which(catalog, monkeypatch, at):
    fdopen, fsync = os.fdopen, os.fsync
    monkeypatch.setattr(writing.os, "fdopen", lambda fd, mode: FullDisk(fdopen(fd, mode), at))
    if at == "fsync":  # delayed allocation: the data is refused only when flushed
        def refuse(fd):
            if stat.S_ISREG(os.fstat(fd).st_mode):
                raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
            fsync(fd)
        monkeypatch.setattr(writing.os, "fsync", refuse)
    with pytest.raises(WriteError) as raised:
        write_catalog(catalog, NEW)
    assert str(raised.value) == f"{catalog}: cannot write (No space left on device); the old file is unchanged"
    assert catalog.read_bytes() == OLD
    assert [p.name for p in catalog.parent.iterdir()] == ["page.po"]


def test_unwritable_directory_leaves_the_old_catalog_and_says_which(catalog, monkeypatch):
    def refuse(*args, **kwargs):
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES))
    monkeypatch.setattr(output_files.tempfile, "mkstemp", refuse)
    with pytest.raises(WriteError, match=r"page\.po: cannot write \(Permission denied\); the old file is unchanged"):
        write_catalog(catalog, NEW)
    assert catalog.read_bytes() == OLD


def test_failed_check_of_another_file_keeps_it(tmp_path):
    table = tmp_path / "editions.toml"
    table.write_text("old = 1\n", encoding="utf-8")

    def refuse(written):
        raise ValueError(f"{written.read_text(encoding='utf-8').strip()} does not load")
    with pytest.raises(WriteError, match=r"editions\.toml: not written, the old file is unchanged: broken does not load"):
        replace_file(table, b"broken\n", refuse)
    assert table.read_text(encoding="utf-8") == "old = 1\n"
    assert [p.name for p in tmp_path.iterdir()] == ["editions.toml"]
