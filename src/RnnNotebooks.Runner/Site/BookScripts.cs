namespace RnnNotebooks.Runner.Site;

/// <summary>The book's own script: the offline search (a lesson's scripts are Display.Pages.LessonPage's).</summary>
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
}
