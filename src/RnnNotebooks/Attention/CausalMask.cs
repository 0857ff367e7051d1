namespace RnnNotebooks.Attention;

/// <summary>
/// The mask of a model that predicts the next token: position j may attend to positions 0 … j, never to
/// the future it is asked to predict. Entry [i, j] (key i, query j) is true when i ≤ j.
/// </summary>
public static class CausalMask
{
    /// <summary>The n×n causal mask.</summary>
    public static bool[,] Of(int length)
    {
        if (length <= 0)
            throw new ArgumentOutOfRangeException(nameof(length), length, "A causal mask needs a sequence of at least one position.");
        var allowed = new bool[length, length];
        for (int j = 0; j < length; j++)
            for (int i = 0; i <= j; i++) allowed[i, j] = true;
        return allowed;
    }
}
