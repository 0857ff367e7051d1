using System.Text.Json.Serialization;
using MathNet.Numerics.LinearAlgebra;

namespace RnnNotebooks.Recurrent;

/// <summary>
/// What a recurrent layer is made of: the cell kind and that kind's own options, one record per kind
/// (<see cref="RnnSpec"/>, <see cref="LstmSpec"/>, <see cref="GruSpec"/>). Cells are created here and only here,
/// and <see cref="ModelFile"/> stores the spec as it is, so a new option of a cell is a new property of its spec
/// and nothing else. Example: <c>new CharLanguageModel(vocabulary, new LstmSpec(ForgetBias: 2), hiddenSize: 128)</c>.
/// <para>
/// A new cell kind adds its cell (a <see cref="RecurrentCell"/>), its spec, a member of <see cref="CellKind"/> and
/// its <c>JsonDerivedType</c> line below, which names it in saved files.
/// </para>
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(RnnSpec), nameof(CellKind.Rnn))]
[JsonDerivedType(typeof(LstmSpec), nameof(CellKind.Lstm))]
[JsonDerivedType(typeof(GruSpec), nameof(CellKind.Gru))]
public abstract record CellSpec
{
    /// <summary>Which kind of cell this spec makes.</summary>
    [JsonIgnore]
    public abstract CellKind Kind { get; }

    /// <summary>A cell of this kind reading inputs of size <paramref name="inputSize"/> with <paramref name="hiddenSize"/> units.</summary>
    /// <param name="inputSize">D, the size of x_t.</param>
    /// <param name="hiddenSize">H, the size of h_t.</param>
    /// <param name="seed">Seed of the default uniform initialisation.</param>
    /// <param name="name">Prefix of the parameter names, e.g. "layer1.".</param>
    /// <param name="inputInitializer">Optional (rows, columns, random) → matrix for the input weights W_x·.</param>
    /// <param name="recurrentInitializer">Optional (rows, columns, random) → matrix for the recurrent weights W_h·.</param>
    public abstract RecurrentCell Create(int inputSize, int hiddenSize, int seed = 0, string name = "",
        Func<int, int, Random, Matrix<double>>? inputInitializer = null,
        Func<int, int, Random, Matrix<double>>? recurrentInitializer = null);

    /// <summary>The spec of <paramref name="kind"/> with the options the shorter constructors take
    /// (<paramref name="activation"/> applies to RNN cells only, <paramref name="forgetBias"/> to LSTM cells only).</summary>
    public static CellSpec Of(CellKind kind, RnnActivation activation = RnnActivation.Tanh, double forgetBias = 1.0) => kind switch
    {
        CellKind.Rnn => new RnnSpec(activation),
        CellKind.Lstm => new LstmSpec(forgetBias),
        CellKind.Gru => new GruSpec(),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "The cell kind must be CellKind.Rnn, CellKind.Lstm or CellKind.Gru."),
    };
}
