using System.Reflection;
using System.Runtime.CompilerServices;
using MathNet.Numerics.LinearAlgebra;
using Microsoft.DotNet.Interactive.Formatting;
using RnnNotebooks.Display;
using RnnNotebooks.Text;
using RnnNotebooks.Training;

namespace RnnNotebooks.Tests.Display;

[Collection(PlotlyJsSession.Name)] // one test resets the process-wide formatters: no test that formats may run beside it
public sealed class FormatterTests
{
    public FormatterTests() => NotebookDisplay.Register();

    static string Html(object value) => Formatter.ToDisplayString(value, "text/html");

    [Fact]
    public void A_matrix_shows_as_a_table_headed_by_its_shape()
    {
        var m = Matrix<double>.Build.Dense(3, 4, (i, j) => 10 * i + j + 0.5);

        string html = Html(m);

        Assert.Contains("<table class=\"rnn-matrix\"", html);
        Assert.Contains("Matrix 3×4", html);
        Assert.Contains(">23.5<", html);
        Assert.DoesNotContain("⋮", html);
        Assert.Equal(["text/html"], Formatter.GetPreferredMimeTypesFor(m.GetType()).Take(1));
    }

    [Fact]
    public void A_large_matrix_is_truncated_with_ellipses_but_keeps_its_corners()
    {
        var m = Matrix<double>.Build.Dense(100, 65, (i, j) => i * 1000 + j);

        string html = Html(m);

        Assert.Contains("Matrix 100×65", html);
        Assert.Contains("⋮", html);
        Assert.Contains("…", html);
        Assert.Contains(">0<", html);             // top-left value
        Assert.Contains(">9.906E+04<", html);     // bottom-right value 99064
        Assert.DoesNotContain(">5.05E+04<", html); // an entry from the middle (50, 50)
        int bodyRows = html.Split("<tr>").Length - 2; // minus the text before the first row and the header row
        Assert.Equal(MatrixFormatter.MaxRows, bodyRows);
    }

    [Fact]
    public void A_vector_shows_as_one_row_headed_by_its_length()
    {
        string html = Html(Vector<double>.Build.DenseOfArray([1.5, -2, 3]));

        Assert.Contains("<table class=\"rnn-vector\"", html);
        Assert.Contains("Vector 3", html);
        Assert.Contains(">-2<", html);
    }

    [Fact]
    public void A_matrix_heatmap_is_a_heatmap_trace_of_its_values()
    {
        var m = Matrix<double>.Build.DenseOfArray(new double[,] { { 1, 2 }, { 3, 4 }, { 5, 6 } });

        var trace = Assert.Single(ChartJson.Traces(m.ToHeatmap("W")));

        Assert.Equal("heatmap", ChartJson.Type(trace));
        Assert.Equal(3, trace.GetProperty("z").GetArrayLength());
        Assert.Equal(6, trace.GetProperty("z")[2][1].GetDouble());
    }

    static GradientCheckReport Report(bool secondPasses) => new(
    [
        new ParameterGradientCheck("W_xh", "3×2", 6, 1.2, 1.2, 3e-10, true),
        new ParameterGradientCheck("b_h", "3×1", 3, 0.5, 0.9, secondPasses ? 1e-9 : 0.28, secondPasses),
    ], 1e-6, 1e-5);

    [Fact]
    public void A_failing_gradient_check_shows_a_red_cross_and_FAIL()
    {
        var culture = System.Globalization.CultureInfo.CurrentCulture;
        System.Globalization.CultureInfo.CurrentCulture = new("de-DE"); // numbers must not follow the machine's culture
        string html;
        try { html = Html(Report(secondPasses: false)); }
        finally { System.Globalization.CultureInfo.CurrentCulture = culture; }

        Assert.Contains("<table class=\"rnn-gradient-check\"", html);
        Assert.Contains("FAIL", html);
        Assert.DoesNotContain("PASS", html);
        Assert.Contains("color: #cf222e;\">✗", html);
        Assert.Contains("color: #1a7f37;\">✓", html);
        Assert.Contains("b_h", html);
        Assert.Contains("2.80E-001", html);
    }

