"""The one build step pyproject.toml cannot declare: compiling the translation catalogs.

Every ``nq05/**/translations/<lang>/LC_MESSAGES/*.po`` is compiled to its ``.mo`` when the package
is built (into the wheel) or installed in editable mode (``pip install -e .``, which ``python3
dev.py setup`` runs: beside the ``.po``, in the source tree, where .gitignore keeps them out of
git). The app never compiles them itself. Metadata and dependencies are in pyproject.toml.
"""

from __future__ import annotations

import glob
import os

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from setuptools import Command, setup
from setuptools.command.build import build


class build_catalogs(Command):  # setuptools names its commands in lower case
    """Compile the .po catalogs into .mo files."""

    description = "compile the translation catalogs (.po) into .mo files"
    user_options: list = []
    editable_mode = False

    def initialize_options(self) -> None:
        self.build_lib = None

    def finalize_options(self) -> None:
        self.set_undefined_options("build_py", ("build_lib", "build_lib"))

    def _catalogs(self) -> list[str]:
        return sorted(glob.glob("nq05/**/translations/*/LC_MESSAGES/*.po", recursive=True))

    def _target(self, po: str) -> str:
        mo = po[: -len(".po")] + ".mo"
        return mo if self.editable_mode else os.path.join(self.build_lib, mo)

    def get_source_files(self) -> list[str]:
        return self._catalogs()

    def get_outputs(self) -> list[str]:
        return [os.path.join(self.build_lib, po[: -len(".po")] + ".mo") for po in self._catalogs()]

    def get_output_mapping(self) -> dict[str, str]:
        return {}

    def run(self) -> None:
        for po in self._catalogs():
            target = self._target(po)
            os.makedirs(os.path.dirname(target), exist_ok=True)
            with open(po, "rb") as source:
                catalog = read_po(source)
            with open(target, "wb") as compiled:
                write_mo(compiled, catalog)


class build_with_catalogs(build):
    sub_commands = [*build.sub_commands, ("build_catalogs", None)]


setup(cmdclass={"build": build_with_catalogs, "build_catalogs": build_catalogs})
