using MathNet.Numerics.LinearAlgebra;
using RnnNotebooks.Recurrent;

namespace RnnNotebooks.Tests.Recurrent.NewKind;

/// <summary>The spec of a <see cref="MinimalGatedCell"/>: it has no options of its own.</summary>
public sealed record MinimalGatedSpec : CellSpec
{
    // The one registration line: the name saved files give this kind.
    static MinimalGatedSpec() => Register<MinimalGatedSpec>("Mgu");

    public override MinimalGatedCell Create(int inputSize, int hiddenSize, int seed = 0, string name = "",
        Func<int, int, Random, Matrix<double>>? inputInitializer = null, Func<int, int, Random, Matrix<double>>? recurrentInitializer = null) =>
        new(inputSize, hiddenSize, seed, name, inputInitializer, recurrentInitializer);
}
