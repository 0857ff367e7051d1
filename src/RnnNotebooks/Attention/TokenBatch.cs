namespace RnnNotebooks.Attention;

/// <summary>The checks and layouts a batch of token sequences goes through: example by example
/// (sequences[b][t]) as the caller writes it, step by step ([t][b]) as a recurrent layer reads it.</summary>
internal static class TokenBatch
{
    /// <summary>Checks that there is at least one sequence, all of one length (≥ 1 unless
    /// <paramref name="mayBeEmpty"/>), with ids below <paramref name="vocabularySize"/>.</summary>
    public static int Length(int[][] sequences, int vocabularySize, string what, string paramName, bool mayBeEmpty = false)
    {
        ArgumentNullException.ThrowIfNull(sequences, paramName);
        if (sequences.Length == 0)
            throw new ArgumentException($"There are no {what}: a batch needs at least one sequence.", paramName);
        int length = sequences[0]?.Length ?? throw new ArgumentNullException(paramName, $"{what} 0 is null.");
        if (length == 0 && !mayBeEmpty)
            throw new ArgumentException($"The {what} are empty: each needs at least one token.", paramName);
        for (int b = 0; b < sequences.Length; b++)
        {
            if (sequences[b] is null || sequences[b].Length != length)
                throw new ArgumentException($"The {what} of example {b} has {sequences[b]?.Length ?? 0} tokens but example 0 has {length}: a batch holds {what} of one length (group the examples by length).", paramName);
            foreach (int id in sequences[b])
                if ((uint)id >= (uint)vocabularySize)
                    throw new ArgumentOutOfRangeException(paramName, id, $"Token id {id} in the {what} of example {b} is outside the vocabulary 0 … {vocabularySize - 1}.");
        }
        return length;
    }

    /// <summary>[t][b] from [b][t].</summary>
    public static int[][] StepMajor(int[][] sequences) =>
        [.. Enumerable.Range(0, sequences[0].Length).Select(t => sequences.Select(s => s[t]).ToArray())];

    /// <summary>Teacher forcing: the decoder reads &lt;start&gt; y_1 … y_m and must write y_1 … y_m &lt;end&gt;.
    /// Both [t][b].</summary>
    public static (int[][] Inputs, int[][] Targets) TeacherForcing(int[][] targets, int startId, int endId)
    {
        int m = targets[0].Length;
        var inputs = Enumerable.Range(0, m + 1).Select(t => targets.Select(y => t == 0 ? startId : y[t - 1]).ToArray()).ToArray();
        var outputs = Enumerable.Range(0, m + 1).Select(t => targets.Select(y => t < m ? y[t] : endId).ToArray()).ToArray();
        return (inputs, outputs);
    }

    /// <summary>The targets of every step and example in the column order of step-major matrices: column t·B + b.</summary>
    public static int[] Flatten(int[][] stepMajor) => [.. stepMajor.SelectMany(step => step)];
}
