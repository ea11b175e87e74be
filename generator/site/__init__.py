"""The status site: page bodies, badges, the MkDocs plugin (the only importer of mkdocs), the site writer."""
