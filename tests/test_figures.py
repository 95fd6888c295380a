"""save_figure writes stable, deterministic files and nothing half-written."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from planbook.figures import FORMATS, save_figure  # noqa: E402
from planbook.style import use_book_style  # noqa: E402

DATA = pd.DataFrame({"集群": ["工程机械", "新材料"], "目标（亿元）": [3000, 1000]})


def draw():
    use_book_style()
    fig, ax = plt.subplots()
    ax.bar(DATA["集群"], DATA["目标（亿元）"])
    ax.set_ylabel("2025 年目标（亿元）")
    return fig


def test_two_runs_give_byte_identical_files(tmp_path):
    first = save_figure(draw(), "fig-test", data=DATA, outdir=tmp_path / "a")
    plt.close("all")
    second = save_figure(draw(), "fig-test", data=DATA, outdir=tmp_path / "b")
    plt.close("all")
    assert set(first) == set(FORMATS) | {"csv"}
    for ext in first:
        assert first[ext].name == f"fig-test.{ext}"
        assert first[ext].read_bytes() == second[ext].read_bytes(), ext


def test_files_carry_no_dates_or_software_stamps(tmp_path):
    paths = save_figure(draw(), "fig-test", outdir=tmp_path)
    plt.close("all")
    png = paths["png"].read_bytes()
    assert b"Software" not in png and b"matplotlib" not in png.lower()
    svg = paths["svg"].read_text(encoding="utf-8")
    assert "<dc:date>" not in svg and "Matplotlib" not in svg
    pdf = paths["pdf"].read_bytes()
    assert b"/CreationDate" not in pdf and b"/Producer" not in pdf


def test_csv_is_the_plotted_data(tmp_path):
    paths = save_figure(draw(), "fig-test", data=DATA, outdir=tmp_path)
    plt.close("all")
    assert pd.read_csv(paths["csv"]).equals(DATA)


@pytest.mark.parametrize("label", ["Fig-x", "fig_x", "fig-", "figure-1", "fig--x", "fig-中文"])
def test_bad_labels_are_refused(tmp_path, label):
    with pytest.raises(ValueError, match="figure label"):
        save_figure(draw(), label, outdir=tmp_path)
    plt.close("all")
    assert list(tmp_path.iterdir()) == []


def test_a_failed_rendering_writes_nothing(tmp_path):
    with pytest.raises(ValueError, match="unknown figure format"):
        save_figure(draw(), "fig-test", data=DATA, outdir=tmp_path, formats=("png", "bmp"))
    plt.close("all")
    assert not tmp_path.exists() or list(tmp_path.iterdir()) == []
