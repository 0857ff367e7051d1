using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Commands;
using Microsoft.DotNet.Interactive.CSharp;
using Microsoft.DotNet.Interactive.Events;
using RnnNotebooks.Display;
using RnnNotebooks.Interactive;

namespace RnnNotebooks.Tests.Display;

/// <summary>
/// The kernel extension inside a real C# kernel, as a notebook runs it: the live view becomes one
/// displayed value replaced in place (DisplayedValueUpdated with its ValueId), and plotly.js appears
/// once in the whole session.
/// </summary>
[Collection(PlotlyJsSession.Name)]
public sealed class KernelExtensionTests
{
    static async Task<IReadOnlyList<KernelEvent>> Run(Kernel kernel, string code)
    {
        var result = await kernel.SendAsync(new SubmitCode(code));
        var failure = result.Events.OfType<CommandFailed>().FirstOrDefault();
        Assert.True(failure is null, $"the cell failed: {failure?.Message}");
        return result.Events;
    }

    /// <summary>When each update event reached the front end, on a stopwatch.</summary>
    static List<TimeSpan> UpdateTimes(Kernel kernel, out IDisposable subscription)
    {
        var times = new List<TimeSpan>();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        subscription = kernel.KernelEvents.Subscribe(e =>
        {
            if (e is DisplayedValueUpdated) lock (times) times.Add(clock.Elapsed);
        });
        return times;
    }

    static string Html(DisplayEvent e) => e.FormattedValues.Single(v => v.MimeType == "text/html").Value;

    [Fact]
    public async Task In_a_kernel_each_check_is_an_output_of_its_cell_named_by_the_checked_code()
    {
        var previousSink = LiveOutput.Sink;
        using var kernel = new CSharpKernel();
        try
        {
            await new RnnNotebooksKernelExtension().OnLoadAsync(kernel);
            await Run(kernel, $"#r \"{typeof(LiveTrainingView).Assembly.Location}\"\n#r \"{typeof(MathNet.Numerics.LinearAlgebra.Matrix<double>).Assembly.Location}\"");
            var events = await Run(kernel, """
                using RnnNotebooks.Classroom;
                double Twice(double x) => 2 * x;
                Check.Close(Twice(2), expected: () => 4.0);
                Check.Close(Twice(2), expected: () => 5.0, hint: "double it");
                """);
            var shown = events.OfType<DisplayedValueProduced>().Select(Html).ToList();
            Assert.Equal(2, shown.Count);
            Assert.Contains("rnn-check-pass", shown[0]);
            Assert.Contains("<code>Twice(2)</code>", shown[0]);
            Assert.Contains("rnn-check-fail", shown[1]);
            Assert.Contains("double it", shown[1]);
        }
        finally
        {
            LiveOutput.Sink = previousSink;
        }
    }

    [Fact]
    public async Task In_a_kernel_the_live_view_is_one_output_updated_in_place_and_plotly_js_comes_once_per_session()
    {
        PlotlyJs.ResetSession();
        var previousSink = LiveOutput.Sink;
        using var kernel = new CSharpKernel();
        try
        {
            await new RnnNotebooksKernelExtension().OnLoadAsync(kernel);
            Assert.IsType<KernelLiveOutputSink>(LiveOutput.Sink);
            await Run(kernel, $"#r \"{typeof(LiveTrainingView).Assembly.Location}\"\n#r \"{typeof(MathNet.Numerics.LinearAlgebra.Matrix<double>).Assembly.Location}\"");

            var times = UpdateTimes(kernel, out var subscription);
            var events = await Run(kernel, """
                using RnnNotebooks.Display;
                var view = LiveTrainingView.Start(12, charactersPerStep: 10);
                for (int i = 0; i < 12; i++) { System.Threading.Thread.Sleep(100); view.Report(i + 1, 1.0 / (i + 1)); }
                view.Complete();
                """);

            var produced = events.OfType<DisplayedValueProduced>().ToList();
            Assert.Equal(2, produced.Count);
            Assert.Contains("data-plotlyjs=\"2.28.0\"", Html(produced[0]));
            var live = produced[1];
            Assert.Contains("rnn-live-training", Html(live));
            var updates = events.OfType<DisplayedValueUpdated>().ToList();
            Assert.All(updates, u => Assert.Equal(live.ValueId, u.ValueId));
            subscription.Dispose();
            // At most two updates a second: every gap but the last (the final state, always sent) is ≥ 0.5 s.
            Assert.Equal(updates.Count, times.Count);
            Assert.InRange(updates.Count, 2, 12);
            for (int i = 1; i < times.Count - 1; i++)
                Assert.True(times[i] - times[i - 1] >= TimeSpan.FromMilliseconds(500), $"updates {i - 1} and {i} came {(times[i] - times[i - 1]).TotalMilliseconds:F0} ms apart");
            Assert.Contains("step 12/12", Html(updates[^1]));
            Assert.Contains("done in", Html(updates[^1]));
            Assert.Contains("class=\"rnn-chart\"", Html(updates[^1]));

            var chartEvents = await Run(kernel, """
                MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.Dense(2, 3, 1.0).ToHeatmap("W")
                """);
            string chart = Html(chartEvents.OfType<ReturnValueProduced>().Single());
            Assert.Contains("class=\"rnn-chart\"", chart);
            Assert.DoesNotContain("data-plotlyjs", chart);
            Assert.DoesNotContain("cdn.", chart);
        }
        finally
        {
            LiveOutput.Sink = previousSink;
        }
    }
}
