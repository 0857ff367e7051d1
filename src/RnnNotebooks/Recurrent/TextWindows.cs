using RnnNotebooks.Text;

namespace RnnNotebooks.Recurrent;

/// <summary>
/// A text cut into the windows backpropagation through time (BPTT) trains on, full or truncated.
/// <para><b>Full BPTT</b> unrolls the network over the whole sequence and backpropagates from the
/// last step to the first: exact, but memory and time grow with the length.</para>
/// <para><b>Truncated BPTT</b> with window k: cut each sequence into windows of k steps, run forward
/// from the state the previous window ended in (carried forward, so the model still sees the whole
/// past), but backpropagate only inside the window: the carried-in state is treated as a constant,
/// so no gradient crosses a window boundary. A language model carries its state in
/// <see cref="CharLanguageModel.State"/>.</para>
/// With B &gt; 1 the text is split into B contiguous streams, one per batch column, so that column b of
/// window n+1 continues column b of window n.
/// </summary>
public static class TextWindows
{
    /// <summary>
    /// Truncated-BPTT windows of <paramref name="windowLength"/> steps over <paramref name="ids"/>,
    /// split into <paramref name="batchSize"/> streams; a last window shorter than k is dropped.
    /// Example: <c>TextWindows.Cut(vocab.Encode(text), windowLength: 25, batchSize: 8)</c>.
    /// </summary>
    public static IReadOnlyList<TextWindow> Cut(int[] ids, int windowLength, int batchSize = 1)
    {
        int streamLength = StreamLength(ids, batchSize);
        if (windowLength <= 0)
            throw new ArgumentOutOfRangeException(nameof(windowLength), windowLength, "The window length k must be positive (25 is typical).");
        if (windowLength > streamLength - 1)
            throw new ArgumentOutOfRangeException(nameof(windowLength), windowLength,
                $"The window of {windowLength} steps is longer than the data: {ids.Length} characters in {batchSize} stream(s) give {streamLength - 1} predictable positions per stream. " +
                "Use a shorter window, fewer streams (batch size) or more text.");
        var windows = new List<TextWindow>();
        for (int start = 0; start + windowLength <= streamLength - 1; start += windowLength)
            windows.Add(Window(ids, streamLength, start, windowLength, batchSize));
        return windows;
    }

    /// <summary>Truncated-BPTT windows over <paramref name="text"/>, encoded with <paramref name="vocabulary"/>.</summary>
    public static IReadOnlyList<TextWindow> Cut(string text, Vocabulary vocabulary, int windowLength, int batchSize = 1)
    {
        ArgumentNullException.ThrowIfNull(vocabulary);
        return Cut(Encode(text, vocabulary), windowLength, batchSize);
    }

    /// <summary>
    /// Full BPTT: one window over each whole stream (of length ⌊N/B⌋ − 1 steps), so gradients flow
    /// from the last character back to the first.
    /// </summary>
    public static TextWindow Whole(int[] ids, int batchSize = 1)
    {
        int streamLength = StreamLength(ids, batchSize);
        return Window(ids, streamLength, 0, streamLength - 1, batchSize);
    }

    /// <summary>Full BPTT over <paramref name="text"/>, encoded with <paramref name="vocabulary"/>.</summary>
    public static TextWindow Whole(string text, Vocabulary vocabulary, int batchSize = 1)
    {
        ArgumentNullException.ThrowIfNull(vocabulary);
        return Whole(Encode(text, vocabulary), batchSize);
    }

    static int[] Encode(string text, Vocabulary vocabulary)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length == 0)
            throw new ArgumentException("The text is empty: load some text before cutting it into windows.", nameof(text));
        return vocabulary.Encode(text);
    }

    // Each of the B streams holds ⌊N/B⌋ consecutive characters; stream b starts at b·⌊N/B⌋.
    static int StreamLength(int[] ids, int batchSize)
    {
        ArgumentNullException.ThrowIfNull(ids);
        if (ids.Length == 0)
            throw new ArgumentException("The text is empty: there is nothing to learn from.", nameof(ids));
        if (batchSize <= 0)
            throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, "The batch size B must be positive.");
        int streamLength = ids.Length / batchSize;
        if (streamLength < 2)
            throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize,
                $"{ids.Length} characters split into {batchSize} streams leave fewer than 2 characters per stream: use a smaller batch size or more text.");
        return streamLength;
    }

    static TextWindow Window(int[] ids, int streamLength, int start, int length, int batchSize)
    {
        var inputs = new int[length][];
        var targets = new int[length][];
        for (int t = 0; t < length; t++)
        {
            inputs[t] = new int[batchSize];
            targets[t] = new int[batchSize];
            for (int b = 0; b < batchSize; b++)
            {
                int position = b * streamLength + start + t;
                inputs[t][b] = ids[position];
                targets[t][b] = ids[position + 1];
            }
        }
        return new TextWindow(inputs, targets);
    }
}
