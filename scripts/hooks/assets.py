"""Stylesheets in one minified file, scripts minified (issue 16): a thin hook around
coi_course.site.assets. ``extra_css`` in mkdocs.yml lists the sources; pages link the bundle."""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError

from coi_course.site import assets

# The sources as mkdocs.yml lists them: mkdocs-static-i18n runs on_config again for every language
# on the same config object, where extra_css already names the bundle.
_state: dict = {"sources": []}


def on_config(config):
    listed = list(config.extra_css)
    if listed and all(
        str(s).startswith(f"{assets.BUNDLE_DIR}/{assets.BUNDLE_STEM}.") for s in listed
    ):
        return config  # this config was already handled (another language)
    docs_dir = Path(config.docs_dir)
    try:
        name = assets.bundle_name(docs_dir, [str(s) for s in listed])
    except assets.AssetError as exc:
        raise PluginError(str(exc)) from None
    _state["sources"] = [str(s) for s in listed]
    config.extra_css = [name]
    return config


def on_post_build(config):
    site_dir = Path(config.site_dir)
    assets.minify_in_place(site_dir)
    if _state["sources"]:
        assets.write_bundle(site_dir, Path(config.docs_dir), _state["sources"])
