"""Benchmark: explorer responsiveness after a slider change (issue 6 target: under 100 ms per recompute).

For every province and category of a season: the time of `WeightModel.rank` with a changed weight
(the recompute) and of the widget refresh (recompute + table + chart redraw), median and worst case.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from paritrana_nb import registry
from paritrana_nb.explorer import WeightModel
from paritrana_nb.explorer_ui import ExplorerApp
from paritrana_nb.methodology import load_methodology
from paritrana_nb.season import read_season
from paritrana_nb.synthetic import generate_season

ROOT = Path(__file__).resolve().parents[1]


def measure(data_dir: Path, label: str, repeat: int = 5) -> None:
    season = read_season(2025, data_dir)
    methodology = load_methodology(ROOT / "params" / "2025" / "metodologi.yaml")
    timings: list[tuple[float, str, str, int]] = []
    one_per_zone = list({zone: code for code, zone in registry.zones(season).items()}.values())
    for kategori in methodology.categories():
        category = methodology.kategori[kategori]
        provinces = (
            season.provinces["kode_wilayah"].tolist()
            if category.provincial
            else one_per_zone
            if category.kelompok == "zona"
            else [None]
        )
        for province in provinces:
            model = WeightModel(season, methodology, kategori, province)
            first = model.category.indicators[0].id
            weights = {**model.official_weights, first: model.official_weights[first] * 1.5}
            runs = []
            for _ in range(repeat):
                started = time.perf_counter()
                model.rank(weights, 0.6)
                runs.append(time.perf_counter() - started)
            timings.append((statistics.median(runs), kategori, str(model.group), len(model.peserta)))
    values = [t for t, *_ in timings]
    worst = max(timings)
    print(
        f"{label}: recompute after a slider change over {len(timings)} province-categories: median "
        f"{1000 * statistics.median(values):.1f} ms, worst {1000 * worst[0]:.1f} ms "
        f"({worst[1]} {worst[2]}, {worst[3]} participants); target < 100 ms"
    )


def refresh(data_dir: Path, repeat: int = 5) -> None:
    app = ExplorerApp(data_dir, ROOT / "params", 2025)
    slider = next(iter(app.sliders.values()))
    runs = []
    for i in range(repeat):
        started = time.perf_counter()
        slider.value = slider.value + (1 if i % 2 == 0 else -1)  # triggers recompute + redraw
        runs.append(time.perf_counter() - started)
    print(
        f"widget refresh (recompute + table + chart), pemda of the first province: median "
        f"{1000 * statistics.median(runs):.1f} ms"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--skip-national", action="store_true")
    args = parser.parse_args()
    measure(ROOT / "data", "bundled Kalimantan season")
    refresh(ROOT / "data")
    if not args.skip_national:
        with tempfile.TemporaryDirectory() as tmp:
            generate_season(Path(tmp) / "2025", scale="national", seed=2025)
            measure(Path(tmp), "generated national season", repeat=3)


if __name__ == "__main__":
    main()
