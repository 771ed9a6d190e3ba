"""Automatic pre-screening (初筛) for a cleanup campaign: it proposes candidates with a reason, never decides.

Reasons (``FlagKind``):
- the document cites a law that is repealed, or that has a newer version than the one in force when
  the document was issued: 《…》 citations are extracted and matched against the law catalog that
  ships with the project (``fazhi/normdocs/data/law_catalog.csv``, derived from the national law
  database's catalog; ``fazhi normdocs_catalog <csv>`` updates it);
- the issuing agency was abolished or renamed in an institutional reform (the ``AgencyReform`` table);
- the validity period has passed; the document was never published (37号: 不得作为行政管理依据);
- near-duplicate text: 64-bit simhash over character 3-shingles, Hamming distance ≤ 6, candidates
  found by banding (7 bands: pigeonhole), no pairwise scan.
"""
from __future__ import annotations

import csv
import sys
from array import array
import datetime
import functools
import hashlib
import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

CATALOG_PATH = Path(__file__).resolve().parent / "data" / "law_catalog.csv"
CATALOG_COLUMNS = ["name", "level", "publish", "expired"]
CITATION_RE = re.compile(r"《([^《》]{2,80})》")
PREFIX_RE = re.compile(r"^(中华人民共和国|中国人民共和国)")
# "（2018年修正）", "(2021年修订)", "（2019年10月22日）" after the name are edition notes, not part of it.
EDITION_RE = re.compile(r"[（(]\s*\d{4}\s*年[^）)]*[）)]$")
SIMHASH_BITS = 64
DUPLICATE_DISTANCE = 6  # of 64 bits; a one-word edit of a short document moves 3–5 bits


@dataclass(frozen=True)
class LawVersion:
    name: str
    level: str
    published: datetime.date | None
    expired: bool


def catalog_path() -> Path:
    return Path(getattr(settings, "NORMDOCS_LAW_CATALOG", "") or CATALOG_PATH)


def normalize_name(name: str) -> str:
    n = re.sub(r"\s+", "", name or "")
    n = n.replace("〈", "《").replace("〉", "》")
    n = EDITION_RE.sub("", n)
    return PREFIX_RE.sub("", n)


def _date(s: str) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat((s or "").strip()[:10])
    except ValueError:
        return None


@functools.lru_cache(maxsize=4)
def _load(path: str, mtime: float) -> dict[str, list[LawVersion]]:
    out: dict[str, list[LawVersion]] = defaultdict(list)
    with open(path, encoding="utf-8-sig", newline="") as fh:
        for row in csv.DictReader(fh):
            name = normalize_name(row.get("name", ""))
            if name:
                out[name].append(LawVersion(name, row.get("level", ""), _date(row.get("publish", "")),
                                            str(row.get("expired", "0")).strip() in ("1", "true", "True")))
    for versions in out.values():
        versions.sort(key=lambda v: v.published or datetime.date.min)
    return dict(out)


def load_catalog() -> dict[str, list[LawVersion]]:
    p = catalog_path()
    return _load(str(p), p.stat().st_mtime)


