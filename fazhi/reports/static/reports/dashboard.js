/* Dashboards of 年度报告与指标: charts drawn by ECharts (served from /static/vendor, no CDN).
   Data comes from <script type="application/json" id="dash-data"> (json_script); no inline code.
   Every point and bar navigates to the records behind it. */
(function () {
  "use strict";
  var el = document.getElementById("dash-data");
  if (!el || typeof echarts === "undefined") { return; }
  var data = JSON.parse(el.textContent);
  var months = [];
  for (var i = 1; i <= 12; i++) { months.push(i + "月"); }
  var charts = [];

  function make(name) {
    var node = document.querySelector('[data-chart="' + name + '"]');
    if (!node) { return null; }
    var chart = echarts.init(node, null, { renderer: "canvas" });
    charts.push(chart);
    return chart;
  }

  function go(url) { if (url) { window.location.href = url; } }

  if (data.kind === "overview") {
    var chart = make("overview-trend");
    if (chart) {
      chart.setOption({
        animation: false,
        tooltip: { trigger: "axis", renderMode: "richText" },
        legend: { type: "scroll", top: 0 },
        grid: { left: 50, right: 20, top: 40, bottom: 30 },
        xAxis: { type: "category", data: months },
        yAxis: { type: "value", name: "条" },
        series: data.trend.map(function (m) {
          return { name: m.name, type: "line", smooth: true, data: m.monthly, url: m.url };
        })
      });
      chart.on("click", function (p) { go(data.trend[p.seriesIndex].url); });
    }
    var bars = make("overview-orgs");
    if (bars) {
      var list = (data.orgs || []).slice().reverse();
      bars.setOption({
        animation: false,
        tooltip: { trigger: "axis", renderMode: "richText", axisPointer: { type: "shadow" } },
        grid: { left: 160, right: 30, top: 20, bottom: 30 },
        xAxis: { type: "value", name: "条" },
        yAxis: { type: "category", data: list.map(function (o) { return o.name; }) },
        series: [{ type: "bar", data: list.map(function (o) { return o.value; }), itemStyle: { color: "#1f5fa8" } }]
      });
      bars.on("click", function (p) { go(list[p.dataIndex] && list[p.dataIndex].url); });
    }
  }

  if (data.kind === "module") {
    var trend = make("module-trend");
    var orgs = make("module-orgs");
    var select = document.getElementById("dash-indicator");
    var current = 0;
    function draw(idx) {
      current = idx;
      var it = data.items[idx];
      if (!it) { return; }
      if (trend) {
        trend.setOption({
          animation: false,
          title: { text: it.name + "（按月）", textStyle: { fontSize: 14 } },
          tooltip: { trigger: "axis", renderMode: "richText" },
          grid: { left: 50, right: 20, top: 40, bottom: 30 },
          xAxis: { type: "category", data: months },
          yAxis: { type: "value", name: it.unit },
          series: [{ name: it.name, type: "bar", data: it.monthly, itemStyle: { color: "#b3261e" } }]
        }, true);
      }
      if (orgs) {
        var list = (it.orgs || []).slice().reverse();
        orgs.setOption({
          animation: false,
          title: { text: it.name + "（各单位）", textStyle: { fontSize: 14 } },
          tooltip: { trigger: "axis", renderMode: "richText", axisPointer: { type: "shadow" } },
          grid: { left: 140, right: 30, top: 40, bottom: 30 },
          xAxis: { type: "value", name: it.unit },
          yAxis: { type: "category", data: list.map(function (o) { return o.name; }) },
          series: [{ name: it.name, type: "bar", data: list.map(function (o) { return o.value; }),
                     itemStyle: { color: "#1f5fa8" } }]
        }, true);
      }
    }
    if (trend) {
      trend.on("click", function (p) { go(data.items[current].month_urls[p.dataIndex]); });
    }
    if (orgs) {
      orgs.on("click", function (p) {
        var list = (data.items[current].orgs || []).slice().reverse();
        go(list[p.dataIndex] && list[p.dataIndex].url);
      });
    }
    if (select) { select.addEventListener("change", function () { draw(parseInt(select.value, 10) || 0); }); }
    draw(0);
  }

  window.addEventListener("resize", function () { charts.forEach(function (c) { c.resize(); }); });
})();
