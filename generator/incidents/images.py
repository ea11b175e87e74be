"""The logo and favicon ``status.yml`` names: files in the repository that every page loads.

Each must be inside the repository (no ``..``, no absolute path, no link out
of it), of a type browsers show as an image, small (it loads with every page,
on phones during an outage), and, if it is an SVG, free of anything that runs
or loads from elsewhere: someone may open it on its own, where scripts in an
SVG would run on the status site's address.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path, PurePosixPath

from lxml import etree

from . import model as m
from .problems import describe

KINDS = {
    "logo": ({".svg", ".png"}, 30 * 1024, "an SVG or PNG"),
    "favicon": ({".svg", ".png", ".ico"}, 16 * 1024, "an SVG, PNG or ICO"),
}
"""Allowed suffixes, the largest size, and how to say it, per setting."""

_MAGIC = {".png": b"\x89PNG\r\n\x1a\n", ".ico": b"\x00\x00\x01\x00"}
_SVG = "{http://www.w3.org/2000/svg}svg"
_FORBIDDEN_ELEMENTS = {"script", "foreignObject", "iframe", "embed", "object", "handler", "listener"}


def check_images(config: m.Config, root: Path, checker) -> m.Config:
    """``config`` with each image setting kept if its file is good; a located problem for each that is not."""
    changes = {}
    for setting, (suffixes, limit, kinds) in KINDS.items():
        value = getattr(config, setting)
        if not value:
            continue
        fault = _fault(root, value, suffixes, limit, f"{kinds} file inside this repository, like assets/{setting}")
        if fault is not None:
            checker.fail((setting,), *fault)
            changes[setting] = ""
        else:
            changes[setting] = PurePosixPath(value).as_posix()
    return replace(config, **changes)


def _fault(root: Path, value: str, suffixes: set[str], limit: int, where: str) -> tuple[str, str] | None:
    """(expected, found) if the file named by ``value`` will not do, else ``None``."""
    where += sorted(suffixes)[-1]
    pure = PurePosixPath(value)
    if pure.is_absolute() or ".." in pure.parts or "\\" in value or not pure.parts:
        return where, describe(value)
    path = root / pure
    try:
        inside = path.resolve().is_relative_to(root.resolve())
    except OSError:
        inside = False
    if not inside:
        return where, f"{describe(value)}, which leads out of the repository"
    if not path.is_file():
        return where, f"{describe(value)}: no such file"
    if pure.suffix.lower() not in suffixes:
        return where, describe(value)
    data = path.read_bytes()
    if len(data) > limit:
        return f"a file of at most {limit // 1024} KB (every page loads it)", f"{len(data) // 1024} KB"
    suffix = pure.suffix.lower()
    if suffix in _MAGIC and not data.startswith(_MAGIC[suffix]):
        return f"a real {suffix[1:].upper()} file", f"{describe(value)}, which is not one"
    if suffix == ".svg":
        return _svg_fault(data)
    return None


def _svg_fault(data: bytes) -> tuple[str, str] | None:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    try:
        document = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        return "an SVG file (well-formed XML)", str(exc)
    if document.tag != _SVG:
        return "an SVG file (an <svg> element in the SVG namespace)", f"<{etree.QName(document).localname}>"
    safe = "an SVG that runs nothing and loads nothing from elsewhere"
    for element in document.iter():
        if not isinstance(element.tag, str):
            continue
        name = etree.QName(element).localname
        if name in _FORBIDDEN_ELEMENTS:
            return safe, f"a <{name}> element"
        for attribute, raw in element.attrib.items():
            local = etree.QName(attribute).localname
            value = raw.strip().lower()
            if local.lower().startswith("on"):
                return safe, f"an event attribute {local}= on <{name}>"
            if local == "href" and not value.startswith("#"):
                return safe, f"a link to {describe(raw)} on <{name}>"
            if "url(" in value and "url(#" not in value.replace(" ", ""):
                return safe, f"a url() to outside the file on <{name}>"
        if name == "style" and element.text and ("@import" in element.text or "url(" in element.text):
            return safe, "a <style> that loads something"
    return None
