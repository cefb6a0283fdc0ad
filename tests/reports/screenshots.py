"""Save pages of the demo's reports to docs/screenshots/report-*.png (`make screenshots`).

Renders the evaluated demo portfolio into a temporary database, then turns chosen PDF
pages into PNGs with pdftoppm (Debian package poppler-utils).
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import tempfile
from pathlib import Path

from PIL import Image

from portfolio.models import Actor
from portfolio.reports.documents import agenda_pdf, minutes_pdf, portfolio_pdf
from portfolio.storage import Database
from tests.reports.conftest import OVERRIDE_MEETING, WELFARE, pdf_pages, seed_evaluated_demo

ROOT = Path(__file__).resolve().parents[2]
DPI = "110"


def page_png(pdf: Path, page: int, target: Path) -> Path:
    subprocess.run(
        ["pdftoppm", "-r", DPI, "-png", "-f", str(page), "-l", str(page), "-singlefile",
         str(pdf), str(target.with_suffix(""))],
        check=True,
    )
    return target


def capture(out: Path) -> list[Path]:
    if shutil.which("pdftoppm") is None:
        raise SystemExit("pdftoppm is missing: apt-get install -y poppler-utils")
    out.mkdir(parents=True, exist_ok=True)
    operator = Actor.operator()
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        db = seed_evaluated_demo(Database(work / "portfolio.duckdb"))
        pdfs = {
            "agenda-da": agenda_pdf(db, operator, WELFARE, "da", organisation="Demo Kommune"),
            "agenda-en": agenda_pdf(db, operator, WELFARE, "en", organisation="Demo Kommune"),
            "minutes": minutes_pdf(db, operator, WELFARE, OVERRIDE_MEETING, "en",
                                   organisation="Demo Kommune"),
            "portfolio": portfolio_pdf(db, operator, "da", organisation="Demo Kommune"),
        }
        for name, data in pdfs.items():
            (work / f"{name}.pdf").write_bytes(data)
        closing = 1 + next(i for i, text in enumerate(pdf_pages(pdfs["agenda-da"]))
                           if text.startswith("SB-01 ·"))
        trend = 1 + next(i for i, text in enumerate(pdf_pages(pdfs["portfolio"]))
                         if "Udviklingen kvartal for kvartal" in text)
        saved = [
            page_png(work / "agenda-da.pdf", closing, out / "report-agenda.png"),
            page_png(work / "agenda-en.pdf", 1, out / "report-agenda-summary.png"),
            page_png(work / "portfolio.pdf", 1, out / "report-portfolio.png"),
            page_png(work / "minutes.pdf", 1, out / "report-minutes.png"),
        ]
        trend_page = page_png(work / "portfolio.pdf", trend, work / "trend.png")
        saved.append(crop_to_trend(trend_page, out / "report-trend.png"))
    return saved


def crop_to_trend(page: Path, target: Path) -> Path:
    """The trend section sits in the lower half of its page."""
    with Image.open(page) as image:
        width, height = image.size
        image.crop((0, int(height * 0.465), width, int(height * 0.93))).save(target)
    return target


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    args = parser.parse_args()
    for path in capture(args.out):
        print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)


if __name__ == "__main__":
    main()
