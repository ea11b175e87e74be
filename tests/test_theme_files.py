"""The theme's templates listed without hidden folders: MkDocs copies the same theme files into the site."""

from __future__ import annotations

import os
from pathlib import Path

from jinja2 import Environment, FileSystemLoader

from generator.site.theme_files import ThemeLoader

NOW = "2026-11-22 10:30"


def test_the_listing_leaves_out_hidden_files_and_folders_and_keeps_the_rest(tmp_path: Path) -> None:
    for name in ("a.css", "sub/z.js", "sub/deeper/b.png", ".hidden/x.css", "sub/.y.css", "sub/.dot/c.svg", ".top"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(name, encoding="utf-8")
    plain = FileSystemLoader([str(tmp_path)])
    lighter = ThemeLoader.like(plain)
    assert ".hidden/x.css" in plain.list_templates()  # what the plain listing walks
    assert lighter.list_templates() == ["a.css", "sub/deeper/b.png", "sub/z.js"]
    # A hidden template is still found by its name: the theme includes its icons so.
    assert Environment(loader=lighter).get_template(".hidden/x.css").render() == ".hidden/x.css"


def test_mkdocs_copies_the_same_theme_files_as_with_its_own_listing(project: Path) -> None:
    from mkdocs.config import load_config
    from mkdocs.structure.files import Files

    config = load_config(str(project / "site_template/mkdocs.yml"))
    plain_env = config.theme.get_env()
    os.environ["OUTAGE_NOW"] = NOW
    try:
        config.plugins["outage"].on_config(config)
        config.plugins["outage"].on_config(config)  # as `outage serve` may: the listing is replaced once
    finally:
        del os.environ["OUTAGE_NOW"]
    env = config.theme.get_env()
    assert type(env.loader) is ThemeLoader
    hidden = [name for name in plain_env.list_templates() if name.startswith(".icons/")]
    assert len(hidden) > 10_000  # mkdocs-material's icons: what the listing no longer walks
    copied = {}
    for made in (plain_env, env):
        files = Files([])
        files.add_files_from_theme(made, config)
        copied[made] = sorted((f.src_uri, f.abs_src_path, f.dest_uri) for f in files)
    assert copied[env] == copied[plain_env]
    assert any(src.startswith("assets/stylesheets/") for src, _, _ in copied[env])
