"""The package keeps the shape the README's "Architecture" section gives it.

Every import in ``generator/`` (at the top, inside functions, under
TYPE_CHECKING) is read from the syntax tree, and each must run one way: a stage
imports only itself and the stages listed before it. Only ``site/plugin.py``
imports mkdocs and only ``cli.py`` imports click.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "generator"

STAGES = (
    "incidents",
    "state",
    "display",
    "catalogue",
    "feeds",
    "bulletins",
    "reporting",
    "site",
    "delivery",
    "authoring",
    "cli",
)
"""The pipeline's stages in order: each may import only itself and the stages before it."""

ONLY_IMPORTER = {"mkdocs": "generator.site.plugin", "click": "generator.cli"}
"""Third-party packages that one module alone may import."""


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported_modules(source: str, module: str, is_package: bool) -> list[tuple[int, str]]:
    """(line, absolute module name) of every import in ``source``, relative ones resolved."""
    package = module if is_package else module.rpartition(".")[0]
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                target = ".".join([*base, node.module] if node.module else base)
            else:
                target = node.module or ""
            # "from . import display" imports the module generator.display.
            names = [f"{target}.{alias.name}" for alias in node.names] if not node.module else [target]
            found += [(node.lineno, name) for name in names]
    return found


def stage_of(module: str) -> str | None:
    parts = module.split(".")
    if parts[0] != "generator" or len(parts) < 2:
        return None
    return parts[1]


def violations(source: str, module: str, is_package: bool = False) -> list[str]:
    """Every import in one module that breaks the rules, as ``module:line: why``."""
    problems = []
    own = stage_of(module)
    for line, target in imported_modules(source, module, is_package):
        top = target.split(".")[0]
        if top in ONLY_IMPORTER and module != ONLY_IMPORTER[top]:
            problems.append(f"{module}:{line}: imports {top}; only {ONLY_IMPORTER[top]} may")
        theirs = stage_of(target)
        if top != "generator" or theirs is None or own is None or theirs == own:
            continue
        if theirs not in STAGES:
            problems.append(f"{module}:{line}: imports {target}, which is in no stage")
        elif own not in STAGES:
            problems.append(f"{module}:{line}: {module} is in no stage")
        elif STAGES.index(theirs) > STAGES.index(own):
            problems.append(f"{module}:{line}: {own} imports {target}, a later stage ({theirs})")
    return problems


def test_imports_run_one_way_and_mkdocs_and_click_stay_in_their_module() -> None:
    problems = []
    modules = sorted(PACKAGE.rglob("*.py"))
    assert len(modules) > 30
    for path in modules:
        module = module_name(path)
        if module != "generator":
            assert stage_of(module) in STAGES, f"{module} is in no stage: add it to a stage's folder"
        problems += violations(path.read_text(encoding="utf-8"), module, path.name == "__init__.py")
    assert problems == []


def test_the_checker_catches_what_it_must() -> None:
    """A rule that cannot fail proves nothing: plant each kind of violation once."""
    later = "from ..site.pages import site_pages\n"
    assert violations(later, "generator.feeds.atom") == [
        "generator.feeds.atom:1: feeds imports generator.site.pages, a later stage (site)"
    ]
    inside = "def f():\n    from generator.cli import main\n"
    assert violations(inside, "generator.incidents.load") == [
        "generator.incidents.load:2: incidents imports generator.cli, a later stage (cli)"
    ]
    assert violations("from .. import display\n", "generator.state.now") == [
        "generator.state.now:1: state imports generator.display, a later stage (display)"
    ]
    assert violations("import mkdocs.plugins\n", "generator.site.pages") == [
        "generator.site.pages:1: imports mkdocs; only generator.site.plugin may"
    ]
    assert violations("import click\n", "generator.authoring.edits") == [
        "generator.authoring.edits:1: imports click; only generator.cli may"
    ]
    assert violations("from ..incidents.model import Site\n", "generator.feeds.atom") == []
    assert violations("from . import sets\n", "generator.bulletins", is_package=True) == []


CLOCK = re.compile(r"\b(?:datetime\.now|datetime\.utcnow|date\.today|time\.time|time\.monotonic)\(")
CLOCK_READERS = {"generator/cli.py", "generator/site/plugin.py"}
"""The clock is read once per command, here; everything else gets "now" handed to it."""


def test_only_the_command_line_and_the_plugin_read_the_clock() -> None:
    readers = {
        path.relative_to(ROOT).as_posix()
        for path in PACKAGE.rglob("*.py")
        if CLOCK.search(path.read_text(encoding="utf-8"))
    }
    assert readers <= CLOCK_READERS
    assert CLOCK.search("moment = datetime.now(UTC)") and not CLOCK.search("datetime.fromisoformat(x)")


def test_the_readme_lists_the_stages_in_this_order() -> None:
    """The README's architecture table is the map newcomers read: it must match the rule the test holds."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Architecture", 1)[1].split("\n## ", 1)[0]
    listed = re.findall(r"^\| `(?:generator/)?([a-z]+)(?:/|\.py)?` \|", section, flags=re.MULTILINE)
    assert tuple(listed) == STAGES
