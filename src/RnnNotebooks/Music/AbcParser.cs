namespace RnnNotebooks.Music;

/// <summary>
/// Reads one tune in ABC notation — the plain-text music format folk musicians share — into a
/// <see cref="Melody"/>. It understands the common subset: header fields X, T, M, L, K, Q (and V for
/// voices); notes with octave marks (<c>,</c> <c>'</c>), accidentals (<c>^ _ =</c>) and lengths
/// (<c>A2 A/2 A3/2 A/</c>); rests (<c>z</c>); broken rhythm (<c>&gt; &lt;</c>); triplets (<c>(3</c>); ties;
/// bar lines and repeats with first and second endings; keys with modes. Anything else (chords beyond
/// their first note, extra voices, stray characters) is skipped and listed in <see cref="Melody.Problems"/>:
/// parsing never throws, so text sampled from a half-trained network always plays what it can.
/// </summary>
public static partial class AbcParser
{
    /// <summary>Longest melody rendered; a runaway text stops here (and says so).</summary>
    public const double MaxSeconds = 600;

    /// <summary>Parses one ABC tune. Never throws: what cannot be played is reported in <see cref="Melody.Problems"/>.</summary>
    public static Melody Parse(string? abc)
    {
        var state = new State();
        var lines = (abc ?? "").Replace("\r\n", "\n").Replace('\r', '\n').Split('\n');
        for (int n = 0; n < lines.Length && !state.Finished; n++)
        {
            state.LineNumber = n + 1;
            ReadLine(state, lines[n]);
        }
        return Build(state);
    }

    static void ReadLine(State s, string line)
    {
        string trimmed = line.TrimStart();
        if (trimmed.Length == 0 || trimmed[0] == '%') return; // blank line, comment or %%directive
        if (trimmed.Length >= 2 && trimmed[1] == ':' && char.IsAsciiLetter(trimmed[0]))
        {
            // "|:" never starts with a letter, so a letter and a colon is a field.
            ReadField(s, trimmed[0], StripComment(trimmed[2..]).Trim());
            return;
        }
        if (s.SkippingVoice) return;
        if (!s.InBody)
        {
            s.Problems.Add(new AbcProblem(s.LineNumber, 0, "", "music before the K: field (which ends the header); reading it in C major"));
            s.InBody = true;
        }
        ReadMusic(s, line);
    }

    static string StripComment(string text)
    {
        int percent = text.IndexOf('%');
        return percent < 0 ? text : text[..percent];
    }

    /// <summary>Applies a header or body field (or an inline [X:…] field).</summary>
    static void ReadField(State s, char name, string value)
    {
        if (name == 'X')
        {
            if (s.SeenMusic || s.SeenKey)
            {
                s.Problems.Add(new AbcProblem(s.LineNumber, 0, $"X:{value}", "a second tune starts here and was not played; split a file into tunes with AbcFile.Split"));
                s.Finished = true;
            }
            return;
        }
        if (name == 'V') { SwitchVoice(s, value); return; }
        if (s.SkippingVoice) return;
        switch (name)
        {
            case 'T':
                if (s.Title is null && value.Length > 0) s.Title = value;
                break;
            case 'M':
                ReadMeter(s, value);
                break;
            case 'L':
                if (TryFraction(value, out double unit) && unit > 0 && unit <= 4) { s.UnitLength = unit; s.UnitLengthSet = true; }
                else s.Problems.Add(new AbcProblem(s.LineNumber, 0, $"L:{value}", "the unit note length should be a fraction like 1/8; kept the previous one"));
                break;
            case 'Q':
                ReadTempo(s, value);
                break;
            case 'K':
                if (!KeySignature.TryParse(value, out var key, out string? problem))
                    s.Problems.Add(new AbcProblem(s.LineNumber, 0, $"K:{value}", problem!));
                s.Key = key;
                s.SeenKey = true;
                s.InBody = true;
                break;
            // Other fields (C composer, R rhythm, P parts, w lyrics, S source, Z transcriber, …) do not change the sound.
        }
    }

