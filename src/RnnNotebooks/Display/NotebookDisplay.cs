using MathNet.Numerics.LinearAlgebra;
using Microsoft.DotNet.Interactive.Formatting;
using Plotly.NET;
using RnnNotebooks.Classroom;
using RnnNotebooks.Display.Charts;
using RnnNotebooks.Music;
using RnnNotebooks.Text;
using RnnNotebooks.Training;

namespace RnnNotebooks.Display;

/// <summary>
/// The one entry point that teaches .NET Interactive how to show the course's types: charts, matrices
/// and vectors, gradient-check reports, vocabularies, models and generated text all display as HTML
/// when a cell returns them. Runs by itself when the library loads (see <see cref="AutomaticRegistration"/>)
/// and from the kernel extension; calling it again does nothing, and it works outside a kernel too
/// (then <c>Formatter.ToDisplayString(x, "text/html")</c> gives the same HTML).
/// </summary>
public static class NotebookDisplay
{
    static readonly object Gate = new();
    static bool _registered;

    /// <summary>Whether the library's formatters are registered (false again after <c>Formatter.ResetToDefault()</c>).</summary>
    public static bool IsRegistered { get { lock (Gate) return _registered && StillRegistered(); } }

    // Formatter.ResetToDefault() (some hosts and tests call it) drops every registration: look, rather
    // than trust the flag alone, so that Register restores them.
    static bool StillRegistered() =>
        Formatter.RegisteredFormatters(false).Any(f => f.Type == typeof(GeneratedText) && f.MimeType == HtmlFormatter.MimeType);

    /// <summary>Registers every formatter of the library (idempotent; registers again after a formatter reset).</summary>
    /// <exception cref="InvalidOperationException">Plotly.NET cannot load in this process (the kernel's
    /// FSharp.Core is too old); the tables are registered all the same.</exception>
    public static void Register()
    {
        lock (Gate)
        {
            if (_registered && StillRegistered()) return;
            RegisterHtml<Matrix<double>>(MatrixFormatter.ToHtml);
            RegisterHtml<Vector<double>>(MatrixFormatter.ToHtml);
            RegisterHtml<GradientCheckReport>(GradientCheckFormatter.ToHtml);
            RegisterHtml<Vocabulary>(VocabularyFormatter.ToHtml);
            RegisterHtml<IModel>(ModelSummaryFormatter.ToHtml);
            RegisterHtml<GeneratedText>(GeneratedTextFormatter.ToHtml);
            RegisterHtml<AbcTune>(TuneFormatter.ToHtml);
            RegisterHtml<Audio>(TuneFormatter.ToHtml);
            RegisterHtml<CheckResult>(CheckFormatter.ToHtml);
            try
            {
                RegisterCharts();
            }
            catch (Exception e) when (e is FileNotFoundException or FileLoadException or TypeLoadException)
            {
                throw new InvalidOperationException(
                    $"Charts cannot be displayed: Plotly.NET could not load ({e.Message}). Plotly.NET 6 needs FSharp.Core 10.1, and this " +
                    $"process loaded FSharp.Core {LoadedFSharpCoreVersion()}. In Jupyter, run " +
                    "'dotnet run --project src/RnnNotebooks.Runner -c Release -- kernel install' from the course folder, which sets the kernel up, then restart the kernel.", e);
            }
            _registered = true;
        }
    }

    // Looked up by name: naming an FSharp.Core type here would itself fail to load in such a kernel.
    static string LoadedFSharpCoreVersion() =>
        AppDomain.CurrentDomain.GetAssemblies().FirstOrDefault(a => a.GetName().Name == "FSharp.Core")?.GetName().Version?.ToString() ?? "(none)";

    // Separate and never inlined: the JIT loads Plotly.NET only when this method runs, so a kernel that
    // cannot load it still gets the tables above.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    static void RegisterCharts()
    {
        RegisterChart<GenericChart>(chart => chart);
        RegisterChart<IChartBuilder>(builder => builder.ToChart());
        RegisterHtml<TrainingHistory>(history => history.Count == 0
            ? "<p class=\"rnn-empty\">This training history is empty: no training steps yet.</p>"
            : ChartFormatter.ToHtml(TrainingHistoryChart(history)));
    }

    // A history displays as its loss and gradient-norm charts.
    static GenericChart TrainingHistoryChart(TrainingHistory history)
    {
        double[] steps = [.. history.Steps.Select(s => (double)s)];
        return TrainingCharts.Overview(steps, history.Losses, history.SmoothedLosses,
            history.GradientNormsBeforeClipping, history.GradientNormsAfterClipping);
    }

    /// <summary>
    /// Makes values of type <typeparamref name="T"/> display as the chart <paramref name="toChart"/> draws
    /// for them, e.g. <c>RegisterChart&lt;TrainingHistory&gt;(h =&gt; TrainingCharts.Overview(...))</c>.
    /// </summary>
    public static void RegisterChart<T>(Func<T, GenericChart> toChart) =>
        RegisterHtml<T>(value => ChartFormatter.ToHtml(toChart(value)));

    /// <summary>Makes values of type <typeparamref name="T"/> display as the HTML <paramref name="toHtml"/> writes.</summary>
    public static void RegisterHtml<T>(Func<T, string> toHtml)
    {
        ArgumentNullException.ThrowIfNull(toHtml);
        Formatter.Register<T>((value, writer) => writer.Write(toHtml(value)), HtmlFormatter.MimeType);
        Formatter.SetPreferredMimeTypesFor(typeof(T), HtmlFormatter.MimeType);
    }
}
