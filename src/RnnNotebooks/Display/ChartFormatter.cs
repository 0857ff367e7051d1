using System.Globalization;
using System.Runtime.CompilerServices;
using Newtonsoft.Json;
using Plotly.NET;

namespace RnnNotebooks.Display;

/// <summary>
/// Turns a Plotly.NET chart into the HTML a notebook shows:
/// <c>&lt;div class="rnn-chart" id="…"&gt;</c> and a script that calls <c>Plotly.newPlot</c>, with
/// plotly.js embedded once per session (see <see cref="PlotlyJs"/>) and no CDN address. The script
/// waits briefly for <c>Plotly</c> in case plotly.js arrives later in the page than the chart.
/// </summary>
public static class ChartFormatter
{
    /// <summary>The MIME type charts are shown as.</summary>
    public const string MimeType = "text/html";

    // Plotly.NET's own serializer settings, plus HTML escaping so that a label such as "</script>"
    // inside the data cannot end the script element early.
    static readonly JsonSerializerSettings Json = new()
    {
        ReferenceLoopHandling = Globals.JSON_CONFIG.ReferenceLoopHandling,
        NullValueHandling = Globals.JSON_CONFIG.NullValueHandling,
        StringEscapeHandling = StringEscapeHandling.EscapeHtml,
    };

    // Plotly.NET puts its default template (hundreds of colour and font settings) into every layout,
    // and serialising it through DynamicObj's reflection costs far more than the chart's own data
    // (a live training view redraws twice a second). Charts share the template object: serialise it once.
    static readonly ConditionalWeakTable<object, string> TemplateJson = new();

    static string LayoutJson(Layout layout)
    {
        object? template = layout.TryGetPropertyValue("template")?.Value;
        if (template is null) return JsonConvert.SerializeObject(layout, Json);
        var rest = new Layout();
        foreach (var property in layout.GetProperties(false))
            if (property.Key != "template") rest.SetProperty(property.Key, property.Value);
        string restJson = JsonConvert.SerializeObject(rest, Json);
        string templateJson = TemplateJson.GetValue(template, t => JsonConvert.SerializeObject(t, Json));
        return restJson == "{}" ? $"{{\"template\":{templateJson}}}" : $"{{\"template\":{templateJson},{restJson[1..]}";
    }

    /// <summary>
    /// The chart's HTML. Carries plotly.js too if this is the session's first chart and
    /// <see cref="PlotlyJs.EmbedOncePerSession"/> is on.
    /// </summary>
    public static string ToHtml(GenericChart chart) => PlotlyJs.TakeScriptElementForThisOutput() + ToHtmlWithoutPlotlyJs(chart);

    /// <summary>The chart's HTML without plotly.js: for pages that load plotly.js themselves.</summary>
    public static string ToHtmlWithoutPlotlyJs(GenericChart chart)
    {
        ArgumentNullException.ThrowIfNull(chart);
        string id = "rnn-chart-" + Guid.NewGuid().ToString("N");
        string data = JsonConvert.SerializeObject(GenericChart.getTraces(chart), Json);
        string layout = LayoutJson(GenericChart.getLayout(chart));
        string config = JsonConvert.SerializeObject(GenericChart.getConfig(chart), Json);
        var (width, height) = GenericChart.tryGetLayoutSize(chart).ToValueTuple();
        string style = string.Create(CultureInfo.InvariantCulture,
            $"width: {width?.Value ?? 600}px; height: {height?.Value ?? 400}px; max-width: 100%;");
        return $$"""
            <div class="rnn-chart" id="{{id}}" style="{{style}}"></div>
            <script type="text/javascript">
            (function () {
              var draw = function (attempt) {
                if (typeof Plotly === 'undefined') {
                  if (attempt < 200) setTimeout(function () { draw(attempt + 1); }, 50);
                  return;
                }
                var data = {{data}};
                var layout = {{layout}};
                var config = {{config}};
                Plotly.newPlot('{{id}}', data, layout, config);
              };
              draw(0);
            })();
            </script>
            """;
    }
}
