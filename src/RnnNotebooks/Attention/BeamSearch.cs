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
        ArgumentNullException.ThrowIfNull(source);
        return Decode(model, [source], beamWidth, maxLength)[0];
    }

    /// <summary>
    /// The beam search of <see cref="Decode(ISequenceToSequence, int[], int, int)"/> for every source (all of one
    /// length) at once: each step asks the model about every live beam of every source in one batch, which is
    /// far faster than one search after another and finds the same outputs.
    /// </summary>
    public static (int[] Output, double LogProbability)[] Decode(ISequenceToSequence model, int[][] sources, int beamWidth, int maxLength)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(sources);
        if (beamWidth < 1)
            throw new ArgumentOutOfRangeException(nameof(beamWidth), beamWidth, "The beam width must be at least 1 (1 is greedy decoding).");
        if (maxLength < 1)
            throw new ArgumentOutOfRangeException(nameof(maxLength), maxLength, "maxLength must be at least 1 token.");
        var beams = sources.Select(_ => new List<(int[] Prefix, double LogP)> { ([], 0.0) }).ToArray();
        var best = new (int[] Output, double LogP)?[sources.Length];
        for (int t = 0; t < maxLength && beams.Any(b => b.Count > 0); t++)
        {
            // One batch: a column per live beam, beam k of source s at column start[s] + k.
            var start = new int[sources.Length];
            for (int s = 1; s < sources.Length; s++) start[s] = start[s - 1] + beams[s - 1].Count;
            var logProbabilities = model.NextLogProbabilities(
                [.. sources.SelectMany((source, s) => beams[s].Select(_ => source))],
                [.. beams.SelectMany(beam => beam.Select(b => b.Prefix))]);
            for (int s = 0; s < sources.Length; s++)
            {
                var beam = beams[s];
                var candidates = new List<(int[] Prefix, double LogP, bool Ends)>();
                for (int k = 0; k < beam.Count; k++)
                    for (int token = 0; token < model.VocabularySize; token++)
                    {
                        if (token == model.StartId) continue;
                        double logP = beam[k].LogP + logProbabilities[token, start[s] + k];
                        bool ends = token == model.EndId || t == maxLength - 1;
                        candidates.Add((token == model.EndId ? beam[k].Prefix : [.. beam[k].Prefix, token], logP, ends));
                    }
                beam.Clear();
                foreach (var c in candidates.OrderByDescending(c => c.LogP).Take(beamWidth))
                    if (c.Ends) { if (best[s] is null || c.LogP > best[s]!.Value.LogP) best[s] = (c.Prefix, c.LogP); }
                    else beam.Add((c.Prefix, c.LogP));
                // Log-probabilities only fall as an output grows: once the best finished output beats every
                // partial one, no extension can overtake it.
                if (best[s] is { } done && beam.All(b => b.LogP <= done.LogP)) beam.Clear();
            }
        }
        return [.. best.Select(b => b!.Value)];
    }
}
