/* Interactive figures (planbook/sphinx/interactive.py writes their markup).
 *
 * Each figure with an interactive version has three views above its caption:
 * 交互图 (the chart, drawn by Vega through vega-embed from the spec compiled at
 * build time and inlined in the page), 静态图 (the figure's PNG, the figure of record) and 数据表 (its CSV
 * as a table). Without this script the views stay hidden and the static figure
 * shows, as in print.
 *
 * Hovering a mark shows its tooltip (the fields the spec names, in one small table);
 * each chart's Vega view is kept in window.planbookCharts[label] (the browser tests
 * read the drawn marks through it).
 */
(function () {
  "use strict";
  window.planbookCharts = window.planbookCharts || {};
  var tooltip = null;

  function tooltipElement() {
    if (!tooltip) {
      tooltip = document.createElement("div");
      tooltip.id = "pb-chart-tooltip";
      tooltip.setAttribute("role", "tooltip");
      tooltip.hidden = true;
      document.body.appendChild(tooltip);
    }
    return tooltip;
  }

  // Vega calls this with the tooltip value of the hovered mark (an object of
  // title → text for a Vega-Lite tooltip list), or null when the pointer leaves it.
  function showTooltip(handler, event, item, value) {
    var box = tooltipElement();
    if (value === null || value === undefined || value === "") {
      box.hidden = true;
      return;
    }
    var table = document.createElement("table");
    var entries = typeof value === "object" ? Object.keys(value).map(function (k) { return [k, value[k]]; })
                                            : [["", value]];
    entries.forEach(function (entry) {
      var row = table.insertRow();
      var key = row.insertCell();
      key.className = "pb-tooltip-key";
      key.textContent = entry[0];
      var text = row.insertCell();
      text.textContent = entry[1] === null || entry[1] === undefined ? "—" : String(entry[1]);
    });
    box.replaceChildren(table);
    box.hidden = false;
    var x = event.clientX + 14, y = event.clientY + 14;
    var width = box.offsetWidth, height = box.offsetHeight;
    if (x + width > window.innerWidth - 8) { x = Math.max(8, event.clientX - width - 14); }
    if (y + height > window.innerHeight - 8) { y = Math.max(8, event.clientY - height - 14); }
    box.style.left = x + "px";
    box.style.top = y + "px";
  }

  function setUp(views) {
    var label = views.getAttribute("data-figure");
    var figure = views.parentElement;
    var image = figure.querySelector(":scope > img");
    var chart = document.getElementById("pb-interactive-" + label);
    var table = document.getElementById("pb-table-" + label);
    var tabs = Array.prototype.slice.call(views.querySelectorAll("[role=tab]"));

    function select(view) {
      tabs.forEach(function (tab) {
        var on = tab.getAttribute("data-view") === view;
        tab.setAttribute("aria-selected", on ? "true" : "false");
        tab.tabIndex = on ? 0 : -1;
      });
      chart.hidden = view !== "interactive";
      table.hidden = view !== "table";
      if (image) { image.hidden = view !== "static"; }
      tooltipElement().hidden = true;
    }

    tabs.forEach(function (tab, i) {
      tab.addEventListener("click", function () { select(tab.getAttribute("data-view")); });
      tab.addEventListener("keydown", function (event) {  // arrow keys move between tabs
        var step = event.key === "ArrowRight" ? 1 : event.key === "ArrowLeft" ? -1 : 0;
        if (!step) { return; }
        var next = tabs[(i + step + tabs.length) % tabs.length];
        next.focus();
        select(next.getAttribute("data-view"));
      });
    });

    views.hidden = false;
    select("interactive");
    // a column too narrow for the chart (a phone): the variant with panels one under
    // another, legends in shorter rows and row labels cut shorter
    var spec = document.getElementById("pb-spec-" + label);
    var narrow = document.getElementById("pb-spec-narrow-" + label);
    if (narrow && chart.clientWidth < Number(narrow.getAttribute("data-below"))) { spec = narrow; }
    window.vegaEmbed(chart, JSON.parse(spec.textContent), {
      mode: "vega", renderer: "svg", actions: false, tooltip: showTooltip
    }).then(function (result) {
      window.planbookCharts[label] = result.view;
      chart.setAttribute("data-ready", "true");
    }).catch(function (error) {
      console.error("interactive figure " + label + ": " + error);
      select("static");
    });
  }

  function start() {
    if (typeof window.vegaEmbed !== "function") {
      console.error("interactive figures: the chart library (_static/vega-bundle.js) did not load");
      return;
    }
    document.querySelectorAll(".pb-figure-views").forEach(setUp);
    window.addEventListener("scroll", function () { if (tooltip) { tooltip.hidden = true; } },
                            { passive: true });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
