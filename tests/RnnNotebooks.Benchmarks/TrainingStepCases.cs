using MathNet.Numerics.LinearAlgebra;
using RnnNotebooks.Training;

namespace RnnNotebooks.Benchmarks;

/// <summary>
/// The rows of the performance table. The character language model lives on another
/// branch; when it is merged, add its rows in <see cref="LanguageModel"/> (see README.md here).
/// </summary>
public static class TrainingStepCases
{
    /// <summary>The reference vocabulary size (tiny Shakespeare's).</summary>
    public const int Vocabulary = 65;

    /// <summary>Every row: the language model's once wired, plus the update-only rows.</summary>
    public static IEnumerable<TrainingStepCase> All() => LanguageModel().Concat(UpdateOnly());

    /// <summary>
    /// Forward + BPTT + Adam for the language model, V = 65, T ∈ {25, 100}, B ∈ {1, 32},
    /// H ∈ {64, 100, 128, 256}, RNN and LSTM. Empty until the model is wired in, e.g.:
    /// <code>
    /// from cell in new[] { "RNN", "LSTM" } from h in new[] { 64, 100, 128, 256 }
    /// from t in new[] { 25, 100 } from b in new[] { 1, 32 }
    /// select new TrainingStepCase($"{cell} H={h} T={t} B={b}", b * t, () =&gt;
    /// {
    ///     var model = /* new CharLanguageModel(cell, Vocabulary, h, seed: 1) */;
    ///     var batch = /* seeded synthetic ids, B×(T+1) */;
    ///     return (model, step =&gt; model.TrainStep(batch));   // returns StepOutcome(loss, B·T, dL/dh norms)
    /// });
    /// </code>
    /// </summary>
    public static IEnumerable<TrainingStepCase> LanguageModel() => [];

    /// <summary>
    /// The part of every training step this branch owns, on the language model's parameter shapes:
    /// zero the gradients, clip by global norm, Adam. The step function only writes a fixed
    /// gradient (a memory copy), so these rows are the update's share of a training step.
    /// </summary>
    public static IEnumerable<TrainingStepCase> UpdateOnly() =>
        from cell in new[] { "RNN", "LSTM" }
        from h in new[] { 100, 128, 256 }
        select new TrainingStepCase($"update only, {cell} H={h}", 25, () => ParameterShapes(cell, h));

    static (IModel, Func<int, StepOutcome>) ParameterShapes(string cell, int hidden)
    {
        int gates = cell == "LSTM" ? 4 : 1;
        var model = new ParameterSet(
            Random("W_xh", gates * hidden, Vocabulary), Random("W_hh", gates * hidden, hidden), Random("b_h", gates * hidden, 1),
            Random("W_hy", Vocabulary, hidden), Random("b_y", Vocabulary, 1));
        var gradients = model.Parameters.Select(p => p.Value.Clone()).ToArray();
        return (model, _ =>
        {
            for (int i = 0; i < gradients.Length; i++) gradients[i].CopyTo(model.Parameters[i].Gradient);
            return new StepOutcome(1.0, 25);
        });
    }

    static Parameter Random(string name, int rows, int columns)
    {
        var random = new Random(rows * 31 + columns);
        return new Parameter(name, Matrix<double>.Build.Dense(rows, columns, (_, _) => random.NextDouble() * 0.2 - 0.1));
    }

    sealed class ParameterSet(params Parameter[] parameters) : IModel
    {
        public IReadOnlyList<Parameter> Parameters { get; } = parameters;
    }
}
