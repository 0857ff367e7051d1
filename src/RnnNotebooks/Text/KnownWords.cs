namespace RnnNotebooks.Text;

/// <summary>
/// How much of a generated text is made of real words: the words of a reference text (the training text),
/// and the share of a sample's distinct words found among them. A word is a maximal run of letters
/// (<see cref="char.IsLetter(char)"/>), lowercased; words of one letter ("a", "I", and the one-letter
/// fragments a character model writes) are not counted. Example:
/// <c>KnownWords.Of(corpus.TrainText).In(sample).Share</c>.
/// </summary>
public sealed class KnownWords
{
    readonly HashSet<string> _words;

    KnownWords(HashSet<string> words) => _words = words;

    /// <summary>The distinct words (two or more letters, lowercased) of <paramref name="reference"/>.</summary>
    public static KnownWords Of(string reference)
    {
        ArgumentNullException.ThrowIfNull(reference);
        var words = new HashSet<string>(WordsOf(reference), StringComparer.Ordinal);
        if (words.Count == 0)
            throw new ArgumentException("The reference text has no words of two or more letters: give the text the model trained on.", nameof(reference));
        return new KnownWords(words);
    }

    /// <summary>How many distinct words the reference holds.</summary>
    public int Count => _words.Count;

    /// <summary>Whether <paramref name="word"/> (any case) is a word of the reference.</summary>
    public bool Contains(string word) => _words.Contains(word.ToLowerInvariant());

    /// <summary>The distinct words of <paramref name="sample"/> and which of them the reference holds.</summary>
    /// <exception cref="ArgumentException">The sample has no word of two or more letters, so there is no share to give.</exception>
    public KnownWordsResult In(string sample)
    {
        ArgumentNullException.ThrowIfNull(sample);
        var distinct = WordsOf(sample).Distinct(StringComparer.Ordinal).ToArray();
        if (distinct.Length == 0)
            throw new ArgumentException("The sample has no words of two or more letters: generate a longer sample (or train longer).", nameof(sample));
        return new KnownWordsResult(distinct.Where(_words.Contains).ToArray(), distinct.Where(w => !_words.Contains(w)).ToArray());
    }

    /// <summary>The words of <paramref name="text"/> in order (runs of letters, lowercased, two or more letters long).</summary>
    public static IEnumerable<string> WordsOf(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        int start = -1;
        for (int i = 0; i <= text.Length; i++)
        {
            bool letter = i < text.Length && char.IsLetter(text[i]);
            if (letter && start < 0) start = i;
            else if (!letter && start >= 0)
            {
                if (i - start >= 2) yield return text[start..i].ToLowerInvariant();
                start = -1;
            }
        }
    }
}

/// <summary>A sample's distinct words split into those the reference holds and those it does not.</summary>
/// <param name="Known">Distinct words of the sample found in the reference, in order of first appearance.</param>
/// <param name="Unknown">Distinct words of the sample not in the reference (invented spellings), in order of first appearance.</param>
public sealed record KnownWordsResult(IReadOnlyList<string> Known, IReadOnlyList<string> Unknown)
{
    /// <summary>How many distinct words the sample has.</summary>
    public int Distinct => Known.Count + Unknown.Count;

    /// <summary>The share of the sample's distinct words that are known, from 0 to 1.</summary>
    public double Share => (double)Known.Count / Distinct;

    public override string ToString() => $"{Known.Count} of {Distinct} distinct words are known ({Share:P0})";
}
