using RnnNotebooks.Attention;

namespace RnnNotebooks.Tests.Attention;

/// <summary>
/// Beam search on small untrained models (random weights give uneven, seeded distributions): against every
/// possible output enumerated, against greedy decoding at width 1, and batched against one source at a time.
/// </summary>
public class BeamSearchTests
{
    // Letters 0 and 1, <s> = 2, <e> = 3.
    static readonly Seq2Seq Model = new(vocabularySize: 4, hiddenSize: 5, attention: true, startId: 2, endId: 3, seed: 7);
    static readonly int[][] Sources = [[0, 1, 1], [1, 1, 0], [0, 0, 0], [1, 0, 1]];

    /// <summary>log p(output | source): each token's log-probability, then &lt;e&gt; unless the output is maxLength long.</summary>
    static double LogProbability(int[] source, int[] output, int maxLength)
    {
        double sum = 0;
        for (int t = 0; t <= output.Length && t < maxLength; t++)
            sum += Model.NextLogProbabilities([source], [output[..t]])[t < output.Length ? output[t] : Model.EndId, 0];
        return sum;
    }

    static IEnumerable<int[]> AllOutputs(int maxLength) =>
        Enumerable.Range(0, maxLength + 1).SelectMany(length =>
            Enumerable.Range(0, 1 << length).Select(bits => Enumerable.Range(0, length).Select(i => (bits >> i) & 1).ToArray()));

    [Fact]
    public void A_beam_wide_enough_to_keep_every_prefix_finds_the_likeliest_of_all_outputs()
    {
        const int maxLength = 4;
        foreach (var source in Sources)
        {
            var likeliest = AllOutputs(maxLength).MaxBy(y => LogProbability(source, y, maxLength))!;
            var (output, logP) = BeamSearch.Decode(Model, source, beamWidth: 1 << maxLength, maxLength);
            Assert.Equal(likeliest, output);
            Assert.Equal(LogProbability(source, likeliest, maxLength), logP, 1e-12);
        }
    }

    [Fact]
    public void Width_one_is_greedy_decoding()
    {
        var greedy = GreedyDecoding.Decode(Model, Sources, maxLength: 5);
        var beam = BeamSearch.Decode(Model, Sources, beamWidth: 1, maxLength: 5);
        Assert.Equal(greedy, beam.Select(b => b.Output));
    }

    [Fact]
    public void Searching_sources_together_finds_what_searching_each_alone_finds()
    {
        var together = BeamSearch.Decode(Model, Sources, beamWidth: 3, maxLength: 5);
        for (int s = 0; s < Sources.Length; s++)
        {
            var alone = BeamSearch.Decode(Model, Sources[s], beamWidth: 3, maxLength: 5);
            Assert.Equal(alone.Output, together[s].Output);
            Assert.Equal(alone.LogProbability, together[s].LogProbability, 1e-12);
        }
    }

    [Fact]
    public void A_width_below_one_is_refused_with_what_one_means() =>
        Assert.Contains("1 is greedy decoding", Assert.Throws<ArgumentOutOfRangeException>(() => BeamSearch.Decode(Model, Sources, 0, 5)).Message);
}
