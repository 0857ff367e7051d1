using System.Net;
using System.Text;
using RnnNotebooks.Music;

namespace RnnNotebooks.Display;

/// <summary>
/// Shows a tune the way a musician reads and hears it: its staff (<see cref="SheetMusic"/>), its ABC text and an
/// HTML5 audio player that plays it (the WAV is embedded in the page as a data URI, so it plays offline), plus
/// what was skipped.
/// </summary>
public static class TuneFormatter
{
    /// <summary>The HTML for <paramref name="tune"/>: title, staff, text, player, and the parser's report.</summary>
    public static string ToHtml(AbcTune tune)
    {
        ArgumentNullException.ThrowIfNull(tune);
        var melody = tune.Melody;
        var html = new StringBuilder();
        html.Append("<div class=\"rnn-tune\">");
        html.Append($"<div><strong>{Encode(tune.Title)}</strong> — {Encode(Summary(melody))}</div>");
        html.Append(SheetMusic.ToHtml(tune.Text));
        html.Append($"<pre style=\"margin:0.4em 0\">{Encode(tune.Text)}</pre>");
        if (!melody.IsEmpty) html.Append(ToHtml(melody.ToAudio()));
        if (melody.Problems.Count > 0)
        {
            html.Append($"<details><summary>Skipped {melody.Problems.Count} part(s)</summary><ul>");
            foreach (var problem in melody.Problems) html.Append($"<li>{Encode(problem.ToString())}</li>");
            html.Append("</ul></details>");
        }
        return html.Append("</div>").ToString();
    }

    /// <summary>The HTML for <paramref name="audio"/>: an &lt;audio controls&gt; element with the WAV inside.</summary>
    public static string ToHtml(Audio audio)
    {
        ArgumentNullException.ThrowIfNull(audio);
        return $"<audio controls preload=\"auto\" src=\"{audio.ToDataUri()}\"></audio>";
    }

    static string Summary(Melody melody) => melody.IsEmpty
        ? "nothing to play"
        : $"{melody.Notes.Count(n => !n.IsRest)} notes, {melody.Bars} bars, {melody.Seconds:0.0} s, key {melody.Key}";

    static string Encode(string text) => WebUtility.HtmlEncode(text);
}
