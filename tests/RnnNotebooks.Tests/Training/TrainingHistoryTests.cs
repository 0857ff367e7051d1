using RnnNotebooks.Training;

namespace RnnNotebooks.Tests.Training;

public class TrainingHistoryTests
{
    static void RecordLoss(TrainingHistory history, int step, double loss, int characters = 10, double seconds = 0.5) =>
        history.Record(step, loss, new ClippingResult(2.0, 1.0), [1.2, 1.6], characters,
            TimeSpan.FromSeconds(seconds), TimeSpan.FromSeconds(step * seconds));

    [Fact]
    public void Smoothed_loss_is_the_bias_corrected_exponential_moving_average()
    {
        var history = new TrainingHistory(["W", "b"], smoothing: 0.5);
        RecordLoss(history, 1, 4);
        RecordLoss(history, 2, 2);
        RecordLoss(history, 3, 2);
        // v₁ = 0.5·4 = 2, s₁ = 2 / (1 − 0.5) = 4; v₂ = 0.5·2 + 0.5·2 = 2, s₂ = 2 / (1 − 0.25) = 8/3;
        // v₃ = 0.5·2 + 0.5·2 = 2, s₃ = 2 / (1 − 0.125) = 16/7.
        Assert.Equal([4.0, 8.0 / 3, 16.0 / 7], history.SmoothedLosses, (a, b) => Math.Abs(a - b) < 1e-12);
        Assert.Equal([4.0, 2.0, 2.0], history.Losses);
        Assert.Equal(16.0 / 7, history.LastSmoothedLoss, 12);
        Assert.Equal(history.SmoothedLosses, LossSmoothing.Smooth(history.Losses, 0.5));
    }

    [Fact]
    public void Arrays_for_charts_hold_every_recorded_quantity()
    {
        var history = new TrainingHistory(["W", "b"]);
        RecordLoss(history, 1, 3.0, characters: 25, seconds: 0.25);
        RecordLoss(history, 2, 2.5, characters: 25, seconds: 0.25);

        Assert.Equal([1, 2], history.Steps);
        Assert.Equal([2.0, 2.0], history.GradientNormsBeforeClipping);
        Assert.Equal([1.0, 1.0], history.GradientNormsAfterClipping);
        Assert.Equal([1.6, 1.6], history.ParameterGradientNorms("b"));
        Assert.Equal([25, 25], history.Characters);
        Assert.Equal([0.25, 0.5], history.ElapsedSeconds);
        Assert.Equal(50, history.TotalCharacters);
        Assert.Equal(100, history.CharactersPerSecond, 9);
        Assert.Equal(TimeSpan.FromSeconds(0.5), history.TrainingTime);
        Assert.Contains("2 steps", history.ToString());
    }

    [Fact]
    public void Arrays_are_snapshots()
    {
        var history = new TrainingHistory(["W"]);
        history.Record(1, 1.0, new ClippingResult(1, 1), [1.0], 1, TimeSpan.Zero, TimeSpan.Zero);
        var losses = history.Losses;
        losses[0] = 99;
        Assert.Equal(1.0, history.Losses[0]);
    }

    [Fact]
    public void Samples_may_belong_to_step_0_the_untrained_model()
    {
        var history = new TrainingHistory(["W", "b"]);
        history.RecordSample(0, "qzx");
        RecordLoss(history, 1, 1.0);
        history.RecordSample(1, "the");
        history.RecordHiddenGradientNorms(1, [0.1, 0.2]);
        Assert.Equal(["qzx", "the"], history.Samples.Select(s => s.Text));
        Assert.Equal([0.1, 0.2], history.HiddenGradientNorms[0].NormPerTimeStep);
    }

    [Fact]
    public void Mistakes_in_recording_name_the_problem()
    {
        var history = new TrainingHistory(["W", "b"]);
        RecordLoss(history, 1, 1.0);
        Assert.Contains("after the last recorded step 1", Assert.Throws<ArgumentOutOfRangeException>(() => RecordLoss(history, 1, 1.0)).Message);
        Assert.Contains("diverged", Assert.Throws<ArgumentOutOfRangeException>(() => RecordLoss(history, 2, double.PositiveInfinity)).Message);
        Assert.Contains("Expected 2 parameter gradient norms", Assert.Throws<ArgumentException>(
            () => history.Record(2, 1.0, default, [1.0], 1, TimeSpan.Zero, TimeSpan.Zero)).Message);
        Assert.Contains("W, b", Assert.Throws<ArgumentException>(() => history.ParameterGradientNorms("U")).Message);
        Assert.Contains("record the training step first", Assert.Throws<ArgumentOutOfRangeException>(() => history.RecordSample(5, "x")).Message);
        Assert.Equal("smoothing", Assert.Throws<ArgumentOutOfRangeException>(() => new TrainingHistory(["W"], 1.5)).ParamName);
    }
}
