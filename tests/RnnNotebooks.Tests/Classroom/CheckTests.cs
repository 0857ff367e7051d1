using MathNet.Numerics.LinearAlgebra;
using RnnNotebooks.Classroom;
using RnnNotebooks.Display;
using RnnNotebooks.Tests.Display;
using RnnNotebooks.Training;

namespace RnnNotebooks.Tests.Classroom;

/// <summary>
/// The exercise checks: each shows one verdict through the live-output sink (captured here), fails on
/// wrong answers with a detail that describes the answer and never the expected values.
/// </summary>
[Collection(PlotlyJsSession.Name)] // swaps the process-wide live-output sink
public sealed class CheckTests
{
    sealed class Capture : ILiveOutputSink, ILiveOutput
    {
        public List<LiveContent> Shown { get; } = [];
        public ILiveOutput Display(LiveContent content) { Update(content); return this; }
        public void Update(LiveContent content) { lock (Shown) if (content.Text.StartsWith('✓') || content.Text.StartsWith('✗')) Shown.Add(content); }
    }

    static LiveContent Single(Action check)
    {
        var previous = LiveOutput.Sink;
        var capture = new Capture();
        LiveOutput.Sink = capture;
        try { check(); }
        finally { LiveOutput.Sink = previous; }
        return Assert.Single(capture.Shown);
    }

    static double Square(double x) => x * x;

    [Fact]
    public void A_close_number_passes_and_names_the_checked_expression()
    {
        var shown = Single(() => Check.Close(Square(3), expected: () => 9.0));
        Assert.Equal("✓ PASS  Square(3)", shown.Text);
        Assert.Contains(CheckFormatter.PassClass, shown.Html);
        Assert.DoesNotContain(CheckFormatter.FailClass, shown.Html);
    }

    [Fact]
    public void A_wrong_number_fails_with_the_answer_and_the_hint_but_not_the_expected_value()
    {
        var shown = Single(() => Check.Close(0.5, expected: () => 0.123456, hint: "tanh'(a) = 1 − tanh²(a)"));
        Assert.StartsWith("✗ FAIL  0.5: is 0.5, off by 0.3765", shown.Text);
        Assert.Contains("Hint: tanh'(a) = 1 − tanh²(a)", shown.Text);
        Assert.DoesNotContain("0.1234", shown.Text);
        Assert.Contains(CheckFormatter.FailClass, shown.Html);
        Assert.Contains("Hint:", shown.Html);
    }

    [Fact]
    public void The_tolerance_is_relative_for_large_numbers_and_absolute_for_small_ones()
    {
        Assert.StartsWith("✓", Single(() => Check.Close(1e6 + 0.5, expected: () => 1e6, tolerance: 1e-6)).Text);
        Assert.StartsWith("✗", Single(() => Check.Close(1e6 + 2, expected: () => 1e6, tolerance: 1e-6)).Text);
        Assert.StartsWith("✓", Single(() => Check.Close(5e-7, expected: () => 1e-9, tolerance: 1e-6)).Text);
        Assert.StartsWith("✗", Single(() => Check.Close(2e-6, expected: () => 0.0, tolerance: 1e-6)).Text);
    }

    [Fact]
    public void A_vector_of_the_wrong_length_fails_on_its_shape()
    {
        var expected = Vector<double>.Build.Dense(3, 1.0);
        var actual = Vector<double>.Build.Dense(2, 1.0);
        var shown = Single(() => Check.Close(actual, expected: () => expected));
        Assert.Equal("✗ FAIL  actual: has shape 2, expected 3.", shown.Text);
    }

    [Fact]
    public void A_matrix_fails_on_its_worst_entry_and_counts_the_entries_that_are_off()
    {
        var expected = Matrix<double>.Build.DenseOfArray(new double[,] { { 1, 2 }, { 3, 4 } });
        var actual = Matrix<double>.Build.DenseOfArray(new double[,] { { 1, 2.1 }, { 3, 5 } });
        var shown = Single(() => Check.Close(actual, expected: () => expected));
        Assert.Equal("✗ FAIL  actual: entry [1, 1] is 5, off by 1 (tolerance 1E-06); 2 of 4 entries are off.", shown.Text);
        Assert.Equal("✗ FAIL  Matrix<double>.Build.Dense(2, 1): has shape 2×1, expected 2×2.",
            Single(() => Check.Close(Matrix<double>.Build.Dense(2, 1), expected: () => expected)).Text);
    }

    [Fact]
    public void NaN_never_passes_and_the_message_says_where_to_look()
    {
        double[] expected = [0.0, 1.0];
        double[] actual = [0.0, double.NaN];
        var shown = Single(() => Check.Close(actual, expected: () => expected, tolerance: 1e9));
        Assert.StartsWith("✗ FAIL  actual: entry [1] is NaN:", shown.Text);
        Assert.Contains("division by zero", shown.Text);
    }

    [Fact]
    public void A_null_answer_fails_rather_than_throwing()
    {
        Vector<double>? nothing = null;
        Assert.Equal("✗ FAIL  nothing: is null: return a value.", Single(() => Check.Close(nothing, expected: () => Vector<double>.Build.Dense(1))).Text);
    }

