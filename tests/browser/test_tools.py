"""The browser tests need Debian's Chromium and axe-core from npm: say how to install them, never skip."""

from __future__ import annotations

from browser_helpers import require_axe, require_chromium


def test_debian_chromium_is_installed() -> None:
    require_chromium()


def test_axe_core_is_installed_from_the_lock_file() -> None:
    require_axe()
