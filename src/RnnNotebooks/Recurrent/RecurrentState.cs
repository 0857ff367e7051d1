using MathNet.Numerics.LinearAlgebra;
using RnnNotebooks.Layers;

namespace RnnNotebooks.Recurrent;

/// <summary>
/// The memory a recurrent layer carries from one time step to the next, for a batch of B sequences
/// (one per column): the hidden state h (H×B) and, for the LSTM only, the cell state c (H×B).
/// The same type holds the gradient of the loss with respect to a state (dL/dh, dL/dc).
/// </summary>
/// <param name="Hidden">h: H×B, one column per sequence of the batch.</param>
/// <param name="Cell">c: H×B for an <see cref="LstmCell"/>; null for cells without a cell state.</param>
public sealed record RecurrentState(Matrix<double> Hidden, Matrix<double>? Cell = null) : LayerState
{
    /// <summary>H, the number of hidden units.</summary>
    public int HiddenSize => Hidden.RowCount;

    /// <summary>B, how many sequences the state carries side by side.</summary>
    public int BatchSize => Hidden.ColumnCount;

    /// <summary>A deep copy: the carried state of truncated BPTT must not alias a trace's matrices.</summary>
    public RecurrentState Copy() => new(Hidden.Clone(), Cell?.Clone());

    /// <summary>The all-zero state of a layer with <paramref name="hiddenSize"/> units for
    /// <paramref name="batchSize"/> sequences.</summary>
    public static RecurrentState Zeros(int hiddenSize, int batchSize, bool withCell) => new(
        Matrix<double>.Build.Dense(hiddenSize, batchSize),
        withCell ? Matrix<double>.Build.Dense(hiddenSize, batchSize) : null);
}
