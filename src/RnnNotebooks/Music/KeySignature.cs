namespace RnnNotebooks.Music;

/// <summary>
/// A key signature from an ABC <c>K:</c> field: which letters are sharpened or flattened throughout the
/// tune. Covers major and minor keys, the church modes (Dorian, Phrygian, Lydian, Mixolydian, Aeolian,
/// Locrian), explicit extra accidentals (<c>K:D Phr ^F</c>), <c>K:none</c> and the bagpipe keys HP/Hp.
/// </summary>
public sealed class KeySignature
{
    // Position of each tonic on the circle of fifths, measured from C major (G = 1 sharp, F = 1 flat).
    static readonly Dictionary<char, int> TonicFifths = new() { ['C'] = 0, ['G'] = 1, ['D'] = 2, ['A'] = 3, ['E'] = 4, ['B'] = 5, ['F'] = -1 };

    // A mode is the major scale started on another degree: D Dorian has the notes of C major, two fifths below D major.
    static readonly Dictionary<string, int> ModeShift = new()
    {
        ["maj"] = 0, ["ion"] = 0, ["mix"] = -1, ["dor"] = -2, ["min"] = -3, ["aeo"] = -3, ["m"] = -3,
        ["phr"] = -4, ["loc"] = -5, ["lyd"] = 1,
    };

    const string SharpOrder = "FCGDAEB";
    const string FlatOrder = "BEADGCF";

    readonly int[] _offsets = new int[7]; // semitone offset per letter, indexed by "CDEFGAB"

    KeySignature(string name) => Name = name;

    /// <summary>The key as written in the field, e.g. "Dm" or "Ador".</summary>
    public string Name { get; }

    /// <summary>C major: no sharps or flats.</summary>
    public static KeySignature CMajor => new("C");

    /// <summary>
    /// The semitone offset the signature gives to note letter <paramref name="letter"/> (either case):
    /// +1 sharp, −1 flat, 0 natural.
    /// </summary>
    public int OffsetOf(char letter)
    {
        int index = "CDEFGAB".IndexOf(char.ToUpperInvariant(letter));
        return index < 0 ? 0 : _offsets[index];
    }

    /// <summary>
    /// Reads a <c>K:</c> field value. Returns false (and C major) with a reason when the key is not understood.
    /// </summary>
    public static bool TryParse(string field, out KeySignature key, out string? problem)
    {
        problem = null;
        string text = field.Split('%')[0].Trim();
        key = new KeySignature(text.Length == 0 ? "C" : text);
        if (text.Length == 0 || text.Equals("none", StringComparison.OrdinalIgnoreCase) || text == "HP")
            return true;
        if (text == "Hp") // Highland pipes, written with F and C sharp
        {
            key.Apply(2);
            return true;
        }

        int i = 0;
        char tonic = char.ToUpperInvariant(text[0]);
        if (!TonicFifths.TryGetValue(tonic, out int fifths))
        {
            problem = $"the key '{text}' does not start with a note letter A–G; playing in C major";
            return false;
        }
        i++;
        if (i < text.Length && text[i] == '#') { fifths += 7; i++; }
        else if (i < text.Length && text[i] == 'b') { fifths -= 7; i++; }

        var words = text[i..].Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries).ToList();
        // The mode may be glued to the tonic ("Dphr", "Am") or follow it ("D Phr").
        if (words.Count > 0 && ModeOf(words[0]) is int shift)
        {
            fifths += shift;
            words.RemoveAt(0);
        }
        key.Apply(fifths);

        foreach (string word in words)
        {
            if (word.Contains('=') && !word.StartsWith('=')) continue; // clef=, transpose=, middle= …: not pitch
            if (!key.TryApplyAccidental(word))
            {
                problem = $"'{word}' in the key field is neither a mode nor an accidental like ^f or _b; ignored";
                return false;
            }
        }
        return true;
    }

    static int? ModeOf(string word)
    {
        string w = word.ToLowerInvariant();
        if (w == "m") return ModeShift["m"];
        if (w.Length < 3 || !char.IsLetter(w[0])) return null;
        return ModeShift.TryGetValue(w[..3], out int shift) ? shift : null;
    }

    void Apply(int fifths)
    {
        for (int n = 0; n < Math.Abs(fifths); n++)
        {
            char letter = (fifths > 0 ? SharpOrder : FlatOrder)[n % 7];
            _offsets["CDEFGAB".IndexOf(letter)] += Math.Sign(fifths);
        }
    }

    // One or more accidentals written together, e.g. "^f" or "^f^c^a".
    static readonly System.Text.RegularExpressions.Regex Accidentals = new(@"^((\^\^|\^|__|_|=)[A-Ga-g])+$");

    bool TryApplyAccidental(string word)
    {
        if (!Accidentals.IsMatch(word)) return false;
        int offset = 0;
        foreach (char c in word)
        {
            switch (c)
            {
                case '^': offset = offset > 0 ? 2 : 1; break;
                case '_': offset = offset < 0 ? -2 : -1; break;
                case '=': offset = 0; break;
                default:
                    _offsets["CDEFGAB".IndexOf(char.ToUpperInvariant(c))] = offset;
                    offset = 0;
                    break;
            }
        }
        return true;
    }

    public override string ToString() => Name;
}
