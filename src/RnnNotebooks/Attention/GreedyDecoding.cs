namespace RnnNotebooks.Attention;

/// <summary>
/// Greedy decoding: at every step write the likeliest next token, feed it back, and stop at the end
/// marker (not written) or after <c>maxLength</c> tokens. The start marker is never written, as in
/// <see cref="BeamSearch"/>. Fast, but a token chosen early is never revisited.
/// </summary>
public static class GreedyDecoding
{
    /// <summary>An output for every source (all of one length), written together as a batch.</summary>
    public static int[][] Decode(ISequenceToSequence model, int[][] sources, int maxLength)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(sources);
        if (maxLength < 1)
            throw new ArgumentOutOfRangeException(nameof(maxLength), maxLength, "maxLength must be at least 1 token.");
        int batch = sources.Length;
        var outputs = Enumerable.Range(0, batch).Select(_ => new List<int>()).ToArray();
        var prefixes = Enumerable.Range(0, batch).Select(_ => Array.Empty<int>()).ToArray();
        var finished = new bool[batch];
        for (int t = 0; t < maxLength && !finished.All(f => f); t++)
        {
            var logProbabilities = model.NextLogProbabilities(sources, prefixes);
            for (int b = 0; b < batch; b++)
            {
                var column = logProbabilities.Column(b);
                column[model.StartId] = double.NegativeInfinity;
                int next = column.MaximumIndex();
                prefixes[b] = [.. prefixes[b], next];           // finished outputs keep a prefix, ignored
                if (finished[b]) continue;
                if (next == model.EndId) finished[b] = true;
                else outputs[b].Add(next);
            }
        }
        return [.. outputs.Select(o => o.ToArray())];
    }
}
