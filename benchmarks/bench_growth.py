"""How ingest's cost grows with the corpus: time, peak memory and store size per size.

For each ``--sizes N`` it writes N synthetic articles (benchmarks/synthetic.py) to a
folder and runs ``dyad ingest`` on them in a fresh process into a new SQLite store, so
each figure includes everything a user's run pays. Peak RSS is the child's own maximum
resident set (``ru_maxrss``): streaming ingest keeps it flat as the corpus grows. Prints a
Markdown table, the growth exponent k (time ∝ size^k) between successive sizes, and
writes an SVG plot (``--plot``). Issue 13's sizes are 1,000, 10,000 and 100,000, and
20,000 for the memory ceiling (1.5 GB):

    .venv/bin/python benchmarks/bench_growth.py --sizes 1000 10000 100000 --plot docs/growth.svg
"""
from __future__ import annotations

import argparse
import math
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synthetic import write_articles  # noqa: E402

DYAD = str(Path(sys.executable).with_name("dyad"))


def ingest_run(folder: Path, db: Path) -> tuple[float, float]:
    """Seconds and peak RSS (MB) of one ``dyad ingest`` process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    done = subprocess.run([DYAD, "ingest", str(folder), "--db", str(db)], capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"ingest failed: {done.stderr[-2000:]}")
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss  # KB on Linux; the max over children so far
    return seconds, max(peak, before) / 1024


def store_mb(db: Path) -> float:
    return sum(p.stat().st_size for p in db.parent.glob(db.name + "*") if p.is_file()) / 2**20


def svg_plot(rows: list[tuple[int, float, float, float]], path: Path) -> None:
    """Seconds per size on log-log axes, with the linear line through the first point for reference."""
    w, h, pad = 480, 300, 50
    xs = [math.log10(r[0]) for r in rows]
    ys = [math.log10(r[1]) for r in rows]
    linear = [ys[0] + (x - xs[0]) for x in xs]
    lo_x, hi_x = min(xs), max(xs) + 1e-9
    lo_y, hi_y = min(ys + linear), max(ys + linear) + 1e-9

    def point(x: float, y: float) -> str:
        return f"{pad + (x - lo_x) / (hi_x - lo_x) * (w - 2 * pad):.1f},{h - pad - (y - lo_y) / (hi_y - lo_y) * (h - 2 * pad):.1f}"

    labels = "".join(f'<text x="{point(x, lo_y).split(",")[0]}" y="{h - pad + 18}" font-size="11" '
                     f'text-anchor="middle">{r[0]:,}</text>' for x, r in zip(xs, rows))
    path.write_text(
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" font-family="sans-serif">'
        f'<rect width="{w}" height="{h}" fill="white"/>'
        f'<polyline points="{" ".join(point(x, y) for x, y in zip(xs, linear))}" fill="none" stroke="#bbb" '
        f'stroke-dasharray="4"/>'
        f'<polyline points="{" ".join(point(x, y) for x, y in zip(xs, ys))}" fill="none" stroke="#1f77b4" '
        f'stroke-width="2"/>{labels}'
        f'<text x="{w / 2}" y="{h - 8}" font-size="12" text-anchor="middle">documents (log)</text>'
        f'<text x="12" y="{h / 2}" font-size="12" transform="rotate(-90 12 {h / 2})" text-anchor="middle">'
        f'ingest seconds (log)</text>'
        f'<text x="{pad}" y="20" font-size="12">ingest time (blue) against linear growth (dashed)</text></svg>',
        encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    parser.add_argument("--plot", type=Path, help="write an SVG of time against size here")
    args = parser.parse_args()
    rows = []
    print("| documents | words | ingest (s) | docs/s | peak RSS (MB) | store (MB) | k vs previous |")
    print("|---:|---:|---:|---:|---:|---:|---:|")
    for size in args.sizes:
        with tempfile.TemporaryDirectory() as folder:
            corpus = write_articles(Path(folder) / "corpus", size)
            words = sum(len(p.read_text().split()) for p in corpus.glob("*.txt"))
            db = Path(folder) / "dyad.db"
            seconds, rss = ingest_run(corpus, db)
            rows.append((size, seconds, rss, store_mb(db)))
        k = "" if len(rows) < 2 else f"{math.log(rows[-1][1] / rows[-2][1]) / math.log(rows[-1][0] / rows[-2][0]):.2f}"
        print(f"| {size:,} | {words:,} | {seconds:,.1f} | {size / seconds:,.1f} | {rss:,.0f} | {rows[-1][3]:,.1f} "
              f"| {k} |", flush=True)
    if args.plot and len(rows) > 1:
        svg_plot(rows, args.plot)
        print(f"\nplot: {args.plot}")


if __name__ == "__main__":
    main()
