using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using MathNet.Numerics.LinearAlgebra;

namespace RnnNotebooks.Recurrent;

/// <summary>
/// What a recurrent layer is made of: the cell kind and that kind's own options, one record per kind
/// (<see cref="RnnSpec"/>, <see cref="LstmSpec"/>, <see cref="GruSpec"/>). Cells are created here and only here,
/// and <see cref="ModelFile"/> stores the spec as it is, so a new option of a cell is a new property of its spec
/// and nothing else. Example: <c>new CharLanguageModel(vocabulary, new LstmSpec(ForgetBias: 2), hiddenSize: 128)</c>.
/// <para>
/// A new cell kind is its cell (a <see cref="RecurrentCell"/>), its spec, and one registration line naming the
/// kind in saved files: a line of <c>Kinds</c> below for a kind of the library, or
/// <c>CellSpec.Register&lt;MySpec&gt;("Mine")</c> for one defined elsewhere (a test, a notebook).
/// </para>
/// </summary>
public abstract record CellSpec
{
    // The name of each kind in saved files ("kind": "Lstm"), one line per kind, in the order messages list them.
    static readonly List<(string Name, Type Spec)> Kinds =
    [
        (nameof(CellKind.Rnn), typeof(RnnSpec)),
        (nameof(CellKind.Lstm), typeof(LstmSpec)),
        (nameof(CellKind.Gru), typeof(GruSpec)),
    ];

    /// <summary>Names a cell kind defined outside the library, so that models using it can be saved and loaded:
    /// <c>CellSpec.Register&lt;MinimalGatedSpec&gt;("Mgu")</c>. Registering the same spec under the same name again does nothing.</summary>
    /// <exception cref="ArgumentException">The name is empty or already names another spec, or the spec already has another name.</exception>
    public static void Register<TSpec>(string kind) where TSpec : CellSpec
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(kind);
        lock (Kinds)
        {
            foreach (var (name, spec) in Kinds)
            {
                if (spec == typeof(TSpec) && name == kind) return;
                if (spec == typeof(TSpec))
                    throw new ArgumentException($"{spec.Name} is already registered as \"{name}\": a spec has one name in saved files.", nameof(kind));
                if (name == kind)
                    throw new ArgumentException($"The cell kind \"{kind}\" already names {spec.Name}: choose another name for {typeof(TSpec).Name}.", nameof(kind));
            }
            Kinds.Add((kind, typeof(TSpec)));
        }
    }

    /// <summary>The names of every cell kind a saved file may use, the library's first.</summary>
    public static IReadOnlyList<string> KnownKinds
    {
        get { lock (Kinds) return [.. Kinds.Select(k => k.Name)]; }
    }

    /// <summary>This spec's kind, as saved files name it ("Rnn", "Lstm", "Gru" or a registered name).</summary>
    /// <exception cref="InvalidOperationException">The spec's type was never registered.</exception>
    [JsonIgnore]
    public string Kind
    {
        get
        {
            lock (Kinds)
                foreach (var (name, spec) in Kinds)
                    if (spec == GetType()) return name;
            throw new InvalidOperationException($"The cell spec {GetType().Name} has no kind name: register it once with CellSpec.Register<{GetType().Name}>(\"{GetType().Name.Replace("Spec", "")}\").");
        }
    }

    // Tells System.Text.Json the registered kinds, for ModelFile: {"kind": "Lstm", "forgetBias": 1}.
    internal static void DescribeKinds(JsonTypeInfo info)
    {
        if (info.Type != typeof(CellSpec)) return;
        info.PolymorphismOptions = new JsonPolymorphismOptions { TypeDiscriminatorPropertyName = "kind" };
        lock (Kinds)
            foreach (var (name, spec) in Kinds) info.PolymorphismOptions.DerivedTypes.Add(new JsonDerivedType(spec, name));
    }

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
