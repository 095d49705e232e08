"""Install the dependencies listed in pyproject.toml into the running interpreter.

The project itself is not installed: it runs from its folder (manage.py, pytest's pythonpath), so
one virtual environment can serve several checkouts of it.
"""

import subprocess
import sys
import tomllib
from pathlib import Path

project = tomllib.loads((Path(__file__).resolve().parent.parent / "pyproject.toml").read_text())["project"]
requirements = list(project["dependencies"])
if "--dev" in sys.argv:
    requirements += project["optional-dependencies"]["dev"]
subprocess.check_call([sys.executable, "-m", "pip", "install", "--quiet", *requirements])  # noqa: S603