    static void ReadMeter(State s, string value)
    {
        string v = value.Trim();
        int top = 4, bottom = 4;
        bool free = v is "" or "none";
        if (!free && v is not ("C" or "C|") && !TryMeter(v, out top, out bottom))
        {
            s.Problems.Add(new AbcProblem(s.LineNumber, 0, $"M:{value}", "the meter should look like 4/4, 6/8, C or C|; kept the previous one"));
            return;
        }
        s.BarLength = (double)top / bottom;
        s.FreeMeter = free;
        // 6/8, 9/8, 12/8: beats in threes, which sets the default triplet-like tuplets "(5", "(7", "(9".
        s.CompoundMeter = top % 3 == 0 && top > 3;
        // The default unit length follows the meter: 1/16 below 3/4, else 1/8 (ABC standard 2.1, section 3.1.7).
        if (!s.UnitLengthSet && !s.InBody) s.UnitLength = s.BarLength < 0.75 ? 1.0 / 16 : 1.0 / 8;
    }

    static bool TryMeter(string v, out int top, out int bottom)
    {
        top = 0;
        var parts = v.Split('/');
        if (parts.Length != 2 || !int.TryParse(parts[1], out bottom) || bottom <= 0 || bottom > 64) { bottom = 4; return false; }
        foreach (string term in parts[0].Trim('(', ')').Split('+'))
        {
            if (!int.TryParse(term, out int t) || t <= 0 || t > 64) return false;
            top += t;
        }
        return true;
    }

