using Plotly.NET;

namespace RnnNotebooks.Display;

/// <summary>
/// plotly.js, the browser library that draws every chart, taken from inside Plotly.NET (version 2.28)
/// rather than from a CDN, so charts render with no network. It is emitted at most once per kernel
/// session: the first chart's output carries it in a <c>&lt;script data-plotlyjs="2.28.0"&gt;</c>
/// element and later charts reuse the <c>Plotly</c> object it defines.
/// </summary>
public static class PlotlyJs
{
    const string ResourceName = "Plotly.NET.plotly-" + Globals.PLOTLYJS_VERSION + ".min.js";

    static readonly SessionScript Script = new(() => $"<script type=\"text/javascript\" data-plotlyjs=\"{Version}\">{ReadEmbeddedSource()}</script>");

    /// <summary>The plotly.js version Plotly.NET carries, e.g. "2.28.0".</summary>
    public static string Version => Globals.PLOTLYJS_VERSION;

    /// <summary>
    /// Whether chart outputs embed plotly.js (once per session). On by default, which is what the course
    /// needs to work offline in Jupyter; turn it off when the page that shows the outputs already loads
    /// plotly.js itself.
    /// </summary>
    public static bool EmbedOncePerSession { get => Script.EmbedOncePerSession; set => Script.EmbedOncePerSession = value; }

    /// <summary>Whether plotly.js has already been emitted in this session.</summary>
    public static bool EmittedInThisSession => Script.EmittedInThisSession;

    /// <summary>The whole plotly.js script element, <c>&lt;script type="text/javascript" data-plotlyjs="2.28.0"&gt;…&lt;/script&gt;</c>.</summary>
    public static string ScriptElement => Script.ScriptElement;

    /// <summary>
    /// The script element if this output is the first of the session to need it (and embedding is on),
    /// otherwise the empty string. Marks it as emitted.
    /// </summary>
    public static string TakeScriptElementForThisOutput() => Script.TakeScriptElementForThisOutput();

    /// <summary>Forgets that plotly.js was emitted, so the next chart carries it again (a new session, or a test).</summary>
    public static void ResetSession() => Script.ResetSession();

    static string ReadEmbeddedSource()
    {
        using var stream = typeof(GenericChart).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException(
                $"Plotly.NET {typeof(GenericChart).Assembly.GetName().Version} does not carry '{ResourceName}'. " +
                "RnnNotebooks needs Plotly.NET 6.0.0, whose plotly.js 2.28 it embeds in chart outputs.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
