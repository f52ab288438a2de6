// Draw the dashboard's charts from the numbers the page also shows as tables.
document.addEventListener("DOMContentLoaded", function () {
  if (typeof Chart === "undefined") return;
  var data = JSON.parse(document.getElementById("chart-data").textContent);
  var colours = ["#1f5fa8", "#c0392b", "#27ae60", "#d68910", "#7d3c98", "#5d6d7e", "#16a085", "#a04000"];
  function draw(id, chart, options) {
    var canvas = document.getElementById(id);
    if (!canvas || !chart.labels.length) return;
    new Chart(canvas, {
      type: "bar",
      data: {
        labels: chart.labels,
        datasets: chart.series.map(function (s, i) {
          return { label: s.label, data: s.data, backgroundColor: colours[i % colours.length] };
        }),
      },
      options: Object.assign({ responsive: true, animation: false }, options || {}),
    });
  }
  draw("chart-conferences", data.conferences);
  draw("chart-topics", data.topics, { scales: { x: { stacked: true }, y: { stacked: true } } });
  draw("chart-units", data.units, { indexAxis: "y", scales: { x: { min: 0, max: 100 } } });
});
