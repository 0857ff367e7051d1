namespace RnnNotebooks.Music;

public static partial class AbcParser
{
    /// <summary>Decorations (trill, roll, staccato, bowing…): they colour a note but do not change what is played.</summary>
    const string DecorationLetters = ".~HLMOPSTuv";

    /// <summary>Reads one line of music: notes, rests, bar lines, tuplets, chords and inline fields.</summary>
    static void ReadMusic(State s, string line)
    {
        int i = 0;
        while (i < line.Length && !s.Finished && !s.SkippingVoice) // an inline [V:…] may switch to a skipped voice
        {
            char c = line[i];
            int start = i;
            if (c == '%') return; // the rest of the line is a comment
            if (c is ' ' or '\t' or '`' or 'y' or '\\' || DecorationLetters.Contains(c)) { i++; continue; }
            switch (c)
            {
                case '"': i = SkipEnclosed(s, line, i, '"', "an unclosed \" (chord symbol or annotation)"); break;
                case '!': i = line.IndexOf('!', i + 1) is int close and > 0 ? close + 1 : i + 1; break; // !trill! or an old line break
                case '+': i = SkipEnclosed(s, line, i, '+', "an unclosed + decoration"); break;
                case '{': i = SkipEnclosed(s, line, i, '}', "an unclosed { grace notes"); break; // grace notes are ornaments
                case ')': i++; break; // end of a slur
                case '(': i = ReadTuplet(s, line, i); break;
                case '-': MarkTie(s, i); i++; break;
                case '>' or '<': i = ReadBrokenRhythm(s, line, i); break;
                case '[':
                    i = i + 2 < line.Length && char.IsAsciiLetter(line[i + 1]) && line[i + 2] == ':' ? ReadInlineField(s, line, i)
                      : i + 1 < line.Length && char.IsAsciiDigit(line[i + 1]) ? ReadEnding(s, line, i + 1)
                      : i + 1 < line.Length && line[i + 1] == '|' ? ReadBarLine(s, line, i)
                      : ReadChord(s, line, i);
                    break;
                case '|' or ':' or ']': i = ReadBarLine(s, line, i); break;
                case 'z' or 'x': i = ReadRest(s, line, i); break;
                case 'Z' or 'X': i = ReadBarRest(s, line, i); break;
                case '&':
                    Skip(s, line[i..], i, "a voice overlay (&): the player plays one melody line; the rest of the line was skipped");
                    return;
                default:
                    if (IsNoteStart(c))
                    {
                        int next = ReadNote(s, line, i, out var note);
                        if (note is not null) AddNote(s, note);
                        i = next;
                    }
                    else
                    {
                        while (i < line.Length && IsUnknown(line[i])) i++;
                        Skip(s, line[start..i], start, "is not ABC music: skipped");
                    }
                    break;
            }
        }
    }

    static bool IsNoteStart(char c) => c is '^' or '_' or '=' || c is >= 'A' and <= 'G' || c is >= 'a' and <= 'g';

    static bool IsUnknown(char c) =>
        !(IsNoteStart(c) || c is ' ' or '|' or ':' or '[' or ']' or '(' or ')' or '"' or '!' or '{' or 'z' or 'x' or 'Z' or 'X' or '-' or '>' or '<' or '%'
          || DecorationLetters.Contains(c));

    static void Skip(State s, string text, int index, string reason) =>
        s.Problems.Add(new AbcProblem(s.LineNumber, index + 1, text, reason));

    static int SkipEnclosed(State s, string line, int i, char close, string what)
    {
        int end = line.IndexOf(close, i + 1);
        if (end >= 0) return end + 1;
        Skip(s, line[i..], i, $"{what}: the rest of the line was skipped");
        return line.Length;
    }

    static void AddNote(State s, NoteEvent note)
    {
        note.Length *= s.NextNoteFactor;
        s.NextNoteFactor = 1;
        if (s.TupletNotesLeft > 0)
        {
            note.Length *= s.TupletFactor;
            s.TupletNotesLeft--;
        }
        s.Events.Add(note);
        s.SeenMusic = true;
    }

