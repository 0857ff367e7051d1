using MathNet.Numerics.LinearAlgebra;

namespace RnnNotebooks.Text;

/// <summary>
/// The characters a model knows, each with an id: the first step of the data walk
/// (text → ids → one-hot vectors → model). Ids follow ordinal character order, so the same text
/// always gives the same vocabulary.
/// </summary>
public sealed class Vocabulary
{
    readonly char[] _chars;
    readonly Dictionary<char, int> _ids;

    /// <summary>Builds the vocabulary of every distinct character in <paramref name="text"/>.</summary>
    public Vocabulary(string text) : this(CheckText(text).Distinct()) { }

    /// <summary>Builds a vocabulary from the given characters (duplicates ignored).</summary>
    public Vocabulary(IEnumerable<char> characters)
    {
        ArgumentNullException.ThrowIfNull(characters);
        _chars = characters.Distinct().OrderBy(c => c, Comparer<char>.Create((a, b) => a.CompareTo(b))).ToArray();
        if (_chars.Length == 0)
            throw new ArgumentException("The vocabulary is empty: give it at least one character.", nameof(characters));
        _ids = new Dictionary<char, int>(_chars.Length);
        for (int i = 0; i < _chars.Length; i++) _ids[_chars[i]] = i;
    }

    /// <summary>How many distinct characters: the size V of one-hot vectors and of the softmax.</summary>
    public int Size => _chars.Length;

    /// <summary>The characters in id order.</summary>
    public IReadOnlyList<char> Characters => _chars;

    /// <summary>Whether <paramref name="c"/> has an id.</summary>
    public bool Contains(char c) => _ids.ContainsKey(c);

    /// <summary>The id of <paramref name="c"/>.</summary>
    /// <exception cref="ArgumentException">The character is not in the vocabulary.</exception>
    public int this[char c] => _ids.TryGetValue(c, out int id) ? id : throw Unknown(c, null);

    /// <summary>The character with id <paramref name="id"/>.</summary>
    public char this[int id] => (uint)id < (uint)_chars.Length
        ? _chars[id]
        : throw new ArgumentOutOfRangeException(nameof(id), id, $"A character id must be between 0 and {Size - 1} for this vocabulary of {Size} characters.");

    /// <summary>Turns text into ids.</summary>
    /// <exception cref="ArgumentException">A character of <paramref name="text"/> is not in the vocabulary.</exception>
    public int[] Encode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var ids = new int[text.Length];
        for (int i = 0; i < text.Length; i++)
            ids[i] = _ids.TryGetValue(text[i], out int id) ? id : throw Unknown(text[i], i);
        return ids;
    }

    /// <summary>Turns ids back into text.</summary>
    public string Decode(IEnumerable<int> ids) => new(ids.Select(id => this[id]).ToArray());

    /// <summary>The one-hot vector of <paramref name="id"/>: all zeros but a one at the id.</summary>
    public Vector<double> OneHot(int id)
    {
        _ = this[id];
        var v = Vector<double>.Build.Dense(Size);
        v[id] = 1;
        return v;
    }

    /// <summary>The one-hot vector of character <paramref name="c"/>.</summary>
    public Vector<double> OneHot(char c) => OneHot(this[c]);

    public override string ToString() => $"Vocabulary of {Size} characters: {Printable(new string(_chars))}";

    ArgumentException Unknown(char c, int? position) => new(
        $"The character {Describe(c)}{(position is int p ? $" at position {p}" : "")} is not in the vocabulary of {Size} characters. " +
        "Build the vocabulary from text that contains it, or remove or replace it before encoding.",
        position is null ? "c" : "text");

    static string Describe(char c) => char.IsControl(c) || char.IsWhiteSpace(c) ? $"U+{(int)c:X4}" : $"'{c}' (U+{(int)c:X4})";

    static string Printable(string s) => s.Replace("\n", "\\n").Replace("\r", "\\r").Replace("\t", "\\t");

    static string CheckText(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length == 0)
            throw new ArgumentException("The text is empty: a vocabulary needs at least one character.", nameof(text));
        return text;
    }
}
