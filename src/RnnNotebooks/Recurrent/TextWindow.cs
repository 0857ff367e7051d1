namespace RnnNotebooks.Recurrent;

/// <summary>
/// One training window of a character model for B sequences side by side: at step t, sequence b
/// reads <c>Inputs[t][b]</c> and must predict the next character, <c>Targets[t][b]</c>.
/// Made by <see cref="TextWindows.Cut(int[], int, int)"/>.
/// </summary>
/// <param name="Inputs">Character ids, [time step][sequence].</param>
/// <param name="Targets">The ids that follow them, [time step][sequence].</param>
public sealed record TextWindow(int[][] Inputs, int[][] Targets)
{
    /// <summary>T, the number of time steps.</summary>
    public int Length => Inputs.Length;

    /// <summary>B, the number of sequences.</summary>
    public int BatchSize => Inputs.Length == 0 ? 0 : Inputs[0].Length;

    /// <summary>T·B, the number of characters predicted (the denominator of the loss per character).</summary>
    public int Characters => Length * BatchSize;
}
