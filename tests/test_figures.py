"""save_figure writes stable, deterministic files and nothing half-written."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from planbook.charts.figures import FORMATS, save_figure  # noqa: E402
from planbook.charts.style import use_book_style  # noqa: E402

DATA = pd.DataFrame({"集群": ["工程机械", "新材料"], "目标（亿元）": [3000, 1000]})


def draw():
    use_book_style()
    fig, ax = plt.subplots()
    ax.bar(DATA["集群"], DATA["目标（亿元）"])
    ax.set_ylabel("2025年目标（亿元）")
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


def test_export_writes_chinese_english_thumbnail_and_data(tmp_path):
    from planbook.charts.figures import export_figure
    from planbook.base.i18n import pick

    def build(lang):
        use_book_style()
        fig, ax = plt.subplots()
        ax.bar(DATA["集群"] if lang == "zh" else ["machinery", "materials"], DATA["目标（亿元）"])
        ax.set_ylabel(pick(lang, "2025年目标（亿元）", "2025 target"))
        return fig

    export_figure("fig-test", build, DATA, unit="亿元", source_ids=["xz-2022-cluster-plan"],
                  outdir=tmp_path, check_dir=tmp_path / "checks")
    plt.close("all")
    names = sorted(p.name for p in tmp_path.iterdir() if p.is_file())
    assert names == sorted(["fig-test.png", "fig-test.svg", "fig-test.pdf", "fig-test.csv",
                            "fig-test.en.png", "fig-test.en.svg", "fig-test.en.pdf",
                            "fig-test.thumb.png"])
    data = pd.read_csv(tmp_path / "fig-test.csv")
    assert list(data["unit"]) == ["亿元"] * 2 and set(data["source_ids"]) == {"xz-2022-cluster-plan"}


def test_export_refuses_chinese_in_the_english_figure(tmp_path):
    from planbook.charts.figures import export_figure

    def build(lang):
        use_book_style()
        fig, ax = plt.subplots()
        ax.bar(DATA["集群"], DATA["目标（亿元）"])  # Chinese tick labels in both languages
        return fig

    with pytest.raises(ValueError, match="English figure still shows Chinese"):
        export_figure("fig-test", build, DATA, unit="亿元", source_ids=["s"], outdir=tmp_path,
                      check_dir=tmp_path)
    plt.close("all")
    assert not tmp_path.exists() or list(tmp_path.iterdir()) == []


def test_export_requires_unit_and_sources(tmp_path):
    from planbook.charts.figures import export_figure
    with pytest.raises(ValueError, match="unit"):
        export_figure("fig-test", lambda lang: draw(), DATA, source_ids=["s"], outdir=tmp_path)
    with pytest.raises(ValueError, match="source"):
        export_figure("fig-test", lambda lang: draw(), DATA, unit="亿元", outdir=tmp_path)
    plt.close("all")


def drawn_texts(fig):
    from planbook.charts.figures import recording_drawn_text, render

    with recording_drawn_text() as drawn:
        render(fig, "png")
    plt.close(fig)
    return drawn


def test_overlapping_labels_are_reported():
    from planbook.charts.figures import collisions

    use_book_style()
    fig, ax = plt.subplots(figsize=(2, 2))
    ax.bar(["集群投资与项目", "其他", "产业规模"], [1, 2, 3])
    ax.annotate("工程机械", (0.5, 0.5), xycoords="axes fraction")
    ax.annotate("新材料", (0.52, 0.5), xycoords="axes fraction")
    found = collisions(drawn_texts(fig))
    assert ("工程机械", "新材料") in found
    assert any({"集群投资与项目", "其他"} == set(pair) for pair in found)  # crowded ticks


def test_a_legible_chart_has_no_collisions_and_undrawn_ticks_do_not_count():
    from planbook.charts.figures import collisions

    use_book_style()
    fig, ax = plt.subplots(figsize=(6, 3))
    ax.barh(["工程机械", "新材料"], [1, 2])
    ax.set_xlim(0, 2.5)  # locator ticks outside the view are created but not drawn
    ax.set_title("目标（亿元）")
    drawn = drawn_texts(fig)
    assert {"工程机械", "新材料", "目标（亿元）"} <= {t for t, _ in drawn}
    assert collisions(drawn) == []


def test_export_records_collisions_per_language(tmp_path):
    import json

    from planbook.charts.figures import export_figure

    def build(lang):
        use_book_style()
        fig, ax = plt.subplots(figsize=(3, 2))
        ax.bar(["a", "b"], [1, 2])
        if lang == "en":  # only the English edition collides
            ax.text(0.5, 0.5, "over", transform=ax.transAxes)
            ax.text(0.51, 0.5, "lapping", transform=ax.transAxes)
        return fig

    export_figure("fig-test", build, DATA, unit="亿元", source_ids=["s"], outdir=tmp_path,
                  check_dir=tmp_path / "checks")
    plt.close("all")
    record = json.loads((tmp_path / "checks" / "fig-test.json").read_text(encoding="utf-8"))
    assert record["zh"]["collisions"] == [] and record["zh"]["texts"] > 0
    assert record["en"]["collisions"] == [["over", "lapping"]]


def test_a_legend_over_the_data_is_found():
    from planbook.charts.figures import legend_covers_data, render

    use_book_style()
    fig, ax = plt.subplots(figsize=(4, 3))
    ax.plot([0, 1, 2, 3], [0, 1, 2, 3], label="线")
    ax.legend(loc="center")              # the line passes through the middle of the axes
    render(fig, "png")
    assert legend_covers_data(fig) == ["线: line"]
    ax.get_legend().remove()
    ax.legend(loc="upper left")           # above the line's start, clear of it
    render(fig, "png")
    assert legend_covers_data(fig) == []
    plt.close(fig)
