using System.Diagnostics;
using MathNet.Numerics.LinearAlgebra;
using RnnNotebooks.Layers;
using RnnNotebooks.Recurrent;
using RnnNotebooks.Text;
using RnnNotebooks.Training;
using Xunit.Abstractions;

namespace RnnNotebooks.Tests.Recurrent;

/// <summary>
/// The experiment behind the LSTM: remember the first symbol of a 50-step sequence through 49 steps
/// of random distractors. An LSTM learns it; a plain tanh RNN of the same size, trained the same way
/// for the same number of steps, stays near chance because dL/dh_1 vanishes through 49 products with
/// W_hh·diag(1 − h²).
/// </summary>
public class LongRangeMemoryTests(ITestOutputHelper output)
{
    const int Length = 50;          // T: the answer is x_1, asked for at step 50
    const int Signals = 4;          // x_1 ∈ {0, 1, 2, 3}: chance is 25 %
    const int Distractors = 4;      // x_2 … x_50 ∈ {4, 5, 6, 7}, uniformly at random
    const int InputSize = Signals + Distractors;
    const int Hidden = 16;
    const int BatchSize = 32;
    const int StepBudget = 100;     // Adam steps for each model (B·T = 1600 characters per step)
    const double LearningRate = 0.003;
    // The LSTM's forget bias. The default 1 gives f ≈ σ(1) ≈ 0.73, and 0.73⁴⁹ ≈ 2e-7 of the memory
    // (and of its gradient) survives 49 steps at initialisation: measured, that LSTM stays at chance
    // within this budget. With 5, f ≈ 0.993 and 0.993⁴⁹ ≈ 0.7 survives (cf. the "chrono"
    // initialisation of Tallec & Ollivier 2018, b_f ~ log U(1, T−1)). Measured with this seed: 100 %
    // test accuracy after 50 and after 100 steps (loss 0.20); the plain RNN: 25 %. Seed-dependent: of initialisation seeds 1–4, seeds 1, 2 and 4 reach 100 % within
    // 150 steps, seed 3 plateaus near 75 % (two symbols merged) — the test pins seed 1.
    const double ForgetBias = 5.0;

    static (int[][] Ids, int[] Labels) MakeBatch(Random random, int batchSize)
    {
        var labels = Enumerable.Range(0, batchSize).Select(_ => random.Next(Signals)).ToArray();
        var ids = new int[Length][];
        ids[0] = labels.ToArray();
        for (int t = 1; t < Length; t++)
            ids[t] = Enumerable.Range(0, batchSize).Select(_ => Signals + random.Next(Distractors)).ToArray();
        return (ids, labels);
    }

    // A classifier reading h_T: logits = W·h_T + b, softmax cross-entropy against x_1.
    sealed class Recall : IModel
    {
        public Recall(RecurrentCell cell, int seed)
        {
            var random = new Random(seed);
            Cell = cell;
            W = new Parameter("W_hy", Matrix<double>.Build.Dense(Signals, cell.HiddenSize, (_, _) => 0.1 * (2 * random.NextDouble() - 1)));
            B = new Parameter("b_y", Matrix<double>.Build.Dense(Signals, 1));
        }

        public RecurrentCell Cell { get; }
        public Parameter W { get; }
        public Parameter B { get; }
        public IReadOnlyList<Parameter> Parameters => [.. Cell.Parameters, W, B];

        public Matrix<double> Probabilities(SequenceTrace trace)
        {
            var p = W.Value * trace.Final.Hidden;
            for (int b = 0; b < p.ColumnCount; b++)
            {
                for (int i = 0; i < Signals; i++) p[i, b] += B.Value[i, 0];
                Softmax.Normalize(p.AsColumnMajorArray().AsSpan(b * Signals, Signals));
            }
            return p;
        }

        public double TrainStep(int[][] ids, int[] labels)
        {
            var trace = Cell.Forward(SequenceInput.OneHot(ids, InputSize));
            var dy = Probabilities(trace);
            double loss = 0;
            for (int b = 0; b < labels.Length; b++)
            {
                loss -= Math.Log(dy[labels[b], b]);
                dy[labels[b], b] -= 1;                // dL/dy = p − one-hot(label)
            }
            dy.Divide(labels.Length, dy);
            foreach (var p in Parameters) p.ZeroGradient();
            W.Gradient.SetSubMatrix(0, 0, dy.TransposeAndMultiply(trace.Final.Hidden));
            B.Gradient.SetColumn(0, dy.RowSums());
            var dh = new Matrix<double>?[Length];
            dh[^1] = W.Value.TransposeThisAndMultiply(dy);   // only the last step is read
            Cell.Backward(trace, dh);
            return loss / labels.Length;
        }

        public double Accuracy(int[][] ids, int[] labels)
        {
            var p = Probabilities(Cell.Forward(SequenceInput.OneHot(ids, InputSize)));
            return Enumerable.Range(0, labels.Length).Count(b => p.Column(b).MaximumIndex() == labels[b]) / (double)labels.Length;
        }
    }

    double TrainAndMeasure(RecurrentCell cell, string label)
    {
        var model = new Recall(cell, seed: 5);
        var adam = new Adam(LearningRate);
        var data = new Random(42);                      // the same batches for both models
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        for (int step = 1; step <= StepBudget; step++)
        {
            var (ids, labels) = MakeBatch(data, BatchSize);
            double loss = model.TrainStep(ids, labels);
            adam.Step(model.Parameters);
            if (step % 50 == 0) output.WriteLine($"{label} step {step}: loss {loss:F3}");
        }
        var (testIds, testLabels) = MakeBatch(new Random(7), 1000);
        double accuracy = model.Accuracy(testIds, testLabels);
        output.WriteLine($"{label}: test accuracy {accuracy:P1} after {StepBudget} steps ({clock.Elapsed.TotalSeconds:F1} s wall, {(Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds:F1} s CPU)");
        return accuracy;
    }

    [Fact]
    public void LstmCell_recalls_the_first_of_50_symbols_where_a_plain_RnnCell_stays_near_chance()
    {
        double lstm = TrainAndMeasure(new LstmCell(InputSize, Hidden, ForgetBias, seed: 1), "LSTM");
        double rnn = TrainAndMeasure(new RnnCell(InputSize, Hidden, RnnActivation.Tanh, seed: 1), "RNN");

        Assert.True(lstm >= 0.95, $"The LSTM reached only {lstm:P1} (needs ≥ 95 %).");
        Assert.True(rnn <= 1.0 / Signals + 0.10, $"The plain RNN reached {rnn:P1}, more than chance (25 %) + 10 points.");
    }
}
