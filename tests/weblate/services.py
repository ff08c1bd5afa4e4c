"""PostgreSQL, Redis and Weblate for the Weblate lane, on 127.0.0.1 only, each stopped by its PID.

PostgreSQL and Redis are Debian's packages (README); Weblate is the pinned one in the lane's
own environment (``make weblate-venv``, WEBLATE_VENV). Nothing is downloaded.
"""

from __future__ import annotations

import contextlib
import json
import os
import pwd
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path

PG_BIN = Path("/usr/lib/postgresql/15/bin")
HOST = "127.0.0.1"
ADMIN = {"username": "admin", "full_name": "Admin", "email": "admin@example.invalid"}
TRANSLATOR = {"username": "ayse", "full_name": "Ayşe Yılmaz", "email": "ayse@example.org"}

SETTINGS = """\
from weblate.settings_example import *  # noqa: F403

DEBUG = False
SECRET_KEY = "weblate-lane-only-{port}"
SITE_DOMAIN = "{host}:{port}"
ENABLE_HTTPS = False
SITE_URL = "http://{host}:{port}"
ALLOWED_HOSTS = ["{host}"]
OTP_WEBAUTHN_RP_ID = "{host}"
OTP_WEBAUTHN_ALLOWED_ORIGINS = [SITE_URL]
SILENCED_SYSTEM_CHECKS = [*SILENCED_SYSTEM_CHECKS, "otp_webauthn.E031", "otp_webauthn.E010"]  # noqa: F405
DATA_DIR = "{data}"
CACHE_DIR = DATA_DIR + "/cache"
MEDIA_ROOT = DATA_DIR + "/media"
STATIC_ROOT = CACHE_DIR + "/static"
DATABASES = {{"default": {{"ENGINE": "django.db.backends.postgresql", "NAME": "weblate",
                          "USER": "weblate", "PASSWORD": "", "HOST": "{host}", "PORT": "{pg_port}",
                          # Weblate 5.14 changes enforced checks through its API only inside a
                          # transaction (TRANSLATING.md, "Set up once")
                          "ATOMIC_REQUESTS": True}}}}
CACHES["default"]["LOCATION"] = "redis://{host}:{redis_port}/1"  # noqa: F405
CACHES["avatar"]["LOCATION"] = CACHE_DIR + "/avatar"  # noqa: F405
CELERY_TASK_ALWAYS_EAGER = True
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_BROKER_URL = "memory://"
CELERY_RESULT_BACKEND = None
VCS_FILE_PROTOCOL = True
# The project's website is this Weblate itself: its link check stays on 127.0.0.1.
PROJECT_WEB_RESTRICT_HOST = set()
PROJECT_WEB_RESTRICT_NUMERIC = False
REGISTRATION_OPEN = False
ENABLE_AVATARS = False
ENABLE_SHARING = False
LOGGING["root"] = {{"level": "WARNING", "handlers": ["console"]}}  # noqa: F405
"""

