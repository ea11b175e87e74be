"""Compiled templates kept between runs (``generator/site/compiled.py``).

A kept template must be used (no compiling again), and only where compiling
again would give the same code: the same text, settings and filters (Jinja folds
a filter of constant text when it compiles). A folder that cannot be written, or
a kept file that is damaged, costs a compile, never the build.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from jinja2 import DictLoader, Environment

from generator.cli import main
from generator.site import compiled, pages
from generator.site.cache import CACHE_DIR
from generator.site.compiled import kept_templates

TEMPLATE = "{% for x in items %}{{ x }} {% endfor %}{{ 'Done' | shout }}"


def environment(folder: Path, kind: str = "test", shout=str.upper, **settings) -> Environment:
    env = Environment(loader=DictLoader({"t.html": settings.pop("source", TEMPLATE)}), **settings)
    env.filters["shout"] = shout
    env.bytecode_cache = kept_templates(env, kind, folder)
    return env


def refuse_to_compile(env: Environment) -> None:
    def compile(*args, **kwargs):
        raise AssertionError("compiled again")

    env.compile = compile  # type: ignore[method-assign]


def test_a_template_compiled_once_is_not_compiled_again(tmp_path: Path) -> None:
    first = environment(tmp_path)
    assert first.get_template("t.html").render(items=[1, 2]) == "1 2 DONE"
    assert list(tmp_path.rglob("*.jinja")), "nothing was kept"
    second = environment(tmp_path)
    refuse_to_compile(second)
    assert second.get_template("t.html").render(items=[3]) == "3 DONE"


def test_a_changed_template_is_compiled_again(tmp_path: Path) -> None:
    environment(tmp_path).get_template("t.html").render(items=[])
    changed = environment(tmp_path, source="Now {{ items | length }}")
    assert changed.get_template("t.html").render(items=[1, 2]) == "Now 2"


def test_other_filters_or_settings_do_not_share_what_was_compiled(tmp_path: Path) -> None:
    # 'Done' | shout is constant: Jinja writes its value into the compiled code.
    assert environment(tmp_path).get_template("t.html").render(items=[]) == "DONE"
    quiet = environment(tmp_path, shout=lambda text: text.lower())
    assert quiet.get_template("t.html").render(items=[]) == "done"
    spaced = environment(tmp_path, source="{% if true %}\nyes\n{% endif %}", trim_blocks=True)
    assert spaced.get_template("t.html").render() == "yes\n"
    assert environment(tmp_path, source="{% if true %}\nyes\n{% endif %}").get_template("t.html").render() == (
        "\nyes\n"
    )


def test_a_folder_that_cannot_be_written_is_no_cache(tmp_path: Path) -> None:
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder", encoding="utf-8")
    env = environment(blocked / "templates")
    assert env.get_template("t.html").render(items=[1]) == "1 DONE"
    assert blocked.read_text(encoding="utf-8") == "not a folder"


@pytest.mark.parametrize("damage", [b"", b"garbage", None])
def test_a_damaged_kept_template_is_compiled_again(tmp_path: Path, damage: bytes | None) -> None:
    environment(tmp_path).get_template("t.html").render(items=[])
    [kept] = tmp_path.rglob("*.jinja")
    data = kept.read_bytes()
    # None: the right header, then the rest cut short (what a full disk would leave)
    kept.write_bytes(data[:40] if damage is None else damage)
    assert environment(tmp_path).get_template("t.html").render(items=[5]) == "5 DONE"


def test_another_versions_folders_are_removed_and_other_kinds_kept(tmp_path: Path) -> None:
    (tmp_path / "test-0123456789abcdef0123").mkdir()
    (tmp_path / "test-0123456789abcdef0123" / "x.jinja").write_bytes(b"old")
    (tmp_path / "theme-0123456789abcdef0123").mkdir()
    environment(tmp_path).get_template("t.html").render(items=[])
    assert not (tmp_path / "test-0123456789abcdef0123").exists()
    assert (tmp_path / "theme-0123456789abcdef0123").is_dir()
    assert len(list(tmp_path.glob("test-*"))) == 1


def test_the_kept_templates_live_beside_the_tools_bytecode_not_in_the_repository() -> None:
    assert compiled.KEPT_DIR.parent.name == "__pycache__"
    assert compiled.KEPT_DIR.is_relative_to(Path(compiled.__file__).resolve().parent)


def built(project: Path, site: Path) -> dict[str, bytes]:
    """The site of ``project`` with every page rendered (none from the build cache), file by file."""
    shutil.rmtree(project / CACHE_DIR, ignore_errors=True)
    result = CliRunner().invoke(main, ["build", "--root", str(project), "--now", "2026-05-12 09:00",
                                       "--site-dir", str(site)])  # fmt: skip
    assert result.exit_code == 0, result.output
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}


def test_a_site_built_with_kept_templates_is_the_same_bytes(monkeypatch, tmp_path: Path, project: Path) -> None:
    monkeypatch.setattr(compiled, "KEPT_DIR", tmp_path / "kept")
    monkeypatch.setattr(pages, "_ENVS", {})  # the pages' environments of earlier tests keep their own folder
    cold = built(project, tmp_path / "cold")
    assert {p.name.split("-")[0] for p in (tmp_path / "kept").iterdir()} == {"pages", "theme"}
    # Now every page and theme template comes from the kept folder: none is compiled (the bulletin
    # templates, which have no kept folder, still are).
    compile = Environment.compile

    def kept_only(env, *args, **kwargs):
        assert env.bytecode_cache is None, f"compiled again: {args[1:2]}"
        return compile(env, *args, **kwargs)

    monkeypatch.setattr(Environment, "compile", kept_only)
    monkeypatch.setattr(pages, "_ENVS", {})  # new environments, as in a new process: nothing compiled in memory
    assert built(project, tmp_path / "warm") == cold


def test_a_folder_that_cannot_be_searched_is_no_cache(monkeypatch, tmp_path: Path) -> None:
    """Asking whether the kept folder is there may be refused (a __pycache__ another user made): no cache then."""
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder", encoding="utf-8")
    is_dir = Path.is_dir

    def refusing(path: Path) -> bool:
        if path.is_relative_to(blocked):
            raise PermissionError(13, "Permission denied", str(path))
        return is_dir(path)

    monkeypatch.setattr(Path, "is_dir", refusing)
    assert environment(blocked / "templates").get_template("t.html").render(items=[2]) == "2 DONE"
