using MathNet.Numerics.LinearAlgebra;
using RnnNotebooks.Layers;
using RnnNotebooks.Recurrent;
using RnnNotebooks.Text;

namespace RnnNotebooks.Tests.Recurrent;

/// <summary>Every place a learner can go wrong fails with an exception naming the argument, the value and what was expected.</summary>
public class ValidationTests
{
    static Matrix<double> Zeros(int rows, int cols) => Matrix<double>.Build.Dense(rows, cols);
    static readonly Vocabulary Letters = new("abc ");

    static T Throws<T>(string argument, string messagePart, Action action) where T : ArgumentException
    {
        var e = Assert.Throws<T>(action);
        Assert.Equal(argument, e.ParamName);
        Assert.Contains(messagePart, e.Message);
        return e;
    }

    [Fact]
    public void Non_positive_sizes_are_refused()
    {
        Throws<ArgumentOutOfRangeException>("inputSize", "must be positive", () => new RnnCell(0, 3));
        Throws<ArgumentOutOfRangeException>("hiddenSize", "-2", () => new LstmCell(3, -2));
        Throws<ArgumentOutOfRangeException>("hiddenSize", "must be positive", () => new GruCell(3, 0));
        Throws<ArgumentOutOfRangeException>("batchSize", "must be positive", () => new GruCell(3, 2).ZeroState(0));
        Throws<ArgumentOutOfRangeException>("layers", "must be positive", () => RecurrentStack.Create(CellKind.Lstm, 3, 4, layers: 0));
        Throws<ArgumentOutOfRangeException>("hiddenSize", "must be positive", () => new CharLanguageModel(Letters, hiddenSize: 0));
        Throws<ArgumentOutOfRangeException>("embeddingSize", "must be positive", () => new CharLanguageModel(Letters, embeddingSize: 0));
        Throws<ArgumentOutOfRangeException>("forgetBias", "finite", () => new LstmCell(2, 2, forgetBias: double.NaN));
        Throws<ArgumentOutOfRangeException>("activation", "Tanh or", () => new RnnCell(2, 2, (RnnActivation)7));
        Throws<ArgumentOutOfRangeException>("kind", "CellKind.Rnn", () => RecurrentCell.Create((CellKind)9, 2, 2));
    }

    [Fact]
    public void Wrong_input_and_state_shapes_are_refused()
    {
        var cell = new LstmCell(3, 4);
        var inputs = SequenceInput.Dense([Zeros(3, 2), Zeros(3, 2)]);
        Throws<ArgumentException>("inputs", "size D = 5 but this Lstm cell expects input size 3", () => cell.Forward(SequenceInput.Dense([Zeros(5, 2)])));
        Throws<ArgumentException>("initial", "H×B = 4×2", () => cell.Forward(inputs, new RecurrentState(Zeros(4, 3), Zeros(4, 3))));
        Throws<ArgumentException>("initial", "needs a cell state c of 4×2; got none", () => cell.Forward(inputs, new RecurrentState(Zeros(4, 2))));
        Throws<ArgumentException>("steps", "Input x_1 is 3×1 but x_0 is 3×2", () => SequenceInput.Dense([Zeros(3, 2), Zeros(3, 1)]));
        Throws<ArgumentException>("steps", "empty", () => SequenceInput.Dense([]));
        Throws<ArgumentOutOfRangeException>("ids", "Id 7 at step 1 is outside the vocabulary", () => SequenceInput.OneHot([[0], [7]], 4));
        Throws<ArgumentException>("ids", "Step 1 holds 1 ids but step 0 holds 2", () => SequenceInput.OneHot([[0, 1], [2]], 4));
        Throws<ArgumentOutOfRangeException>("size", "must be positive", () => SequenceInput.OneHot([[0]], 0));
        var sparse = Matrix<double>.Build.Sparse(3, 2);
        Throws<ArgumentException>("steps", "Input x_0 is not a dense matrix", () => SequenceInput.Dense([sparse]));
        Throws<ArgumentException>("initial", "dense matrices", () => cell.Forward(inputs, new RecurrentState(Matrix<double>.Build.Sparse(4, 2), Zeros(4, 2))));
        // An initialiser may return any storage: a sparse identity is copied into dense storage.
        var identity = new RnnCell(2, 3, recurrentInitializer: (r, c, _) => Matrix<double>.Build.SparseIdentity(r, c));
        Assert.Equal(Matrix<double>.Build.DenseIdentity(3), identity.RecurrentWeights.Value);
        Assert.NotNull(identity.RecurrentWeights.Value.AsColumnMajorArray());
    }

