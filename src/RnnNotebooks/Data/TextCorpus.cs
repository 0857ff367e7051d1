using RnnNotebooks.Text;

namespace RnnNotebooks.Data;

/// <summary>
/// A text ready for a character-level language model: its <see cref="Vocabulary"/>, the whole text as
/// ids, and a split into a training part (the beginning) and a validation part (the end). The split is
/// contiguous, not shuffled: the model must predict text it has never seen, not sentences interleaved
/// with the ones it trained on.
/// </summary>
public sealed class TextCorpus
{
    /// <summary>
    /// Builds a corpus from any text: the vocabulary covers the whole text, the last
    /// <paramref name="validationFraction"/> of it is held out for validation.
    /// </summary>
    public TextCorpus(string text, double validationFraction = 0.1, string name = "text")
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length < 2)
            throw new ArgumentException("The text needs at least 2 characters: a model learns to predict each character from the ones before it.", nameof(text));
        if (!(validationFraction >= 0 && validationFraction < 1))
            throw new ArgumentOutOfRangeException(nameof(validationFraction), validationFraction,
                "The validation fraction is the share of the text held out for validation: a number from 0 (none) up to, but not including, 1 (e.g. 0.1).");
        Name = name;
        Text = text;
        ValidationFraction = validationFraction;
        Vocabulary = new Vocabulary(text);
        Ids = Vocabulary.Encode(text);
        int validation = validationFraction == 0 ? 0 : Math.Clamp((int)Math.Round(text.Length * validationFraction), 1, text.Length - 1);
        SplitIndex = text.Length - validation;
    }

    /// <summary>The dataset's name (e.g. "moby-dick").</summary>
    public string Name { get; }

    /// <summary>The whole text.</summary>
    public string Text { get; }

    /// <summary>The characters of the text, each with an id.</summary>
    public Vocabulary Vocabulary { get; }

    /// <summary>The whole text as character ids.</summary>
    public int[] Ids { get; }

    /// <summary>The share of the text held out at the end for validation.</summary>
    public double ValidationFraction { get; }

    /// <summary>Where validation begins: <see cref="Train"/> is Ids[..SplitIndex], <see cref="Validation"/> is Ids[SplitIndex..].</summary>
    public int SplitIndex { get; }

    /// <summary>The ids the model trains on (the beginning of the text).</summary>
    public ArraySegment<int> Train => new(Ids, 0, SplitIndex);

    /// <summary>The ids held out to measure how well the model predicts unseen text (the end).</summary>
    public ArraySegment<int> Validation => new(Ids, SplitIndex, Ids.Length - SplitIndex);

    /// <summary>The training part as text.</summary>
    public string TrainText => Text[..SplitIndex];

    /// <summary>The validation part as text.</summary>
    public string ValidationText => Text[SplitIndex..];

    public override string ToString() =>
        $"{Name}: {Text.Length:N0} characters, {Vocabulary.Size} distinct; {Train.Count:N0} for training, {Validation.Count:N0} for validation";
}