USERS = """\
import json
from rest_framework.authtoken.models import Token
from weblate.auth.models import User
tokens = {{}}
for spec in {users!r}:
    user, _ = User.objects.get_or_create(username=spec["username"])
    user.full_name, user.email = spec["full_name"], spec["email"]
    user.is_superuser = user.is_active = True
    user.set_unusable_password()
    user.save()
    tokens[spec["username"]] = Token.objects.get_or_create(user=user)[0].key
print("TOKENS" + json.dumps(tokens))
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def wait_for_port(port: int, process: subprocess.Popen, seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{process.args[0]} ended with {process.returncode}")
        with contextlib.suppress(OSError), socket.create_connection((HOST, port), timeout=1):
            return
        time.sleep(0.3)
    raise RuntimeError(f"nothing listens on {HOST}:{port} after {seconds} s")


def stop(process: subprocess.Popen | None) -> None:
    if process is None or process.poll() is not None:
        return
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=60)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


class Services:
    """Start with :meth:`start`, stop with :meth:`stop` (every process by its own PID)."""

    def __init__(self, venv: Path, scratch: Path):
        self.venv, self.scratch = venv, scratch
        self.processes: list[subprocess.Popen] = []
        self.pg_data: Path | None = None
        self.log = scratch / "services.log"

    # PostgreSQL refuses to run as root: then its data directory belongs to the postgres user.
    def _as_postgres(self, argv: list[str]) -> list[str]:
        return ["runuser", "-u", "postgres", "--", *argv] if os.geteuid() == 0 else argv

    def _start(self, argv: list[str], env: dict | None = None) -> subprocess.Popen:
        handle = self.log.open("ab")
        process = subprocess.Popen(argv, stdout=handle, stderr=subprocess.STDOUT, env=env,
                                   stdin=subprocess.DEVNULL)
        self.processes.append(process)
        return process

    def start(self) -> None:
        self.scratch.mkdir(parents=True, exist_ok=True)
        self.pg_port, self.redis_port, self.port = free_port(), free_port(), free_port()
        # PostgreSQL: a cluster of its own, trust authentication on 127.0.0.1 only.
        self.pg_data = Path(tempfile.mkdtemp(prefix="weblate-lane-pg-"))
        if os.geteuid() == 0:
            owner = pwd.getpwnam("postgres")
            os.chown(self.pg_data, owner.pw_uid, owner.pw_gid)
        subprocess.run(self._as_postgres([str(PG_BIN / "initdb"), "-D", str(self.pg_data), "-U", "weblate",
                                          "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8"]),
                       check=True, capture_output=True)
        postgres = self._start(self._as_postgres([
            str(PG_BIN / "postgres"), "-D", str(self.pg_data), "-h", HOST, "-p", str(self.pg_port),
            "-k", str(self.pg_data), "-c", "fsync=off", "-c", "full_page_writes=off"]))
        wait_for_port(self.pg_port, postgres)
        subprocess.run([str(PG_BIN / "createdb"), "-h", HOST, "-p", str(self.pg_port), "-U", "weblate", "weblate"],
                       check=True, capture_output=True)
        redis = self._start(["redis-server", "--bind", HOST, "--port", str(self.redis_port), "--save", "",
                             "--appendonly", "no", "--dir", str(self.scratch)])
        wait_for_port(self.redis_port, redis)
        # Weblate: its settings, the database, two users, the server.
        settings = self.scratch / "settings"
        settings.mkdir(exist_ok=True)
        (settings / "lane_settings.py").write_text(SETTINGS.format(
            host=HOST, port=self.port, pg_port=self.pg_port, redis_port=self.redis_port,
            data=self.scratch / "data"), encoding="utf-8")
        self.env = {**os.environ, "DJANGO_SETTINGS_MODULE": "lane_settings", "PYTHONPATH": str(settings),
                    "PATH": f"{self.venv / 'bin'}:{os.environ['PATH']}"}
        self.weblate("migrate", "--noinput")
        output = self.weblate("shell", "-c", USERS.format(users=[ADMIN, TRANSLATOR]))
        self.tokens = json.loads(output.split("TOKENS", 1)[1].splitlines()[0])
        server = self._start([str(self.venv / "bin" / "weblate"), "runserver", "--noreload",
                              f"{HOST}:{self.port}"], env=self.env)
        wait_for_port(self.port, server)
        self.url = f"http://{HOST}:{self.port}"
        deadline = time.monotonic() + 120
        while True:  # the first request loads Weblate
            try:
                with urllib.request.urlopen(f"{self.url}/api/", timeout=60):
                    break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(1)

    def weblate(self, *args: str) -> str:
        result = subprocess.run([str(self.venv / "bin" / "weblate"), *args], env=self.env,
                                capture_output=True, text=True)
        if result.returncode != 0:
            raise RuntimeError(f"weblate {args[0]} failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}")
        return result.stdout

    def stop(self) -> None:
        if self.pg_data is not None and (self.pg_data / "postmaster.pid").exists():
            subprocess.run(self._as_postgres([str(PG_BIN / "pg_ctl"), "-D", str(self.pg_data), "stop",
                                              "-m", "fast"]), capture_output=True)
        for process in reversed(self.processes):
            stop(process)
        if self.pg_data is not None:
            shutil.rmtree(self.pg_data, ignore_errors=True)