    /// <summary>
    /// Reads a note: accidental, letter, octave marks, length. Returns the index after it; <paramref name="note"/>
    /// is null when nothing playable was there (the problem is reported).
    /// </summary>
    static int ReadNote(State s, string line, int i, out NoteEvent? note)
    {
        note = null;
        int start = i;
        int? accidental = null;
        while (i < line.Length && line[i] is '^' or '_' or '=')
        {
            accidental = (line[i], accidental) switch
            {
                ('^', 1) => 2,
                ('_', -1) => -2,
                ('^', _) => 1,
                ('_', _) => -1,
                _ => 0,
            };
            i++;
        }
        // ABC's accidentals are ^ ^^ _ __ and =; anything longer (^^^^C) or mixed (^_C) is a typo or a runaway model.
        if (i - start > 2 || (i - start == 2 && line[start] != line[start + 1]))
            Skip(s, line[start..i], start, $"is not an ABC accidental (they are ^ ^^ _ __ =); played as {AccidentalName(accidental)}");
        if (accidental is not null && i < line.Length && (char.IsAsciiDigit(line[i]) || line[i] == '/'))
        {
            while (i < line.Length && (char.IsAsciiDigit(line[i]) || line[i] == '/')) i++;
            Skip(s, line[start..i], start, "is a microtonal accidental; played as a whole semitone");
        }
        if (i >= line.Length || !(line[i] is >= 'A' and <= 'G' or >= 'a' and <= 'g'))
        {
            Skip(s, line[start..i], start, "is an accidental with no note letter after it: skipped");
            return i;
        }
        char letter = line[i++];
        int octave = char.IsUpper(letter) ? 4 : 5; // C = middle C (C4), c = the octave above
        while (i < line.Length && line[i] is ',' or '\'')
            octave += line[i++] == ',' ? -1 : 1;

        int semitone = "C D EF G A B".IndexOf(char.ToUpperInvariant(letter));
        var key = (char.ToUpperInvariant(letter), octave);
        if (accidental is int a) s.BarAccidentals[key] = a; // an accidental lasts to the end of the bar
        int offset = s.BarAccidentals.TryGetValue(key, out int barAccidental) ? barAccidental : s.Key.OffsetOf(letter);
        int pitch = 12 * (octave + 1) + semitone + offset;

        i = ReadLength(s, line, i, out double length);
        if (pitch is < 0 or > 127)
        {
            Skip(s, line[start..i], start, $"is outside the MIDI range of pitches (0–127): skipped");
            return i;
        }
        note = new NoteEvent(pitch, length * s.UnitLength);
        return i;
    }

    static string AccidentalName(int? accidental) => accidental switch
    {
        2 => "a double sharp", 1 => "a sharp", -1 => "a flat", -2 => "a double flat", _ => "a natural",
    };

    /// <summary>The shortest note length read, in units of L: shorter is far below anything playable (a typo such as C////////).</summary>
    const double MinLength = 1.0 / 64;

    /// <summary>The length multiplier after a note or rest: 2, 3/2, /2, /, // (one slash halves), none = 1.</summary>
    static int ReadLength(State s, string line, int i, out double length)
    {
        int start = i;
        double top = ReadNumber(line, ref i) ?? 1, bottom = 1;
        while (i < line.Length && line[i] == '/')
        {
            i++;
            bottom *= ReadNumber(line, ref i) ?? 2;
        }
        length = top / bottom;
        // 16 whole notes of the unit at most: longer is a typo (or a network's runaway digits).
        if (!(length > 0) || length > 64 || double.IsNaN(length))
        {
            double clamped = length > 64 ? 64 : 1;
            Skip(s, line[start..i], start, $"is not a sensible note length; used {clamped}");
            length = clamped;
        }
        else if (length < MinLength)
        {
            Skip(s, line[start..i], start, $"is a note length of {length:G3} units, too short to hear; used 1/64");
            length = MinLength;
        }
        return i;
    }

    static double? ReadNumber(string line, ref int i)
    {
        int start = i;
        while (i < line.Length && char.IsAsciiDigit(line[i])) i++;
        if (i == start) return null;
        // Long digit runs (a network stuck on "2222…") would overflow: keep the magnitude, not the exact value.
        return i - start > 6 ? 1e6 : double.Parse(line.AsSpan(start, i - start), provider: System.Globalization.CultureInfo.InvariantCulture);
    }

    static int ReadRest(State s, string line, int i)
    {
        i = ReadLength(s, line, i + 1, out double length);
        AddNote(s, new NoteEvent(null, length * s.UnitLength));
        return i;
    }

    /// <summary>Z or X: whole bars of rest (Z4 = four bars).</summary>
    static int ReadBarRest(State s, string line, int i)
    {
        int start = i++;
        double bars = ReadNumber(line, ref i) ?? 1;
        if (bars > 64) { Skip(s, line[start..i], start, "is more bars of rest than a tune needs; used 64"); bars = 64; }
        AddNote(s, new NoteEvent(null, bars * s.BarLength));
        return i;
    }

    /// <summary>(3 plays three notes in the time of two; (p:q:r puts p notes in the time of q for the next r notes.</summary>
    static int ReadTuplet(State s, string line, int i)
    {
        int start = i++;
        if (i >= line.Length || !char.IsAsciiDigit(line[i])) return i; // a slur, not a tuplet
        int p = (int)Math.Min(ReadNumber(line, ref i) ?? 3, 100);
        int? q = null, r = null;
        if (i < line.Length && line[i] == ':')
        {
            i++;
            q = (int?)ReadNumber(line, ref i);
            if (i < line.Length && line[i] == ':') { i++; r = (int?)ReadNumber(line, ref i); }
        }
        if (p < 2 || p > 9)
        {
            Skip(s, line[start..i], start, "is not a tuplet ABC knows ((2 to (9); the notes were played at their written length");
            return i;
        }
        int inTimeOf = q ?? p switch { 2 or 4 or 8 => 3, 3 or 6 => 2, _ => s.CompoundMeter ? 3 : 2 };
        if (inTimeOf is <= 0 or > 100) inTimeOf = 2;
        s.TupletFactor = (double)inTimeOf / p;
        s.TupletNotesLeft = Math.Clamp(r ?? p, 1, 100);
        return i;
    }