    [Fact]
    public void Equal_compares_values_and_sequences_element_by_element()
    {
        Assert.StartsWith("✓", Single(() => Check.Equal("hel" + "lo", expected: () => "hello")).Text);
        Assert.StartsWith("✓", Single(() => Check.Equal(new List<int> { 1, 2, 3 }, expected: () => new[] { 1, 2, 3 })).Text);
        Assert.EndsWith("element [2] is 4, which is not the expected value.",
            Single(() => Check.Equal(new[] { 1, 2, 4 }, expected: () => new[] { 1, 2, 3 })).Text);
        Assert.EndsWith("has 2 elements, expected 3.", Single(() => Check.Equal(new[] { 1, 2 }, expected: () => new[] { 1, 2, 3 })).Text);
        Assert.EndsWith("is \"b\", which is not the expected value.", Single(() => Check.Equal('b', expected: () => 'a')).Text);
    }

    [Fact]
    public void Satisfies_passes_an_answer_with_the_property_and_fails_one_without()
    {
        int[] caption = [3, 1, 4];
        Assert.Equal("✓ PASS  caption", Single(() => Check.Satisfies(caption, expected: c => c.Length == 3)).Text);
        Assert.Equal("✗ FAIL  caption: does not have the property the right answer has. Hint: two words", Single(() => Check.Satisfies(caption, expected: c => c.Length == 2, hint: "two words")).Text);
    }

    sealed class AlwaysEqual
    {
        public override bool Equals(object? obj) => true;
        public override int GetHashCode() => 0;
    }

    sealed class Shifty : IEnumerable<int>
    {
        int _reads;
        public IEnumerator<int> GetEnumerator() => (++_reads == 1 ? new[] { 1, 2, 4 } : new[] { 1, 2, 3 }).AsEnumerable().GetEnumerator();
        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }

    [Fact]
    public void Values_that_lie_about_their_type_are_compared_as_the_data_they_hold()
    {
        // An Equals that always says yes takes no part: the answer is not a value a check compares.
        object liar = new AlwaysEqual();
        Assert.StartsWith("✗ FAIL  liar: is AlwaysEqual, which no check can compare", Single(() => Check.Equal(liar, expected: () => (object)9)).Text);
        // A sequence is read once, when it is checked: what it shows later does not count.
        IEnumerable<int> shifty = new Shifty();
        Assert.EndsWith("element [2] is 4, which is not the expected value.", Single(() => Check.Equal(shifty, expected: () => [1, 2, 3])).Text);
    }

    [Fact]
    public void A_right_gradient_passes_a_wrong_one_fails_and_the_point_is_left_as_it_was()
    {
        var x = Vector<double>.Build.DenseOfArray([0.3, -1.2, 2.0]);
        var before = x.Clone();
        double Loss(Vector<double> v) => v.PointwisePower(3).Sum();
        var right = 3 * x.PointwisePower(2);
        var wrong = 2 * x.PointwisePower(2);

        Assert.Equal("✓ PASS  right", Single(() => Check.Gradient(right, expected: () => GradientCheck.NumericalGradient(Loss, x))).Text);
        var shown = Single(() => Check.Gradient(wrong, expected: () => GradientCheck.NumericalGradient(Loss, x), hint: "d/dx x³ = 3x²"));
        Assert.StartsWith("✗ FAIL  wrong: disagrees with finite differences: relative error", shown.Text);
        Assert.Equal(before, x);
        Assert.EndsWith("has length 2, expected 3 (one entry per input).",
            Single(() => Check.Gradient(Vector<double>.Build.Dense(2), expected: () => GradientCheck.NumericalGradient(Loss, x))).Text);
    }

    [Fact]
    public void A_matrix_gradient_and_a_models_stored_gradients_are_checked_against_finite_differences()
    {
        var w = Matrix<double>.Build.DenseOfArray(new double[,] { { 0.5, -0.25 }, { 1.5, 2.0 } });
        var input = Vector<double>.Build.DenseOfArray([1.0, -2.0]);
        // L = ½‖W x‖², dL/dW = (W x) xᵀ
        double Loss(Matrix<double> m) => 0.5 * (m * input).DotProduct(m * input);
        var right = (w * input).OuterProduct(input);
        Assert.StartsWith("✓", Single(() => Check.Gradient(right, expected: () => GradientCheck.NumericalGradient(Loss, w))).Text);
        Assert.StartsWith("✗", Single(() => Check.Gradient(right.Transpose(), expected: () => GradientCheck.NumericalGradient(Loss, w))).Text);

        var a = new Parameter("W_a", w.Clone());
        var b = new Parameter("b", Matrix<double>.Build.Dense(2, 1, 0.5));
        double ModelLoss() => Loss(a.Value) + b.Value.PointwisePower(2).Enumerate().Sum();
        right.CopyTo(a.Gradient);
        b.Gradient.SetColumn(0, [1.0, 7.0]);   // should be 2b = [1, 1]
        var shown = Single(() => Check.Gradient(new[] { a, b }, expected: () => GradientCheck.NumericalGradients(new[] { a, b }, ModelLoss)));
        Assert.Contains("the gradient of b disagrees with finite differences", shown.Text);
    }

    [Fact]
    public void Misuse_by_the_exercise_author_throws_with_the_argument_named()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => Check.Close(1.0, expected: () => 1.0, tolerance: -1));
        Assert.Equal("tolerance", e.ParamName);
        Assert.Throws<ArgumentNullException>(() => Check.Close(Vector<double>.Build.Dense(1), expected: () => (Vector<double>)null!));
    }
}
