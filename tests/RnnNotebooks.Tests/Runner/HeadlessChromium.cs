using System.Diagnostics;
using System.Text.RegularExpressions;

namespace RnnNotebooks.Tests.Runner;

/// <summary>What a page looked like in a browser after its scripts ran.</summary>
/// <param name="Charts">Elements with class <c>rnn-chart</c>.</param>
/// <param name="RenderedCharts">Those holding an svg element (plotly.js drew them).</param>
/// <param name="TypesetMaths">Elements with class <c>katex</c>.</param>
/// <param name="RawDisplayMaths">Whether the page's visible text still shows <c>$$</c>.</param>
/// <param name="Errors">Script errors caught while the page loaded.</param>
/// <param name="FittedCharts">Charts drawn at the width of their output's column (within 4 px).</param>
/// <param name="Overflows">Whether the page is wider than the window (something sticks out sideways).</param>
/// <param name="SheetMusic">Elements with class <c>rnn-sheet-music</c>.</param>
/// <param name="Staves">Those holding an svg with abcjs's staff lines in it (abcjs drew them).</param>
public sealed record RenderedPage(int Charts, int RenderedCharts, int TypesetMaths, bool RawDisplayMaths, string Errors, int FittedCharts, bool Overflows,
    int SheetMusic, int Staves);

/// <summary>
/// Opens a page in Debian's headless Chromium with networking disabled (a dead proxy, no background
/// traffic, an empty profile) and reads what rendered. Skips when Chromium is absent, fails under CI=true.
/// </summary>
static partial class HeadlessChromium
{
    /// <summary>Appended to a copy of the page: counts what rendered once everything has loaded.</summary>
    const string Probe = """
        <script>
        window.__rnnErrors = [];
        window.addEventListener("error", function (e) { window.__rnnErrors.push(e.message); });
        window.addEventListener("load", function () {
          setTimeout(function () {
            var charts = document.querySelectorAll(".rnn-chart");
            var rendered = Array.prototype.filter.call(charts, function (c) { return c.querySelector("svg") !== null; });
            var fitted = Array.prototype.filter.call(charts, function (c) {
              var svg = c.querySelector("svg.main-svg"), column = c.closest(".rnn-output");
              return svg && column && Math.abs(svg.getBoundingClientRect().width - column.clientWidth) <= 4;
            });
            var sheets = document.querySelectorAll(".rnn-sheet-music");
            var staves = Array.prototype.filter.call(sheets, function (m) { return m.querySelector("svg .abcjs-staff") !== null; });
            var probe = document.createElement("pre");
            probe.id = "rnn-probe";
            probe.textContent = "sheets=" + sheets.length + ";staves=" + staves.length + ";charts=" + charts.length + ";rendered=" + rendered.length +
              ";katex=" + document.querySelectorAll(".katex").length +
              ";raw=" + (document.body.innerText.indexOf("$$") >= 0) + ";fitted=" + fitted.length +
              ";overflow=" + (document.documentElement.scrollWidth > window.innerWidth) + ";errors=" + window.__rnnErrors.join(" | ") + ";end";
            document.body.appendChild(probe);
          }, 500);
        });
        </script>
        """;

    /// <summary>The Chromium executable, or a skip (a failure when CI=true) naming what to install.</summary>
    public static string Require()
    {
        string? chromium = new[] { "chromium", "chromium-browser", "google-chrome" }
            .Select(Find).FirstOrDefault(p => p is not null);
        bool ci = string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
        if (chromium is null && ci) Assert.Fail("CI=true but Chromium is not installed: apt-get install -y chromium (the .ci/run script does).");
        Skip.If(chromium is null, "Chromium is not installed (apt-get install -y chromium); the page rendering test needs it.");
        return chromium!;
    }

    /// <summary>Loads <paramref name="page"/> offline and reports what rendered.</summary>
    public static RenderedPage Render(string chromium, string page)
    {
        string folder = FixtureNotebook.TemporaryFolder("chromium");
        string probed = Path.Combine(folder, "page.html");
        string html = File.ReadAllText(page);
        int end = html.LastIndexOf("</body>", StringComparison.OrdinalIgnoreCase);
        File.WriteAllText(probed, end < 0 ? html + Probe : html.Insert(end, Probe));

        string profile = Path.Combine(folder, "profile");
        Directory.CreateDirectory(profile);
        var info = new ProcessStartInfo(chromium) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[]
                 {
                     "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                     "--disable-component-update", "--disable-sync", $"--user-data-dir={profile}",
                     "--proxy-server=127.0.0.1:9", "--proxy-bypass-list=<-loopback>", "--virtual-time-budget=15000",
                     "--dump-dom", new Uri(probed).AbsoluteUri,
                 })
            info.ArgumentList.Add(a);
        using var process = Process.Start(info)!;
        var dom = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(90)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail("Chromium did not finish rendering the page within 90 s.");
        }
        FixtureNotebook.Delete(folder);
        var match = ProbeResult().Match(dom.Result);
        Assert.True(match.Success, $"The page's probe never ran (scripts failed?). Chromium said: {errors.Result}");
        return new RenderedPage(int.Parse(match.Groups["charts"].Value), int.Parse(match.Groups["rendered"].Value),
            int.Parse(match.Groups["katex"].Value), match.Groups["raw"].Value == "true", match.Groups["errors"].Value,
            int.Parse(match.Groups["fitted"].Value), match.Groups["overflow"].Value == "true",
            int.Parse(match.Groups["sheets"].Value), int.Parse(match.Groups["staves"].Value));
    }

    static string? Find(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
        .Select(dir => Path.Combine(dir, program)).FirstOrDefault(File.Exists);

    [GeneratedRegex("sheets=(?<sheets>\\d+);staves=(?<staves>\\d+);charts=(?<charts>\\d+);rendered=(?<rendered>\\d+);katex=(?<katex>\\d+);raw=(?<raw>true|false);fitted=(?<fitted>\\d+);overflow=(?<overflow>true|false);errors=(?<errors>.*?);end", RegexOptions.Singleline)]
    private static partial Regex ProbeResult();
}
