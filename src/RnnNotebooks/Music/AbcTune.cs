namespace RnnNotebooks.Music;

/// <summary>
/// One tune in ABC notation, as text: from its <c>X:</c> line to the next tune. In a notebook it displays
/// as its text with an audio player. Text a network generated is a tune too: <c>new AbcTune(sample)</c>.
/// </summary>
public sealed class AbcTune
{
    Melody? _melody;

    /// <summary>Wraps ABC text (one tune; header fields are optional, the parser is lenient).</summary>
    public AbcTune(string text) => Text = text ?? "";

    /// <summary>The ABC text, unchanged.</summary>
    public string Text { get; }

    /// <summary>The reference number of the X: field, if there is one.</summary>
    public int? Number => int.TryParse(Field('X'), out int n) ? n : null;

    /// <summary>The first T: field, or "Untitled".</summary>
    public string Title => Field('T') is { Length: > 0 } t ? t : "Untitled";

    /// <summary>The parsed melody (parsed once, then kept).</summary>
    public Melody Melody => _melody ??= AbcParser.Parse(Text);

    /// <summary>Renders the tune as sound.</summary>
    public Audio ToAudio(int sampleRate = Synthesizer.DefaultSampleRate) => Melody.ToAudio(sampleRate);

    /// <summary>The value of the first header field <paramref name="name"/> (e.g. 'T'), or null.</summary>
    public string? Field(char name)
    {
        foreach (var line in Text.Split('\n'))
        {
            string l = line.Trim();
            if (l.Length >= 2 && l[0] == name && l[1] == ':') return l[2..].Trim();
        }
        return null;
    }

    public override string ToString() => Number is int n ? $"X:{n} {Title}" : Title;
}