    static void ReadTempo(State s, string value)
    {
        // Forms: "1/4=120", "3/8=60", "120" (beats of the unit length), "C=120", with optional "quoted text".
        string v = System.Text.RegularExpressions.Regex.Replace(value, "\"[^\"]*\"", " ").Trim();
        double beat = s.UnitLength;
        string bpmText = v;
        int eq = v.IndexOf('=');
        if (eq >= 0)
        {
            bpmText = v[(eq + 1)..].Trim();
            string left = v[..eq].Trim();
            if (left.Length > 0 && left != "C")
            {
                beat = 0;
                foreach (string part in left.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                    beat += TryFraction(part, out double f) ? f : double.NaN;
            }
        }
        if (v.Length == 0) return;
        if (!double.TryParse(bpmText, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out double bpm)
            || !(beat > 0) || !(bpm > 0) || double.IsInfinity(bpm))
        {
            s.Problems.Add(new AbcProblem(s.LineNumber, 0, $"Q:{value}", "the tempo should look like 1/4=120; kept the previous one"));
            return;
        }
        double quarterBpm = bpm * beat * 4;
        double clamped = Math.Clamp(quarterBpm, 20, 1000);
        if (clamped != quarterBpm)
            s.Problems.Add(new AbcProblem(s.LineNumber, 0, $"Q:{value}", $"a tempo of {quarterBpm:0.#} quarter notes a minute is out of range; played at {clamped:0}"));
        s.SetTempo(60.0 / clamped * 4);
    }

    static bool TryFraction(string text, out double value)
    {
        value = 0;
        var parts = text.Trim().Split('/');
        var inv = System.Globalization.CultureInfo.InvariantCulture;
        if (parts.Length == 1) return double.TryParse(parts[0], System.Globalization.NumberStyles.Float, inv, out value) && value > 0;
        if (parts.Length != 2 || !double.TryParse(parts[0], System.Globalization.NumberStyles.Float, inv, out double top)
            || !double.TryParse(parts[1], System.Globalization.NumberStyles.Float, inv, out double bottom) || bottom == 0) return false;
        value = top / bottom;
        return value > 0 && !double.IsInfinity(value);
    }

    /// <summary>Only the first voice is played; the others (drums, harmony) are skipped and reported once each.</summary>
    static void SwitchVoice(State s, string value)
    {
        string id = value.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? "";
        s.MelodyVoice ??= id;
        s.SkippingVoice = id != s.MelodyVoice;
        if (s.SkippingVoice && s.ReportedVoices.Add(id))
            s.Problems.Add(new AbcProblem(s.LineNumber, 0, $"V:{value}", $"voice '{id}' skipped: the player plays one melody line, the first voice ('{s.MelodyVoice}')"));
    }

    /// <summary>Unfolds repeats, merges ties and times every note.</summary>
    static Melody Build(State s)
    {
        CloseBar(s, endsPart: true);                                   // the tune's end ends its last part
        var notes = new List<Note>();
        double time = 0, secondsPerWhole = s.InitialSecondsPerWhole;
        int bar = 0;
        bool barHasNotes = false, tie = false;
        foreach (var e in Repeats.Unfold(s.Events))
        {
            switch (e)
            {
                case TempoEvent t:
                    secondsPerWhole = t.SecondsPerWholeNote;
                    break;
                case BarEvent:
                    if (barHasNotes) { bar++; barHasNotes = false; }
                    break;
                case NoteEvent n:
                    double seconds = n.Length * secondsPerWhole;
                    if (time + seconds > MaxSeconds)
                    {
                        s.Problems.Add(new AbcProblem(0, 0, "", $"the melody runs past {MaxSeconds / 60:0} minutes; it was cut there"));
                        return new Melody(s.Title, s.Key.Name, notes, CountBars(bar, barHasNotes), s.Problems, s.WrittenBars);
                    }
                    if (tie && n.Pitch is not null && notes.Count > 0 && notes[^1].Pitch == n.Pitch)
                    {
                        var last = notes[^1];
                        notes[^1] = last with { Length = last.Length + n.Length, Seconds = last.Seconds + seconds };
                    }
                    else
                    {
                        notes.Add(new Note(n.Pitch, n.Length, time, seconds, bar));
                        barHasNotes = true;
                    }
                    tie = n.TiedToNext;
                    time += seconds;
                    break;
            }
        }
        if (!notes.Any(n => n.Pitch is not null))
            s.Problems.Add(new AbcProblem(0, 0, "", "no notes to play: an ABC tune needs a K: line and notes such as C D E F G A B c d e"));
        return new Melody(s.Title, s.Key.Name, notes, CountBars(bar, barHasNotes), s.Problems, s.WrittenBars);
    }

    static int CountBars(int completedBars, bool lastBarHasNotes) => completedBars + (lastBarHasNotes ? 1 : 0);

    /// <summary>Everything the parser tracks while it reads a tune.</summary>
    sealed class State
    {
        public int LineNumber;
        public bool InBody, SeenKey, SeenMusic, Finished, SkippingVoice, UnitLengthSet, CompoundMeter;
        public string? Title, MelodyVoice;
        public double UnitLength = 1.0 / 8, BarLength = 1.0;
        public double InitialSecondsPerWhole = 2.0; // 120 quarter notes a minute until a Q: field says otherwise
        public KeySignature Key = KeySignature.CMajor;
        public readonly List<AbcEvent> Events = [];
        public readonly List<AbcProblem> Problems = [];
        public readonly HashSet<string> ReportedVoices = [];

        /// <summary>The bars as written, and where in <see cref="Events"/> the one being written starts.</summary>
        public readonly List<WrittenBar> WrittenBars = [];
        public int BarStart;
        public bool FreeMeter;

        /// <summary>Accidentals written in the current bar, by letter and octave; they last until the bar line.</summary>
        public readonly Dictionary<(char Letter, int Octave), int> BarAccidentals = [];

        /// <summary>Tuplet in force: how many notes remain, and the factor their lengths are scaled by.</summary>
        public int TupletNotesLeft;
        public double TupletFactor = 1;

        /// <summary>Length factor for the next note, set by a broken-rhythm sign (&gt; or &lt;) after the previous one.</summary>
        public double NextNoteFactor = 1;

        public void SetTempo(double secondsPerWhole)
        {
            if (SeenMusic) Events.Add(new TempoEvent(secondsPerWhole));
            else InitialSecondsPerWhole = secondsPerWhole;
        }
    }
}
