using System.Text.Json;

namespace RnnNotebooks.Display;

/// <summary>
/// A tune's ABC text drawn as sheet music: <c>&lt;div class="rnn-sheet-music"&gt;</c> and a script that asks
/// abcjs (<see cref="AbcJs"/>, embedded once per session) to draw the staff into it as an SVG. Where abcjs is
/// missing (scripts blocked, an untrusted notebook) the box says so instead of staying silently empty.
/// </summary>
public static class SheetMusic
{
    /// <summary>The HTML that draws <paramref name="abc"/> (a whole tune, header and body) as a staff.</summary>
    public static string ToHtml(string abc)
    {
        ArgumentNullException.ThrowIfNull(abc);
        string id = "rnn-sheet-" + Guid.NewGuid().ToString("N");
        // JSON escapes <, > and & as \u003C…, so no tune text can close the script element.
        string text = JsonSerializer.Serialize(abc);
        return AbcJs.TakeScriptElementForThisOutput() +
               $"<div class=\"rnn-sheet-music\" id=\"{id}\"></div>" +
               "<script type=\"text/javascript\">(function () {" +
               $"var el = document.getElementById(\"{id}\");" +
               "if (typeof ABCJS === \"undefined\") { el.textContent = \"(The staff needs abcjs, which this page did not load: trust the notebook or run its cells.)\"; return; }" +
               $"ABCJS.renderAbc(el, {text}, {{ responsive: \"resize\", add_classes: true }});" +
               "})();</script>";
    }
}
