using MathNet.Numerics.LinearAlgebra;
using RnnNotebooks.Recurrent;
using RnnNotebooks.Training;

namespace RnnNotebooks.Benchmarks;

/// <summary>
/// The rows of the issue's performance table: the character language model (fast path and
/// reference) and the update-only rows; <c>--rows</c> narrows them (see README.md here).
/// </summary>
public static class TrainingStepCases
{
    /// <summary>The reference vocabulary size (tiny Shakespeare's).</summary>
    public const int Vocabulary = 65;

    /// <summary>
    /// Every row (the language model's, then the update-only rows), narrowed by <see cref="Filter"/>.
    /// </summary>
    public static IEnumerable<TrainingStepCase> All() =>
        LanguageModel().Concat(UpdateOnly()).Where(row => Filter.Count == 0 || Filter.Any(pattern => Matches(row.Name, pattern)));

    /// <summary>
    /// Row-name patterns from <c>--rows</c> (comma-separated, <c>*</c> matches anything): BenchmarkDotNet's
    /// own <c>--filter</c> cannot see parameter values, so Program.cs takes this option off the command line.
    /// Example: <c>--rows "LSTM H=128 T=25 *,RNN H=100 T=25 B=1 *"</c>.
    /// </summary>
    public static List<string> Filter { get; } = [];

    /// <summary>
    /// Forward + BPTT for the character language model (<see cref="CharLanguageModel.ComputeGradients(TextWindow)"/>,
    /// state carried from step to step) on a fixed seeded batch of B random sequences over V = 65:
    /// RNN, LSTM and GRU, H ∈ {64, 100, 128, 256}, T ∈ {25, 100}, B ∈ {1, 32}, and two-layer LSTM and GRU at
    /// H = 128, T = 25; each on the fast path in float64 and float32 (<see cref="CharLanguageModel.Precision"/>) and on
    /// the reference cells (<see cref="CharLanguageModel.UseFastPath"/> = false).
    /// </summary>
    public static IEnumerable<TrainingStepCase> LanguageModel() =>
        (from cell in new[] { CellKind.Rnn, CellKind.Lstm, CellKind.Gru }
         from h in new[] { 64, 100, 128, 256 }
         from t in new[] { 25, 100 }
         from b in new[] { 1, 32 }
         from way in Ways
         select Row(cell, layers: 1, h, t, b, way))
        .Concat(
         from cell in new[] { CellKind.Lstm, CellKind.Gru }
         from b in new[] { 1, 32 }
         from way in Ways
         select Row(cell, layers: 2, 128, 25, b, way));

    // The fast path in float64 (the default) and float32, and the reference cells.
    static readonly (string Name, bool Fast, FloatPrecision Precision)[] Ways =
        [("fast", true, FloatPrecision.Float64), ("fast f32", true, FloatPrecision.Float32), ("reference", false, FloatPrecision.Float64)];

    static TrainingStepCase Row(CellKind cell, int layers, int h, int t, int b, (string Name, bool Fast, FloatPrecision Precision) way) =>
        new($"{(layers > 1 ? $"{layers}-layer " : "")}{cell.ToString().ToUpperInvariant()} H={h} T={t} B={b} {way.Name}", b * t,
            () => LanguageModelStep(cell, layers, h, t, b, way.Fast, way.Precision));

    static (IModel, Func<int, StepOutcome>) LanguageModelStep(CellKind cell, int layers, int hidden, int length, int batch, bool fast, FloatPrecision precision)
    {
        var vocabulary = new RnnNotebooks.Text.Vocabulary(Enumerable.Range(0, Vocabulary).Select(i => (char)('!' + i)));
        var model = new CharLanguageModel(vocabulary, cell, hidden, layers: layers, seed: 1) { UseFastPath = fast, Precision = precision };
        var random = new Random(hidden * 1000 + length * 10 + batch);
        var ids = Enumerable.Range(0, length + 1).Select(_ => Enumerable.Range(0, batch).Select(_ => random.Next(Vocabulary)).ToArray()).ToArray();
        var window = new TextWindow(ids[..length], ids[1..]);
        return (model, _ =>
        {
            var result = model.ComputeGradients(window);
            return new StepOutcome(result.Loss, result.Characters, result.HiddenGradientNorms[0]);
        });
    }

    static bool Matches(string name, string pattern) =>
        System.Text.RegularExpressions.Regex.IsMatch(name,
            "^" + System.Text.RegularExpressions.Regex.Escape(pattern.Trim()).Replace("\\*", ".*") + "$",
            System.Text.RegularExpressions.RegexOptions.IgnoreCase);

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
