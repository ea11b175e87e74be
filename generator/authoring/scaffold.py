"""Create a new status repository, and write the JSON Schemas editors use."""

from __future__ import annotations

import json
import re
import shutil
import tempfile
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import TypeAdapter

from ..incidents.load import load_site
from ..incidents.problems import InvalidSite
from ..incidents.schema import IncidentFile, MaintenanceFile, StatusFile
from ..reporting.schema import RuleFile
from . import TOOL_SOURCE_PLACEHOLDER

PACKAGE_DIR = Path(__file__).parent.parent
"""The ``generator`` package: a wheel carries ``site_template/`` inside it."""
SCAFFOLD_DIR = Path(__file__).parent / "scaffold"


REQUIREMENTS = """\
# Where the publish workflow installs outage-bulletin from (README, "Where the
# tool comes from"): the repository your organisation keeps the tool in, at a
# release tag. Never a bare package name: nobody has published outage-bulletin
# on the package index, so anyone could, and every build would run their code.
# To upgrade, change the tag after reading the release notes.
outage-bulletin @ git+{source}@v{version}
"""


class ScaffoldError(Exception):
    """The repository could not be created; nothing was written."""


def site_template_dir() -> Path:
    """``site_template/``: packaged inside a wheel, beside the package in a checkout."""
    for candidate in (PACKAGE_DIR / "site_template", PACKAGE_DIR.parent / "site_template"):
        if (candidate / "mkdocs.yml").is_file():
            return candidate
    raise ScaffoldError("site_template/ is missing from this installation")


def json_schemas() -> dict[str, dict]:
    """The JSON Schema of each file kind staff write, by file name."""
    incident = TypeAdapter(IncidentFile | MaintenanceFile).json_schema()
    incident["title"] = "Incident or planned maintenance (incidents/YYYY/YYYY-MM-DD-slug.yml)"
    status = _with_reporting_rules(StatusFile.model_json_schema())
    status["title"] = "Status site configuration (status.yml)"
    draft = "https://json-schema.org/draft/2020-12/schema"
    return {
        "incident.schema.json": {"$schema": draft, **incident},
        "status.schema.json": {"$schema": draft, **status},
    }


def _with_reporting_rules(status: dict) -> dict:
    """status.yml's schema, with what its shape leaves to the reporting stage spelled out for editors.

    A regime is its id alone or a mapping with dates; an internal rule has the
    format of a regime's rules (``generator/reporting/schema.py``), which the
    reporting stage checks, so the shape is taken from there.
    """
    rules = RuleFile.model_json_schema(ref_template="#/$defs/{model}")
    definitions = status["$defs"]
    definitions.update(rules.pop("$defs", {}))
    definitions["RuleFile"] = rules
    reporting = definitions["ReportingFile"]["properties"]
    reporting["regimes"]["items"] = {
        "anyOf": [{"type": "string", "pattern": "^[a-z0-9][a-z0-9-]*$"}, {"$ref": "#/$defs/RegimeChoiceFile"}]
    }
    reporting["internal"]["items"] = {"$ref": "#/$defs/RuleFile"}
    # ``reporting: [crtc-2025-225]`` is short for ``reporting: {regimes: [crtc-2025-225]}``.
    shorthand = {"type": "array", "items": reporting["regimes"]["items"]}
    status["properties"]["reporting"]["anyOf"].insert(0, shorthand)
    return status


def write_schemas(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, schema in json_schemas().items():
        path = folder / name
        path.write_text(json.dumps(schema, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        written.append(path)
    return written


def tool_version() -> str:
    """The version of the installed tool: the release tag a new repository pins."""
    try:
        return version("outage-bulletin")
    except PackageNotFoundError:  # running from a checkout that was never installed
        return "0.1.0"


def init(
    directory: Path, *, name: str, site_url: str, timezone: str, tool_source: str = TOOL_SOURCE_PLACEHOLDER
) -> list[Path]:
    """Scaffold a status repository in ``directory`` (new or empty); returns the files written.

    ``tool_source`` is the https address of the git repository the organisation keeps
    the tool in; ``requirements.txt`` pins it at this version's release tag.
    """
    check_directory(directory)
    if not re.fullmatch(r"https://[^\s@#]+", tool_source):
        raise ScaffoldError(
            f"--tool-source: expected the https address of a git repository, like {TOOL_SOURCE_PLACEHOLDER}; "
            f"found {tool_source!r}"
        )
    name, timezone = check_name(name), check_zone(timezone)
    template = site_template_dir()
    staging = Path(
        tempfile.mkdtemp(prefix=f".{directory.name}.", dir=directory.parent if directory.parent.exists() else None)
    )
    try:
        _fill(staging, template, name=name, site_url=site_url, timezone=timezone)
        requirements = REQUIREMENTS.format(source=tool_source.removesuffix("/"), version=tool_version())
        (staging / "requirements.txt").write_text(requirements, encoding="utf-8")
        try:
            load_site(staging)
        except InvalidSite as exc:  # the template itself is wrong: a bug, said plainly
            raise ScaffoldError(f"the new repository does not check cleanly:\n{exc}") from None
        if directory.exists():
            directory.rmdir()
        shutil.move(staging, directory)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return sorted(p.relative_to(directory) for p in directory.rglob("*") if p.is_file())


def check_directory(directory: Path) -> None:
    """A new repository goes into a new or empty folder."""
    if directory.exists() and (not directory.is_dir() or any(directory.iterdir())):
        raise ScaffoldError(f"{directory} is not empty; choose a new folder")


def check_zone(timezone: str) -> str:
    """An IANA time zone, or the error that says so."""
    try:
        ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError):
        raise ScaffoldError(
            f"--timezone: expected an IANA time zone like America/Edmonton; found {timezone!r}"
        ) from None
    return timezone


def check_name(name: str) -> str:
    """An organisation's name: one line, not blank."""
    if not name.strip() or "\n" in name:
        raise ScaffoldError(f"--name: expected your organisation's name on one line; found {name!r}")
    return name.strip()


def _fill(directory: Path, template: Path, *, name: str, site_url: str, timezone: str) -> None:
    status = (SCAFFOLD_DIR / "status.yml").read_text(encoding="utf-8")
    for key, value in (("NAME", name), ("SITE_URL", site_url), ("TIMEZONE", timezone)):
        status = status.replace("{{ " + key + " }}", json.dumps(value, ensure_ascii=False))
    (directory / "status.yml").write_text(status, encoding="utf-8")
    for source in sorted(SCAFFOLD_DIR.rglob("*")):
        relative = source.relative_to(SCAFFOLD_DIR).as_posix()
        if source.is_file() and relative != "status.yml":
            # Packaged files cannot start with a dot; "dot-github" becomes ".github".
            target = directory / (("." + relative[4:]) if relative.startswith("dot-") else relative)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target)
    shutil.copytree(template, directory / "site_template", ignore=shutil.ignore_patterns("__pycache__"))
    write_schemas(directory / "schemas")
