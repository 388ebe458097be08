"""What `nox -s campaign` and the 'campaign' extra install covers what the declarations need."""

from __future__ import annotations

import ast
import re
import tomllib

from conformance.campaign import declared_implementations
from conformance.spec.catalog import load_catalog
from tests.conftest import REPOSITORY

DECLARED = declared_implementations(load_catalog(REPOSITORY))


def packages(via: str) -> set[str]:
    return {name for item in DECLARED if item.declaration.model.install.via == via
            for name in item.declaration.model.install.packages}


def test_the_campaign_extra_holds_every_pip_package() -> None:
    project = tomllib.loads((REPOSITORY / "pyproject.toml").read_text("utf-8"))["project"]
    extra = {re.split(r"[<>=!~ \[]", requirement, maxsplit=1)[0].lower()
             for requirement in project["optional-dependencies"]["campaign"]}
    assert packages("pip") <= extra


def test_nox_installs_every_apt_package() -> None:
    tree = ast.parse((REPOSITORY / "noxfile.py").read_text("utf-8"))
    listed = next(ast.literal_eval(node.value) for node in tree.body if isinstance(node, ast.Assign)
                  and any(isinstance(target, ast.Name) and target.id == "CAMPAIGN_APT_PACKAGES"
                          for target in node.targets))
    assert set(listed) == packages("apt")


def test_the_npm_installer_installs_every_npm_package() -> None:
    from campaign_adapters.npm import PACKAGES

    assert set(PACKAGES) == packages("npm")


def test_the_readme_test_command_installs_the_extra() -> None:
    readme = (REPOSITORY / "README.md").read_text("utf-8")
    ci = (REPOSITORY / ".ci" / "run").read_text("utf-8")
    assert "pip install -e '.[test,campaign]'" in readme and "pip install -e '.[test,campaign]'" in ci
