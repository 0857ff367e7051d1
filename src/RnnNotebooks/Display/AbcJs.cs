using RnnNotebooks.Display.Pages;

namespace RnnNotebooks.Display;

/// <summary>
/// abcjs, the browser library that draws a tune's ABC text as sheet music (an SVG staff), embedded in this
/// library (see Display/Pages/Abcjs/README.md) rather than loaded from a CDN, so staves render with no network.
/// Like <see cref="PlotlyJs"/> it is emitted at most once per kernel session: the first tune's output carries it
/// in a <c>&lt;script data-abcjs="6.7.2"&gt;</c> element, and later tunes reuse the <c>ABCJS</c> object it defines.
/// </summary>
public static class AbcJs
{
    static readonly SessionScript Script = new(() => PageAssets.AbcjsScriptElement);

    /// <summary>The abcjs version the library carries.</summary>
    public static string Version => PageAssets.AbcjsVersion;

    /// <summary>Whether tune outputs embed abcjs (once per session); off when the page already loads it.</summary>
    public static bool EmbedOncePerSession { get => Script.EmbedOncePerSession; set => Script.EmbedOncePerSession = value; }

    /// <summary>Whether abcjs has already been emitted in this session.</summary>
    public static bool EmittedInThisSession => Script.EmittedInThisSession;

    /// <summary>The whole abcjs script element.</summary>
    public static string ScriptElement => Script.ScriptElement;

    /// <summary>The script element if this output is the first of the session to need it, otherwise "".</summary>
    public static string TakeScriptElementForThisOutput() => Script.TakeScriptElementForThisOutput();

    /// <summary>Forgets that abcjs was emitted, so the next tune carries it again (a new session, or a test).</summary>
    public static void ResetSession() => Script.ResetSession();
}