def compact_catalog(source: Path, target: Path | None = None) -> int:
    """Write the compact catalog (name, level, publish, expired) from a full catalog CSV (the national law
    database's ``catalog.csv`` with at least name, publish, expired). Returns the number of rows.
    Raises ValueError with a Chinese message on a malformed file; the target is replaced only on success."""
    target = target or catalog_path()
    with open(source, encoding="utf-8-sig", newline="") as fh:
        reader = csv.DictReader(fh)
        missing = {"name", "publish", "expired"} - set(reader.fieldnames or [])
        if missing:
            raise ValueError(f"法律目录缺少列：{'、'.join(sorted(missing))}（需要 name、publish、expired）。")
        rows = set()
        for i, r in enumerate(reader, start=2):
            name = (r.get("name") or "").strip()
            if not name or r.get("level") in ("案例", "其他"):
                continue
            if r.get("publish") and not _date(r["publish"]):
                raise ValueError(f"第{i}行 publish 列不是日期：{r['publish']}")
            if str(r.get("expired", "")).strip() not in ("0", "1"):
                raise ValueError(f"第{i}行 expired 列应为 0 或 1：{r.get('expired')}")
            rows.add((name, r.get("level", ""), (r.get("publish") or "").strip(), r["expired"].strip()))
    if not rows:
        raise ValueError("法律目录为空。")
    tmp = Path(str(target) + ".tmp")
    with open(tmp, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(CATALOG_COLUMNS)
        w.writerows(sorted(rows))
    tmp.replace(target)
    _load.cache_clear()
    return len(rows)


def extract_citations(text: str) -> list[str]:
    """The distinct 《…》 titles in ``text``, in order of first appearance (nested 〈〉 kept inside)."""
    seen, out = set(), []
    for m in CITATION_RE.finditer(text or ""):
        t = m.group(1).strip()
        if t and t not in seen:
            seen.add(t)
            out.append(t)
    return out


@dataclass
class CitationFinding:
    citation: str
    kind: str          # FlagKind value
    detail: str


def check_citation(citation: str, issued_on: datetime.date | None, as_of: datetime.date,
                   catalog: dict[str, list[LawVersion]] | None = None) -> CitationFinding | None:
    catalog = catalog if catalog is not None else load_catalog()
    name = normalize_name(citation)
    versions = [v for v in catalog.get(name, []) if not v.published or v.published <= as_of]
    if not versions:
        return None
    # A version marked expired in the catalog was still in force on ``as_of`` if its successor came later
    # (the catalog has no repeal dates: a law with no later version counts as repealed, whatever ``as_of``).
    later = catalog.get(name, [])[len(versions):]
    if later and later[0].published and later[0].published > as_of:
        versions = versions[:-1] + [LawVersion(versions[-1].name, versions[-1].level, versions[-1].published, False)]
    if all(v.expired for v in versions):
        base = re.sub(r"[（(](试行|暂行)[）)]$", "", name)
        successor = ""
        if base != name and any(not v.expired for v in catalog.get(base, [])):
            successor = f"，已由《{base}》取代"
        last = max((v.published for v in versions if v.published), default=None)
        return CitationFinding(citation, "cites_repealed",
                               f"引用的《{citation}》已废止或失效{successor}（法律目录：最后版本 "
                               f"{last:%Y-%m-%d}）。" if last else f"引用的《{citation}》已废止或失效{successor}。")
    if issued_on:
        newer = [v for v in versions if v.published and v.published > issued_on]
        if newer:
            return CitationFinding(citation, "cites_old_version",
                                   f"引用的《{citation}》在文件印发（{issued_on:%Y-%m-%d}）后于 "
                                   f"{newer[-1].published:%Y-%m-%d} 修订或重新公布，需核对是否与新版本一致。")
    return None


def check_citations(text: str, issued_on, as_of, catalog=None) -> list[CitationFinding]:
    catalog = catalog if catalog is not None else load_catalog()
    return [f for c in extract_citations(text) if (f := check_citation(c, issued_on, as_of, catalog))]


# -- near duplicates ----------------------------------------------------------------------------------

LANE = 16  # bits per counter lane: up to 65,535 shingles per text


@functools.lru_cache(maxsize=200_000)
def _shingle_lanes(shingle: str) -> int:
    """The shingle's 64-bit hash spread into 64 counter lanes of 16 bits (bit b → lane b)."""
    h = int.from_bytes(hashlib.blake2b(shingle.encode(), digest_size=8).digest(), "big")
    v = 0
    for b in range(SIMHASH_BITS):
        if (h >> b) & 1:
            v |= 1 << (LANE * b)
    return v


def simhash(text: str) -> int:
    """64-bit simhash of character 3-shingles of the text without whitespace and punctuation (signed, for a
    BigIntegerField). Each shingle's hash is spread into 64 counter lanes of one big integer (cached per
    shingle), so the per-bit vote over all shingles is a plain ``sum`` — fast in pure Python."""
    s = re.sub(r"[\W_]+", "", text or "")
    n = len(s) - 2
    if n < 1:
        return 0
    acc = sum(_shingle_lanes(s[i:i + 3]) for i in range(min(n, (1 << LANE) - 1)))
    half = min(n, (1 << LANE) - 1) // 2
    counts = array("H", acc.to_bytes(SIMHASH_BITS * LANE // 8, "little"))
    if sys.byteorder != "little":
        counts.byteswap()
    v = sum(1 << b for b, c in enumerate(counts) if c > half)
    return v - (1 << 64) if v >= 1 << 63 else v


def hamming(a: int, b: int) -> int:
    return bin((a ^ b) & ((1 << 64) - 1)).count("1")


def near_duplicates(items: list[tuple[int, int]], max_distance: int = DUPLICATE_DISTANCE) -> list[tuple[int, int, int]]:
    """Pairs (id_a, id_b, distance) among (id, simhash) items within ``max_distance`` bits."""
    # Pigeonhole: split the 64 bits into max_distance + 1 bands; two hashes within max_distance bits agree on
    # at least one whole band, so only hashes sharing a band are compared.
    n_bands = max_distance + 1
    edges = [round(i * SIMHASH_BITS / n_bands) for i in range(n_bands + 1)]
    bands: dict[tuple[int, int], list[tuple[int, int]]] = defaultdict(list)
    for ident, h in items:
        if not h:
            continue
        u = h & ((1 << 64) - 1)
        for band in range(n_bands):
            lo, hi = edges[band], edges[band + 1]
            bands[(band, (u >> lo) & ((1 << (hi - lo)) - 1))].append((ident, h))
    pairs = {}
    for bucket in bands.values():
        if len(bucket) < 2 or len(bucket) > 200:  # a huge bucket is a shared boilerplate, not a duplicate
            continue
        for i in range(len(bucket)):
            for j in range(i + 1, len(bucket)):
                (a, ha), (b, hb) = bucket[i], bucket[j]
                key = (min(a, b), max(a, b))
                if key not in pairs:
                    d = hamming(ha, hb)
                    if d <= max_distance:
                        pairs[key] = d
    return [(a, b, d) for (a, b), d in sorted(pairs.items())]
