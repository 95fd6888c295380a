"""The findings of the page on the two cities and their plans: the profile's ratios,
the length of the two plans' bodies, and the clusters' place in the provincial and
national systems."""

from __future__ import annotations

from dataclasses import dataclass

from planbook.analysis.lexicon import source_texts
from planbook.analysis.profile import ROWS, city_profile, ratio_of
from planbook.base.phrasing import join_zh, years_zh
from planbook.data.load import DataPackage
from planbook.findings.record import Quantity, Record, data

PROFILE_YEARS = (2020, 2022, 2024)   # the census year, and the latest years with both cities' figures


@dataclass(frozen=True)
class CitiesFindings(Record):
    profile_years: str
    population_ratio_2022: Quantity
    gdp_ratio_2022: Quantity
    per_head_ratio_2022: Quantity
    per_head_ratio_2020: Quantity
    sz_secondary_2022: Quantity
    sz_tertiary_2022: Quantity
    xz_profile_gaps: str         # the rows with no Xuzhou figure in any year
    xz_characters: int
    sz_characters: int
    plan_clusters: int
    clusters_with_status: int
    status_clusters: str
    sz_status: str
    cells: dict = data()
    plan_cluster_table: object = data()


def cities_findings(book: DataPackage, *, xz_plan: str, sz_plan: str) -> CitiesFindings:
    cells = city_profile(book.outcomes, book.sources, PROFILE_YEARS)
    ratio = lambda key, year: Quantity(ratio_of(cells, key, year), "倍", 1, derived=True)  # noqa: E731
    share = lambda key: Quantity(cells[(key, 2022, "suzhou")].value, "%", 1, derived=True,  # noqa: E731
                                 grade=cells[(key, 2022, "suzhou")].grade)
    found = {key for (key, _, city), cell in cells.items() if city == "xuzhou" and cell.found}
    gaps = [label for key, label, _ in ROWS if key not in found]
    texts = source_texts(book.sources, [xz_plan, sz_plan], book.documents)
    clusters = book.clusters[book.clusters["source_id"] == xz_plan].sort_values("order")
    status = book.cluster_status
    with_status = status[status["cluster_id"].isin(clusters["cluster_id"])]
    sz_status = status[status["city"] == "suzhou"]
    return CitiesFindings(
        profile_years=years_zh(PROFILE_YEARS),
        population_ratio_2022=ratio("population", 2022), gdp_ratio_2022=ratio("gdp", 2022),
        per_head_ratio_2022=ratio("gdp_per_head", 2022), per_head_ratio_2020=ratio("gdp_per_head", 2020),
        sz_secondary_2022=share("secondary_share"), sz_tertiary_2022=share("tertiary_share"),
        xz_profile_gaps=join_zh(gaps), xz_characters=len(texts[xz_plan]),
        sz_characters=len(texts[sz_plan]), plan_clusters=len(clusters),
        clusters_with_status=int(with_status["cluster_id"].nunique()),
        status_clusters=join_zh(clusters[clusters["cluster_id"].isin(with_status["cluster_id"])]["cluster_zh"]),
        sz_status="；".join(f"计划中的“{r.industry_zh}”在{int(r.year)}年有了对应的{r.status_zh}"
                           for r in sz_status.itertuples()),
        cells=cells, plan_cluster_table=clusters)
