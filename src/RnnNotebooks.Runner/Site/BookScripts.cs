namespace RnnNotebooks.Runner.Site;

/// <summary>The scripts of the book's pages: the offline search, and charts fitted to the page.</summary>
public static class BookScripts
{
    /// <summary>
    /// The search box: every word typed must occur in a section (case-insensitive); up to 20 sections are
    /// listed with a snippet. <c>?q=words</c> in the page's address runs a search on load.
    /// </summary>
    public const string Search = """
        document.addEventListener("DOMContentLoaded", function () {
          var input = document.getElementById("rnn-search");
          var results = document.getElementById("rnn-search-results");
          if (!input || !results) return;
          var index = window.RNN_SEARCH_INDEX || [];
          function escape(s) { return s.replace(/[&<>"]/g, function (c) { return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" }[c]; }); }
          function run() {
            var words = input.value.toLowerCase().split(/\s+/).filter(function (w) { return w.length > 0; });
            results.innerHTML = "";
            if (words.length === 0 || input.value.trim().length < 2) { results.hidden = true; return; }
            var found = index.filter(function (e) {
              var text = (e.section + " " + e.text).toLowerCase();
              return words.every(function (w) { return text.indexOf(w) >= 0; });
            }).slice(0, 20);
            results.hidden = false;
            if (found.length === 0) { results.innerHTML = "<li class=\"rnn-search-none\">No section mentions that.</li>"; return; }
            results.innerHTML = found.map(function (e) {
              var at = e.text.toLowerCase().indexOf(words[0]);
              var snippet = at < 0 ? e.text.slice(0, 140) : (at > 60 ? "…" : "") + e.text.slice(Math.max(0, at - 60), at + 100) + "…";
              var href = e.page + (e.anchor ? "#" + e.anchor : "");
              return "<li><a class=\"rnn-search-hit\" href=\"" + escape(href) + "\"><strong>" + escape(e.pageTitle) + "</strong> · " +
                escape(e.section) + "</a><br><span>" + escape(snippet) + "</span></li>";
            }).join("");
          }
          input.addEventListener("input", run);
          var q = new URLSearchParams(window.location.search).get("q");
          if (q) { input.value = q; run(); }
        });
        """;

    /// <summary>
    /// Draws every chart at the width of the page's column (charts are built for a fixed size), with a height
    /// kept between 300 px and two thirds of the width, redrawn when the window is resized. On a narrow page
    /// the legend moves above the plot so it does not squeeze it.
    /// </summary>
    public const string FitCharts = """
        (function () {
          if (typeof Plotly === "undefined") return;
          function fit(id, layout) {
            var el = typeof id === "string" ? document.getElementById(id) : id;
            if (!el || !el.classList || !el.classList.contains("rnn-chart")) return layout;
            var column = el.closest(".rnn-output") || el.parentElement;
            var width = Math.max(280, Math.floor(column.clientWidth) - 2);
            var height = Math.round(Math.min(Math.max(layout && layout.height ? layout.height : 420, 300), width * 2 / 3));
            el.style.width = "100%"; el.style.maxWidth = "100%"; el.style.height = height + "px";
            var fitted = Object.assign({}, layout, { width: width, height: height, autosize: false });
            // plotly.js's default top margin (100 px) leaves the toolbar floating far above an untitled plot.
            if (!layout || !layout.margin) fitted.margin = { l: 60, r: 20, t: layout && layout.title ? 50 : 30, b: 50 };
            if (width < 640) fitted.legend = Object.assign({}, layout && layout.legend, { orientation: "h", x: 0, xanchor: "left", y: 1.02, yanchor: "bottom" });
            return fitted;
          }
          ["newPlot", "react"].forEach(function (name) {
            var draw = Plotly[name];
            Plotly[name] = function (id, data, layout, config) {
              return draw.call(Plotly, id, data, fit(id, layout || {}), config);
            };
          });
          var pending;
          window.addEventListener("resize", function () {
            clearTimeout(pending);
            pending = setTimeout(function () {
              document.querySelectorAll(".rnn-chart").forEach(function (el) {
                if (!el.layout) return;
                var size = fit(el, el.layout);
                Plotly.relayout(el, { width: size.width, height: size.height });
              });
            }, 150);
          });
        })();
        """;
}
