using MathNet.Numerics.LinearAlgebra;
using Microsoft.DotNet.Interactive.Formatting;
using RnnNotebooks.Display;
using RnnNotebooks.Music;
using RnnNotebooks.Training;

namespace RnnNotebooks.Tests.Display;

[Collection(PlotlyJsSession.Name)]
public sealed class TrainingAndTuneDisplayTests
{
    public TrainingAndTuneDisplayTests() => NotebookDisplay.Register();

    [Fact]
    public void A_training_history_displays_its_loss_and_gradient_norm_charts()
    {
        var model = new RnnNotebooks.Tests.Training.LinearRegressionModel(seed: 1);
        var trainer = new Trainer(model, new Sgd(0.1), new TrainerOptions { MaxGradientNorm = 0.5 });
        trainer.Run(20, model.TrainStep);

        string html = Formatter.ToDisplayString(trainer.History, "text/html");

        Assert.Contains("class=\"rnn-chart\"", html);
        Assert.Contains("Plotly.newPlot", html);
        foreach (var name in new[] { "loss", "smoothed", "before clipping", "after clipping" })
            Assert.Contains(name, html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void An_empty_training_history_says_it_has_no_steps_yet()
    {
        var history = new TrainingHistory(["w"]);
        string html = Formatter.ToDisplayString(history, "text/html");
        Assert.Contains("no training steps yet", html);
    }

    [Fact]
    public void A_tune_displays_its_text_and_an_audio_player()
    {
        var tune = new AbcTune("X:1\nT:Scale\nM:4/4\nL:1/4\nK:C\nCDEF|GABc|]\n");

        string html = Formatter.ToDisplayString(tune, "text/html");

        Assert.Contains("<audio controls", html);
        Assert.Contains("data:audio/wav;base64,", html);
        Assert.Contains("T:Scale", html);
    }
}