    static void MarkTie(State s, int i)
    {
        if (s.Events.Count > 0 && s.Events[^1] is NoteEvent { Pitch: not null } previous) previous.TiedToNext = true;
        else Skip(s, "-", i, "is a tie with no note before it: skipped");
    }

    /// <summary>A&gt;B: the first note dotted, the second halved (&gt;&gt; and &gt;&gt;&gt; for double and triple dots); A&lt;B the reverse.</summary>
    static int ReadBrokenRhythm(State s, string line, int i)
    {
        int start = i;
        char sign = line[i];
        while (i < line.Length && line[i] == sign && i - start < 3) i++;
        double shortFactor = Math.Pow(0.5, i - start), longFactor = 2 - shortFactor;
        if (s.Events.Count == 0 || s.Events[^1] is not NoteEvent previous)
        {
            Skip(s, line[start..i], start, "is a broken-rhythm sign with no note before it: skipped");
            return i;
        }
        previous.Length *= sign == '>' ? longFactor : shortFactor;
        s.NextNoteFactor = sign == '>' ? shortFactor : longFactor;
        return i;
    }

    /// <summary>[K:G], [L:1/16], [M:3/4], [Q:1/4=100], [V:2]: a field in the middle of the music.</summary>
    static int ReadInlineField(State s, string line, int i)
    {
        int close = line.IndexOf(']', i);
        if (close < 0)
        {
            Skip(s, line[i..], i, "is an unclosed inline field: the rest of the line was skipped");
            return line.Length;
        }
        ReadField(s, line[i + 1], line[(i + 3)..close].Trim());
        return close + 1;
    }

    /// <summary>
    /// [CEG]: notes sounding together. The player plays one line, so it keeps the first note (with the
    /// chord's length) and reports the others.
    /// </summary>
    static int ReadChord(State s, string line, int i)
    {
        int start = i++;
        var notes = new List<NoteEvent>();
        while (i < line.Length && line[i] != ']')
        {
            if (IsNoteStart(line[i]))
            {
                i = ReadNote(s, line, i, out var note);
                if (note is not null) notes.Add(note);
            }
            else i++;
        }
        if (i >= line.Length)
        {
            Skip(s, line[start..], start, "is an unclosed chord [ …: skipped");
            return i;
        }
        i = ReadLength(s, line, i + 1, out double length);
        if (notes.Count == 0)
        {
            Skip(s, line[start..i], start, "is an empty chord: skipped");
            return i;
        }
        if (notes.Count > 1) Skip(s, line[start..i], start, "is a chord: played its first note only");
        AddNote(s, new NoteEvent(notes[0].Pitch, notes[0].Length * length));
        return i;
    }

    /// <summary>|, ||, |], [|, |:, :|, ::, :|: and endings |1, :|2. Bar lines also end accidentals and tuplets.</summary>
    static int ReadBarLine(State s, string line, int i)
    {
        int start = i;
        while (i < line.Length && (line[i] is '|' or ':' || line[i] == ']' || (line[i] == '[' && i + 1 < line.Length && line[i + 1] == '|'))) i++;
        string bar = line[start..i];
        if (!bar.Contains('|') && bar != "::")
        {
            Skip(s, bar, start, bar == "]" ? "is a ] with no [ before it: skipped" : "is a colon outside a bar line: skipped");
            return i;
        }
        bool repeatEnd = bar.StartsWith(':'), repeatStart = bar.EndsWith(':');
        s.Events.Add(new BarEvent(repeatEnd && repeatStart ? BarKind.RepeatEndAndStart
            : repeatEnd ? BarKind.RepeatEnd : repeatStart ? BarKind.RepeatStart : BarKind.Plain));
        EndBar(s);
        if (i < line.Length && char.IsAsciiDigit(line[i]) && bar.EndsWith('|')) return ReadEnding(s, line, i);
        return i;
    }

    /// <summary>The number of a first/second ending ([1, |2, [1,3 or [1-2: only the first number matters here).</summary>
    static int ReadEnding(State s, string line, int i)
    {
        int ending = (int)Math.Min(ReadNumber(line, ref i) ?? 1, 100);
        while (i < line.Length && (char.IsAsciiDigit(line[i]) || line[i] is ',' or '-')) i++;
        s.Events.Add(new BarEvent(BarKind.Ending, ending));
        EndBar(s);
        return i;
    }

    static void EndBar(State s)
    {
        s.BarAccidentals.Clear();
        s.TupletNotesLeft = 0;
    }
}
