"""docs/deploy.md names every environment variable the settings, the command line and the web
server read: a new setting cannot ship undocumented."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCES = [
    "src/ontmoeting/config/settings.py",
    "src/ontmoeting/cli.py",
    "src/ontmoeting/commands/serve.py",
]
#: ``os.environ.get("X")``, ``os.environ["X"]``, ``f"X_{…}"`` (a prefix) and ``_env_list("X")``.
READ = re.compile(r'(?:os\.environ(?:\.get\(|\[)|_env_list\()f?"([A-Z][A-Z0-9_]*)')
#: Read by Django or Python themselves, not settings of ontmoeting.
NOT_OURS = {"DJANGO_SETTINGS_MODULE"}


def variables() -> set[str]:
    found = set()
    for source in SOURCES:
        found |= set(READ.findall((ROOT / source).read_text()))
    return found - NOT_OURS


def test_the_settings_read_the_variables_we_expect():
    found = variables()
    assert {
        "DATABASE_URL",
        "ONTMOETING_REDIS_URL",
        "ONTMOETING_LOG_FORMAT",
        "WEB_CONCURRENCY",
    } <= found
    assert "ONTMOETING_LINK_HOURS_" in found  # the f-string's prefix


def test_every_variable_is_named_in_the_deployment_guide():
    guide = (ROOT / "docs" / "deploy.md").read_text()
    missing = sorted(name for name in variables() if f"`{name}" not in guide)
    assert not missing, f"docs/deploy.md does not name: {', '.join(missing)}"
