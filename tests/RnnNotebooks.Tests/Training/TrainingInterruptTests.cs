using MathNet.Numerics.LinearAlgebra;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Commands;
using Microsoft.DotNet.Interactive.CSharp;
using Microsoft.DotNet.Interactive.Events;
using RnnNotebooks.Display;
using RnnNotebooks.Interactive;
using RnnNotebooks.Training;

namespace RnnNotebooks.Tests.Training;

/// <summary>
/// Stopping training early keeps what was learned: an interrupt ends the loop after the step in progress,
/// the model keeps every completed update, and the cells (or lines) after it still run.
/// </summary>
[Collection(TrainingInterruptTests.Alone)]
public sealed class TrainingInterruptTests
{
    // The interrupt is global to the process: no other test may be training while these run.
    public const string Alone = "Training interrupt, nothing else running";

    [CollectionDefinition(Alone, DisableParallelization = true)]
    public sealed class AloneCollection;

    // w is pulled towards 3 by one gradient step of L = (w − 3)² at a time.
    static (Parameter W, Trainer Trainer) Model()
    {
        var w = new Parameter("w", Matrix<double>.Build.Dense(1, 1));
        return (w, new Trainer(new OneWeight(w), new Sgd(0.1)));
    }

    static StepOutcome Step(Parameter w)
    {
        double d = w.Value[0, 0] - 3;
        w.Gradient[0, 0] = 2 * d;
        return new StepOutcome(d * d, 1);
    }

    [Fact]
    public void An_interrupt_stops_after_the_step_in_progress_and_keeps_every_completed_update()
    {
        var (w, trainer) = Model();
        int? reported = null;
        trainer.Interrupted += last => reported = last;
        trainer.Run(1_000, n =>
        {
            if (n == 5) TrainingInterrupt.Request();       // as if stop were pressed during step 5
            return Step(w);
        });
        Assert.True(trainer.WasInterrupted);
        Assert.Equal(5, trainer.History.Count);
        Assert.Equal(5, reported);
        Assert.Equal(3 * (1 - Math.Pow(0.8, 5)), w.Value[0, 0], 12);   // five updates, none lost

        trainer.Run(10, _ => Step(w));                      // the next run is not stopped by the old request
        Assert.False(trainer.WasInterrupted);
        Assert.Equal(15, trainer.History.LastStep);
    }

    [Fact]
    public void A_request_outside_training_and_a_second_ctrl_c_do_not_stop_the_next_run()
    {
        var (w, trainer) = Model();
        TrainingInterrupt.Request();                        // nothing is running: ignored
        Assert.False(TrainingInterrupt.OnCtrlC());          // Ctrl+C with no training ends the program as usual
        trainer.Run(3, n =>
        {
            if (n == 1)
            {
                Assert.True(TrainingInterrupt.OnCtrlC());   // the first Ctrl+C asks training to stop, the program goes on
                Assert.False(TrainingInterrupt.OnCtrlC());  // a second one, still pending, ends the program
            }
            return Step(w);
        });
        Assert.Equal(1, trainer.History.Count);
    }

    [Fact]
    public void A_followed_live_view_says_the_run_was_interrupted()
    {
        var (w, trainer) = Model();
        var sink = new RecordingSink();
        using (LiveTrainingView.Follow(trainer, 100, sink: sink))
            trainer.Run(100, n => { if (n == 2) TrainingInterrupt.Request(); return Step(w); });
        Assert.Contains("stopped by an interrupt after step 2, kept", sink.Last);
    }

    [Fact]
    public async Task In_a_kernel_the_stop_button_ends_training_and_the_next_cell_runs_on_the_trained_model()
    {
        var previousSink = LiveOutput.Sink;
        using var kernel = new CSharpKernel();
        try
        {
            await new RnnNotebooksKernelExtension().OnLoadAsync(kernel);
            await kernel.SendAsync(new SubmitCode($"#r \"{typeof(Trainer).Assembly.Location}\"\n#r \"{typeof(Matrix<double>).Assembly.Location}\"\n#r \"{typeof(TrainingInterruptTests).Assembly.Location}\""));
            await kernel.SendAsync(new SubmitCode("""
                using MathNet.Numerics.LinearAlgebra;
                using RnnNotebooks.Training;
                var w = new Parameter("w", Matrix<double>.Build.Dense(1, 1));
                class OneWeight(Parameter w) : IModel { public IReadOnlyList<Parameter> Parameters => [w]; }
                var trainer = new Trainer(new OneWeight(w), new Sgd(1));
                """));
            KernelTrainingStarted.Reset();
            var training = kernel.SendAsync(new SubmitCode("""
                trainer.Run(100_000_000, n =>
                {
                    RnnNotebooks.Tests.Training.TrainingInterruptTests.KernelTrainingStarted.Set();
                    w.Gradient[0, 0] = -1;
                    return new StepOutcome(1, 1);
                });
                """));
            Assert.True(KernelTrainingStarted.Wait(TimeSpan.FromSeconds(120)), "the training cell did not start within 120 s");
            await kernel.SendAsync(new Cancel());                 // Jupyter's stop button
            await training;
            await WaitFor(kernel, "trainer.WasInterrupted && trainer.History.Count < 100_000_000");
            var after = await kernel.SendAsync(new SubmitCode("w.Value[0, 0] == trainer.History.Count ? \"kept\" : \"lost\""));
            Assert.Equal("kept", after.Events.OfType<ReturnValueProduced>().Single().Value);
        }
        finally
        {
            LiveOutput.Sink = previousSink;
        }
    }

    /// <summary>Set by the training cell of the kernel test once its first step runs.</summary>
    public static readonly ManualResetEventSlim KernelTrainingStarted = new();

    // Runs a boolean expression in the kernel until it is true (at most 60 s).
    static async Task WaitFor(Kernel kernel, string condition)
    {
        for (var clock = System.Diagnostics.Stopwatch.StartNew(); clock.Elapsed < TimeSpan.FromSeconds(60); await Task.Delay(50))
        {
            var result = await kernel.SendAsync(new SubmitCode(condition));
            if (result.Events.OfType<ReturnValueProduced>().SingleOrDefault()?.Value is true) return;
        }
        Assert.Fail($"'{condition}' did not become true within 60 s");
    }

    sealed class OneWeight(Parameter w) : IModel
    {
        public IReadOnlyList<Parameter> Parameters => [w];
    }

    sealed class RecordingSink : ILiveOutputSink, ILiveOutput
    {
        public string Last { get; private set; } = "";
        public ILiveOutput Display(LiveContent content) { Last = content.Text; return this; }
        public void Update(LiveContent content) => Last = content.Text;
    }
}
