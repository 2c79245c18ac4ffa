"""The QR decoder the desk serves is the one pinned in package.json, byte for byte.

``jsqr`` (Apache-2.0) is copied from the npm package into ``static/vendor/jsqr`` so the app
serves it itself (the CSP allows scripts from the app only). Whenever ``npm ci`` has installed
the pin, the copy must equal it: the pin and the served file cannot drift apart.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
VENDOR = ROOT / "src" / "ontmoeting" / "web" / "static" / "vendor" / "jsqr"
INSTALLED = ROOT / "node_modules" / "jsqr"


def test_the_served_decoder_carries_its_licence():
    licence = (VENDOR / "LICENSE").read_text()
    assert "Apache License" in licence
    assert "Version 2.0" in licence
    assert (VENDOR / "jsQR.js").stat().st_size > 100_000


def test_the_pin_names_an_exact_version_in_both_package_files():
    pinned = json.loads((ROOT / "package.json").read_text())["dependencies"]["jsqr"]
    locked = json.loads((ROOT / "package-lock.json").read_text())["packages"]["node_modules/jsqr"]
    assert pinned == locked["version"]
    assert pinned[0].isdigit()  # exact, no range
    assert locked["license"] == "Apache-2.0"


def test_the_served_decoder_is_the_pinned_one_byte_for_byte():
    if not (INSTALLED / "dist" / "jsQR.js").exists():
        pytest.skip("node_modules/jsqr is not installed (make browser-tools)")
    pinned = json.loads((ROOT / "package.json").read_text())["dependencies"]["jsqr"]
    assert json.loads((INSTALLED / "package.json").read_text())["version"] == pinned
    assert (VENDOR / "jsQR.js").read_bytes() == (INSTALLED / "dist" / "jsQR.js").read_bytes()
    assert (VENDOR / "LICENSE").read_bytes() == (INSTALLED / "LICENSE").read_bytes()
