using System.Reflection;
using System.Text.RegularExpressions;

// Compiled into the library and, as shared source, into the runner (which must not reference the library:
// its notebook processes load the library's package): one renderer for the site and the apps' pages.
#if RNNNOTEBOOKS_RUNNER
namespace RnnNotebooks.Runner.Lesson;
#else
namespace RnnNotebooks.Display.Pages;
#endif

/// <summary>
/// The scripts and styles a lesson page carries inline so it works with no network: KaTeX 0.19.1 (embedded
/// in this library, fonts turned into data URIs; see Katex/README.md), plotly.js (the copy Plotly.NET
/// carries, the one the course's charts are built against) and abcjs 6.7.2 (embedded; see Abcjs/README.md),
/// which draws tunes as sheet music.
/// </summary>
public static partial class PageAssets
{
    /// <summary>The plotly.js version charts are emitted for.</summary>
    public const string PlotlyVersion = "2.28.0";

    /// <summary>The abcjs version sheet music is drawn with.</summary>
    public const string AbcjsVersion = "6.7.2";

    static readonly Lazy<string> _katexJs = new(() => ReadResource("katex/katex.min.js"));
    static readonly Lazy<string> _katexCss = new(() => InlineFonts(ReadResource("katex/katex.min.css")));
    static readonly Lazy<string> _abcjs = new(() => ReadResource("abcjs/abcjs-basic-min.js"));
    static readonly Lazy<string> _plotlyJs = new(() => ReadResource(typeof(Plotly.NET.GenericChart).Assembly, $"Plotly.NET.plotly-{PlotlyVersion}.min.js"));

    /// <summary>katex.min.js.</summary>
    public static string KatexScript => _katexJs.Value;

    /// <summary>katex.min.css with every font inlined as a woff2 data URI.</summary>
    public static string KatexStyle => _katexCss.Value;

    /// <summary>The plotly.js script element (<c>data-plotlyjs</c> marks it), read from Plotly.NET's resources.</summary>
    public static string PlotlyScriptElement => $"<script type=\"text/javascript\" data-plotlyjs=\"{PlotlyVersion}\">\n{_plotlyJs.Value}\n</script>";

    /// <summary>The abcjs script element (<c>data-abcjs</c> marks it), read from this library's resources.</summary>
    public static string AbcjsScriptElement => $"<script type=\"text/javascript\" data-abcjs=\"{AbcjsVersion}\">\n{_abcjs.Value}\n</script>";

    static Assembly Library => typeof(PageAssets).Assembly;

    static string InlineFonts(string css) => FontSource().Replace(css, m =>
    {
        string font = m.Groups["font"].Value;
        using var stream = Library.GetManifestResourceStream($"katex/fonts/{font}.woff2")
                           ?? throw new InvalidOperationException($"The library is missing its KaTeX font {font}.woff2.");
        using var bytes = new MemoryStream();
        stream.CopyTo(bytes);
        return $"src:url(data:font/woff2;base64,{Convert.ToBase64String(bytes.ToArray())}) format(\"woff2\")";
    });

    static string ReadResource(string name) => ReadResource(Library, name);

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
