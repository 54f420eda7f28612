"""The drawn sections the workers share: by build and data version, never by mistake."""

from __future__ import annotations

import os
import time

from dash import html

from dashboard.shared_drawings import STALE_SECONDS, SharedDrawings, code_hash

SUPPORT = __import__("sys").modules["leefloon_test_support"]


def test_a_drawing_comes_back_as_the_component_tree_dash_sends(tmp_path):
    shared = SharedDrawings(tmp_path, "build1")
    key = ("v1", "all", 5, "mun-section", "trend", "44021", ("nl", "quarter", "2024-Q2"))
    tree = html.Section(html.P("56,3 %"), id="mun-trend")
    assert shared.get("v1", key) is None
    shared.put("v1", key, tree)
    back = shared.get("v1", key)
    assert back == {"type": "Section", "namespace": "dash_html_components",
                    "props": {"children": {"type": "P", "namespace": "dash_html_components",
                                           "props": {"children": "56,3 %"}},
                              "id": "mun-trend"}}
    # another data version, another build or another scope never sees it
    assert shared.get("v2", key) is None
    assert SharedDrawings(tmp_path, "build2").get("v1", key) is None
    assert shared.get("v1", ("v1", "44021", *key[2:])) is None


def test_damaged_files_are_drawn_again_and_old_versions_are_removed(tmp_path):
    shared = SharedDrawings(tmp_path, "b")
    shared.put("v1", ("k",), html.P("x"))
    (path,) = (tmp_path / "b-v1").iterdir()
    path.write_text("{not json")
    assert shared.get("v1", ("k",)) is None
    old = tmp_path / "b-v0"
    old.mkdir()
    stale = time.time() - STALE_SECONDS - 5
    os.utime(old, (stale, stale))
    SharedDrawings(tmp_path, "b").put("v1", ("k",), html.P("y"))  # a first write tidies
    assert not old.exists() and shared.get("v1", ("k",))["props"]["children"] == "y"


def test_the_code_hash_follows_the_code(tmp_path):
    (tmp_path / "m.py").write_text("A = 1\n")
    first = code_hash(tmp_path)
    (tmp_path / "m.py").write_text("A = 2\n")
    assert code_hash(tmp_path) != first


def test_workers_share_drawn_sections(server, sample):
    """A section drawn once is on disk, and the page drawn again (by any worker) is the same."""
    s = server.session("analist")
    search = f"?period={sample['period']}"
    first, _ = SUPPORT.render_page(s, server.url, f"/gemeente/{sample['nis']}", search)
    files = list((server.app_dir / "cache").glob("*/*.json"))
    assert len(files) >= 5
    for _ in range(3):
        again, _ = SUPPORT.render_page(s, server.url, f"/gemeente/{sample['nis']}", search)
        assert again == first
