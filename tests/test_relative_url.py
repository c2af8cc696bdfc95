"""Links between site pages: the fast relative URL gives posixpath.relpath's answer for site paths."""

from __future__ import annotations

import itertools
import posixpath
import random

from catalogue.urls import relative_url


def _reference(target: str, base: str) -> str:
    base_dir = base if base.endswith("/") or not base else posixpath.dirname(base) + "/"
    rel = posixpath.relpath("/" + target if target else "/", "/" + base_dir if base_dir else "/")
    if target.endswith("/") or not target:
        rel = rel.rstrip("/") + "/" if rel != "." else "./"
    return rel


def _paths(rng: random.Random) -> list[str]:
    names = ["a", "b", "ab", "data", "index.html", "x.json"]
    out = [""]
    for _ in range(300):
        depth = rng.randint(1, 4)
        parts = [rng.choice(names[:4]) for _ in range(depth)]
        out.append("/".join(parts) + "/")
        out.append("/".join(parts[:-1] + [rng.choice(names[4:])]))
    return out


def test_matches_relpath_for_site_paths():
    paths = _paths(random.Random(7))
    for target, base in itertools.product(paths[:120], paths[:120]):
        assert relative_url(target, base) == _reference(target, base), (target, base)


def test_examples():
    assert relative_url("peran/", "kab/dinas/sop/") == "../../../peran/"
    assert relative_url("kab/dinas/sop/", "kab/dinas/sop/") == "./"
    assert relative_url("", "kab/") == "../"
    assert relative_url("data/sop.json", "kab/x/") == "../../data/sop.json"
    assert relative_url("kab/a/", "kab/b.html") == "a/"
