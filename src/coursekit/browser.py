"""A real browser for the course's checks and screenshots: Debian's Chromium.

Playwright drives the system browser (``executable_path``); it never downloads one of
its own, which cannot work offline. Install it with
``sudo apt-get install chromium`` (Debian/Ubuntu; the README has other systems), or
point ``COURSE_CHROMIUM`` at another Chromium or Chrome binary.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

INSTALL_HINT = (
    "No Chromium found: install Debian's `chromium` (sudo apt-get install chromium) "
    "or set COURSE_CHROMIUM=/path/to/chromium."
)

# Headless, and quiet on a machine without internet: no sync, no component updates,
# no background requests to Google's hosts (refused offline, many at a time).
CHROMIUM_ARGS = [
    "--headless=new",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


def chromium_path() -> Path | None:
    """The Chromium binary to drive, or None when none is installed."""
    candidates = [os.environ.get("COURSE_CHROMIUM", "")]
    candidates += [
        shutil.which(name) or "" for name in ("chromium", "chromium-browser")
    ]
    for candidate in candidates:
        if candidate and Path(candidate).is_file():
            return Path(candidate)
    return None


def launch(playwright, **options):
    """Start the system Chromium through a Playwright instance (headless)."""
    executable = chromium_path()
    if executable is None:
        raise RuntimeError(INSTALL_HINT)
    args = list(CHROMIUM_ARGS)
    if os.geteuid() == 0:  # Chromium's sandbox cannot run as root
        args.append("--no-sandbox")
    return playwright.chromium.launch(
        executable_path=str(executable), args=args, headless=True, **options
    )