    [Fact]
    public void Backward_checks_its_trace_and_gradients()
    {
        var cell = new RnnCell(3, 4);
        var trace = cell.Forward(SequenceInput.Dense([Zeros(3, 2), Zeros(3, 2)]));
        Throws<ArgumentException>("outputGradients", "There are 1 output gradients but the trace has 2 time steps", () => cell.Backward(trace, [Zeros(4, 2)]));
        Throws<ArgumentException>("outputGradients", "dL/dh_1 is 4×3 but h_t is 4×2", () => cell.Backward(trace, [null, Zeros(4, 3)]));
        Throws<ArgumentException>("trace", "different cell", () => new RnnCell(3, 4).Backward(trace, [null, null]));
        Throws<ArgumentException>("finalStateGradient", "4×2", () => cell.Backward(trace, [null, null], new RecurrentState(Zeros(2, 2))));
    }

    [Fact]
    public void Stacks_refuse_layers_that_do_not_fit()
    {
        Throws<ArgumentException>("layers", "Layer 2 expects inputs of size 5 but layer 1 outputs h_t of size 4", () => new RecurrentStack([new RnnCell(3, 4), new GruCell(5, 2)]));
        Throws<ArgumentException>("layers", "at least one layer", () => new RecurrentStack([]));
        var stack = RecurrentStack.Create(CellKind.Gru, 3, 4, layers: 2);
        Throws<ArgumentException>("initial", "1 initial states for 2 layers", () => stack.Forward(SequenceInput.Dense([Zeros(3, 1)]), [new RecurrentState(Zeros(4, 1))]));
    }

    [Fact]
    public void Text_and_windows_are_checked()
    {
        Throws<ArgumentException>("text", "empty", () => TextWindows.Cut("", Letters, 3));
        Throws<ArgumentException>("ids", "empty", () => TextWindows.Cut([], 3));
        Throws<ArgumentException>("text", "'z' (U+007A) at position 2 is not in the vocabulary", () => TextWindows.Cut("abz", Letters, 1));
        Throws<ArgumentOutOfRangeException>("windowLength", "must be positive", () => TextWindows.Cut("abcabc", Letters, 0));
        var tooLong = Throws<ArgumentOutOfRangeException>("windowLength", "The window of 10 steps is longer than the data: 8 characters in 2 stream(s) give 3 predictable positions per stream", () => TextWindows.Cut("abcabcab", Letters, 10, batchSize: 2));
        Assert.Contains("10", tooLong.Message);
        Throws<ArgumentOutOfRangeException>("batchSize", "must be positive", () => TextWindows.Whole("abc", Letters, batchSize: 0));
        Throws<ArgumentOutOfRangeException>("batchSize", "3 characters split into 2 streams", () => TextWindows.Whole("abc", Letters, batchSize: 2));
    }

    [Fact]
    public void The_language_model_checks_prefixes_windows_and_batch_sizes()
    {
        var model = new CharLanguageModel(Letters, CellKind.Rnn, hiddenSize: 3);
        Throws<ArgumentException>("prefix", "The prefix is empty", () => model.Generate("", 5, new GreedySampler()));
        Throws<ArgumentException>("text", "'x' (U+0078) at position 1 is not in the vocabulary", () => model.Generate("ax", 5, new GreedySampler()));
        Throws<ArgumentOutOfRangeException>("length", "cannot be negative", () => model.Generate("a", -1, new GreedySampler()));
        Throws<ArgumentException>("context", "empty", () => model.NextCharacterProbabilities(""));
        Throws<ArgumentException>("text", "single character", () => model.Loss("a"));
        Throws<ArgumentOutOfRangeException>("window", "Character id 9 at step 0 is outside this model's vocabulary of 4 characters", () => model.ComputeGradients(new TextWindow([[9]], [[0]])));
        Throws<ArgumentException>("window", "1 input steps but 2 target steps", () => model.ComputeGradients(new TextWindow([[1]], [[0], [1]])));
        Throws<ArgumentException>("window", "empty", () => model.Loss(new TextWindow([], [])));

        model.ComputeGradients(TextWindows.Cut("abcabcabc", Letters, 2, batchSize: 2)[0]);
        Throws<ArgumentException>("window", "The carried state holds 2 sequences but this window has B = 1: call ResetState()", () => model.ComputeGradients(TextWindows.Cut("abcabc", Letters, 2)[0]));
        model.ResetState();
        model.ComputeGradients(TextWindows.Cut("abcabc", Letters, 2)[0]);
    }
}
