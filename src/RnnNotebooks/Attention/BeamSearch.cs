namespace RnnNotebooks.Attention;

/// <summary>
/// Beam search: keep the <c>beamWidth</c> likeliest partial outputs (by the sum of their tokens'
/// log-probabilities), extend each by every token, keep the best <c>beamWidth</c> again, and set aside an
/// output when it ends. The answer is the finished output of highest log-probability. Width 1 is greedy
/// decoding; a wider beam can recover from a first token that looked best but leads nowhere. Outputs are
/// compared by their total log-probability (no length normalisation).
/// </summary>
public static class BeamSearch
{
    /// <summary>The likeliest output the beam finds for <paramref name="source"/>, and its log-probability.</summary>
    public static (int[] Output, double LogProbability) Decode(ISequenceToSequence model, int[] source, int beamWidth, int maxLength)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(source);
        if (beamWidth < 1)
            throw new ArgumentOutOfRangeException(nameof(beamWidth), beamWidth, "The beam width must be at least 1 (1 is greedy decoding).");
        if (maxLength < 1)
            throw new ArgumentOutOfRangeException(nameof(maxLength), maxLength, "maxLength must be at least 1 token.");
        var beam = new List<(int[] Prefix, double LogP)> { ([], 0.0) };
        (int[] Output, double LogP)? best = null;
        for (int t = 0; t < maxLength && beam.Count > 0; t++)
        {
            var logProbabilities = model.NextLogProbabilities([.. beam.Select(_ => source)], [.. beam.Select(b => b.Prefix)]);
            var candidates = new List<(int[] Prefix, double LogP, bool Ends)>();
            for (int k = 0; k < beam.Count; k++)
                for (int token = 0; token < model.VocabularySize; token++)
                {
                    if (token == model.StartId) continue;
                    double logP = beam[k].LogP + logProbabilities[token, k];
                    bool ends = token == model.EndId || t == maxLength - 1;
                    candidates.Add((token == model.EndId ? beam[k].Prefix : [.. beam[k].Prefix, token], logP, ends));
                }
            beam.Clear();
            foreach (var c in candidates.OrderByDescending(c => c.LogP).Take(beamWidth))
                if (c.Ends) { if (best is null || c.LogP > best.Value.LogP) best = (c.Prefix, c.LogP); }
                else beam.Add((c.Prefix, c.LogP));
            // Log-probabilities only fall as an output grows: once the best finished output beats every
            // partial one, no extension can overtake it.
            if (best is { } done && beam.All(b => b.LogP <= done.LogP)) break;
        }
        return best!.Value;
    }
}
