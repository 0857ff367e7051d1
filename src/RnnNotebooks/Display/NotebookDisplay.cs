using MathNet.Numerics.LinearAlgebra;
using Microsoft.DotNet.Interactive.Formatting;
using Plotly.NET;
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

    /// <summary>Whether <see cref="Register"/> has run in this process.</summary>
    public static bool IsRegistered { get { lock (Gate) return _registered; } }

    /// <summary>Registers every formatter of the library (idempotent).</summary>
    public static void Register()
    {
        lock (Gate)
        {
            if (_registered) return;
            _registered = true;
        }
        RegisterChart<GenericChart>(chart => chart);
        RegisterChart<IChartBuilder>(builder => builder.ToChart());
        RegisterHtml<Matrix<double>>(MatrixFormatter.ToHtml);
        RegisterHtml<Vector<double>>(MatrixFormatter.ToHtml);
        RegisterHtml<GradientCheckReport>(GradientCheckFormatter.ToHtml);
        RegisterHtml<Vocabulary>(VocabularyFormatter.ToHtml);
        RegisterHtml<IModel>(ModelSummaryFormatter.ToHtml);
        RegisterHtml<GeneratedText>(GeneratedTextFormatter.ToHtml);
        TuneFormatter.Register();
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
