using System.Reflection;
using System.Text.RegularExpressions;

namespace RnnNotebooks.Runner.Site;

/// <summary>
/// The scripts and styles every page carries inline so it works with no network: KaTeX 0.19.1
/// (shipped with the runner, fonts turned into data URIs) and plotly.js 2.28.0 (read from
/// Plotly.NET 6.0.0's embedded resources, the copy the course's charts are built against).
/// </summary>
public static partial class PageAssets
{
    /// <summary>The plotly.js version charts are emitted for.</summary>
    public const string PlotlyVersion = "2.28.0";

    static readonly Lazy<string> _katexJs = new(() => ReadResource(typeof(PageAssets).Assembly, "katex/katex.min.js"));
    static readonly Lazy<string> _katexCss = new(() => InlineFonts(ReadResource(typeof(PageAssets).Assembly, "katex/katex.min.css")));
    static readonly Lazy<string> _plotlyJs = new(() =>
        ReadResource(typeof(Plotly.NET.Chart).Assembly, $"Plotly.NET.plotly-{PlotlyVersion}.min.js"));

    /// <summary>katex.min.js.</summary>
    public static string KatexScript => _katexJs.Value;

    /// <summary>katex.min.css with every font inlined as a woff2 data URI.</summary>
    public static string KatexStyle => _katexCss.Value;

    /// <summary>plotly.min.js 2.28.0.</summary>
    public static string PlotlyScript => _plotlyJs.Value;

    static string InlineFonts(string css) => FontSource().Replace(css, m =>
    {
        string font = m.Groups["font"].Value;
        using var stream = typeof(PageAssets).Assembly.GetManifestResourceStream($"katex/fonts/{font}.woff2")
                           ?? throw new InvalidOperationException($"The runner is missing its KaTeX font {font}.woff2.");
        using var bytes = new MemoryStream();
        stream.CopyTo(bytes);
        return $"src:url(data:font/woff2;base64,{Convert.ToBase64String(bytes.ToArray())}) format(\"woff2\")";
    });

    static string ReadResource(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)
                           ?? throw new InvalidOperationException($"Resource '{name}' is missing from {assembly.GetName().Name}.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>One @font-face source list: woff2, woff and ttf files in fonts/.</summary>
    [GeneratedRegex("""src:url\(fonts/(?<font>[A-Za-z0-9_-]+)\.woff2\) format\("woff2"\)[^;}]*""")]
    private static partial Regex FontSource();
}