    [Fact]
    public void A_passing_gradient_check_shows_only_green_ticks_and_PASS()
    {
        string html = Html(Report(secondPasses: true));

        Assert.Contains("PASS", html);
        Assert.DoesNotContain("FAIL", html);
        Assert.DoesNotContain("✗", html);
        Assert.Equal(2, html.Split("✓").Length - 1);
    }

    [Fact]
    public void A_vocabulary_shows_each_character_with_its_id_and_whitespace_spelled_out()
    {
        var vocabulary = new Vocabulary("ab a\nb\t");

        string html = Html(vocabulary);

        Assert.Contains("Vocabulary of 5 characters", html);
        Assert.Contains(">\\n<", html);
        Assert.Contains(">\\t<", html);
        Assert.Contains(">␣<", html);
        Assert.Contains(">a<", html);
        Assert.Contains($">{vocabulary['b']}<", html);
    }

    sealed class TinyModel : IModel
    {
        public IReadOnlyList<Parameter> Parameters { get; } =
        [
            new("W_hh", Matrix<double>.Build.Dense(4, 4, 0.5)),
            new("b_h", Matrix<double>.Build.Dense(4, 1, 0.0)),
        ];
    }

    [Fact]
    public void A_model_shows_its_parameters_with_shape_count_norm_and_the_total()
    {
        string html = Html(new TinyModel());

        Assert.Contains("<table class=\"rnn-model-summary\"", html);
        Assert.Contains("TinyModel: 20 parameters in 2 tensors", html);
        Assert.Contains(">W_hh<", html);
        Assert.Contains(">4×4<", html);
        Assert.Contains(">16<", html);
        Assert.Contains(">2<", html); // ‖W_hh‖ = sqrt(16 · 0.25) = 2
        Assert.Contains("<b>20</b>", html);
    }

    [Fact]
    public void Generated_text_keeps_whitespace_highlights_the_prompt_and_notes_the_temperature()
    {
        var text = new GeneratedText("ROMEO:\n", "  What <light> through\nyonder", Temperature: 0.8, TopK: 5, Step: 1200);

        string html = Html(text);

        Assert.Contains("<mark class=\"rnn-prompt\"", html);
        Assert.Contains(">ROMEO:\n</mark>  What &lt;light&gt; through\nyonder</pre>", html);
        Assert.Contains("white-space: pre-wrap", html);
        Assert.Contains("temperature 0.8", html);
        Assert.Contains("top-k 5", html);
        Assert.Contains("step 1,200", html);
        Assert.Equal("ROMEO:\n  What <light> through\nyonder", text.ToString());
    }

    [Fact]
    public void The_library_registers_its_formatters_by_itself_through_a_module_initializer()
    {
        var initializers = typeof(NotebookDisplay).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic))
            .Where(m => m.GetCustomAttribute<ModuleInitializerAttribute>() is not null)
            .ToList();

        Assert.Contains(initializers, m => m.DeclaringType!.Namespace == "RnnNotebooks.Display");
        Assert.True(NotebookDisplay.IsRegistered);
        NotebookDisplay.Register(); // a second call is harmless
        Assert.Contains("rnn-prompt", Html(new GeneratedText("a", "b")));
    }

    [Fact]
    public void Register_restores_the_formatters_after_a_host_resets_them()
    {
        string defaultMimeType = Formatter.DefaultMimeType;
        Formatter.ResetToDefault();
        Formatter.DefaultMimeType = defaultMimeType; // leave the process as other tests expect it
        Assert.False(NotebookDisplay.IsRegistered);
        Assert.DoesNotContain("rnn-prompt", Html(new GeneratedText("a", "b")));

        NotebookDisplay.Register();

        Assert.True(NotebookDisplay.IsRegistered);
        Assert.Contains("rnn-prompt", Html(new GeneratedText("a", "b")));
        Assert.Contains("rnn-chart", Html(new RnnNotebooks.Display.Charts.LossCurves().Add("run", [2.0, 1])));
    }
}
