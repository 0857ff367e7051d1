using RnnNotebooks.Training;

namespace RnnNotebooks.Tests.Training;

public class TrainerTests
{
    [Fact]
    public void Trainer_drives_linear_regression_loss_below_0_015_within_300_steps()
    {
        // Start: W = 0, b = 0 gives a loss near 1.8; the noise floor is 0.01.
        var model = new LinearRegressionModel(seed: 1);
        double start = model.FullLoss();
        var trainer = new Trainer(model, new Adam(0.05), new TrainerOptions { MaxGradientNorm = 5 });

        var history = trainer.Run(300, model.TrainStep);

        Assert.True(start > 1.0, $"initial loss {start}");
        Assert.True(model.FullLoss() < 0.015, $"loss after 300 steps: {model.FullLoss()}");
        Assert.Equal(300, history.Count);
        Assert.Equal(Enumerable.Range(1, 300), history.Steps);
        Assert.Equal(300L * LinearRegressionModel.BatchSize, history.TotalCharacters);
        Assert.True(history.CharactersPerSecond > 0);
        Assert.True(history.LastSmoothedLoss < history.SmoothedLosses[0]);
        Assert.Equal(2.0, model.W.Value[0, 0], 1);
    }

    [Fact]
    public void A_second_run_continues_the_step_numbers_and_the_history()
    {
        var model = new LinearRegressionModel();
        var trainer = new Trainer(model, new Sgd(0.1));
        var steps = new List<int>();
        trainer.Run(5, n => { steps.Add(n); return model.TrainStep(n); });
        trainer.Run(3, n => { steps.Add(n); return model.TrainStep(n); });
        Assert.Equal(Enumerable.Range(1, 8), steps);
        Assert.Equal(8, trainer.History.Count);
        Assert.Equal(8, trainer.Optimizer.StepCount);
    }

    [Fact]
    public void Gradients_are_zero_when_the_step_function_starts()
    {
        var model = new LinearRegressionModel();
        var trainer = new Trainer(model, new Sgd(0.1));
        var seen = new List<double>();
        trainer.Run(3, n =>
        {
            seen.Add(GradientClipping.GlobalNorm(model.Parameters));
            return model.TrainStep(n);
        });
        Assert.All(seen, norm => Assert.Equal(0.0, norm));
    }

    [Fact]
    public void History_records_norms_before_and_after_clipping_and_per_parameter()
    {
        var model = new LinearRegressionModel();
        var trainer = new Trainer(model, new Sgd(0.05), new TrainerOptions { MaxGradientNorm = 1.0 });
        var history = trainer.Run(200, model.TrainStep);

        var before = history.GradientNormsBeforeClipping;
        var after = history.GradientNormsAfterClipping;
        var w = history.ParameterGradientNorms("W");
        var b = history.ParameterGradientNorms(1);
        // At the start the gradient (norm ≈ 2.6) is clipped to 1; near the optimum it is small and untouched.
        Assert.True(before[0] > 1.0, $"first gradient norm {before[0]}");
        Assert.True(after[0] <= 1.0 && after[0] > 0.999);
        Assert.True(before[^1] < 1.0);
        Assert.Equal(before[^1], after[^1]);
        for (int i = 0; i < history.Count; i++)
        {
            Assert.True(after[i] <= Math.Min(before[i], 1.0) + 1e-12);
            Assert.Equal(before[i], Math.Sqrt(w[i] * w[i] + b[i] * b[i]), 12);
        }
        Assert.Equal(["W", "b"], history.ParameterNames);
    }

    [Fact]
    public void Samples_and_hidden_gradient_norms_are_recorded_at_step_1_and_every_N_steps()
    {
        var model = new LinearRegressionModel();
        int progressCalls = 0;
        var options = new TrainerOptions
        {
            SampleEvery = 10,
            Sampler = step => $"text after {step}",
            HiddenGradientNormsEvery = 4,
            Progress = h => { progressCalls++; Assert.Equal(progressCalls, h.Count); },
        };
        var trainer = new Trainer(model, new Sgd(0.1), options);
        var buffer = new double[3];
        var history = trainer.Run(20, n =>
        {
            // A reused buffer, as a language model would return: the history must copy it.
            buffer[0] = n; buffer[1] = 2 * n; buffer[2] = 3 * n;
            return model.TrainStep(n) with { HiddenGradientNorms = buffer };
        });

        Assert.Equal(20, progressCalls);
        Assert.Equal([1, 10, 20], history.Samples.Select(s => s.Step));
        Assert.Equal("text after 10", history.Samples[1].Text);
        Assert.Equal([1, 4, 8, 12, 16, 20], history.HiddenGradientNorms.Select(h => h.Step));
        Assert.Equal([8.0, 16.0, 24.0], history.HiddenGradientNorms[2].NormPerTimeStep);
    }

    [Fact]
    public void Too_large_a_learning_rate_stops_training_with_a_message_naming_the_step()
    {
        // SGD with η = 5 on a problem whose curvature is about 2/3 overshoots more each step until the loss overflows.
        var model = new LinearRegressionModel();
        var trainer = new Trainer(model, new Sgd(5.0));

        var error = Assert.Throws<TrainingDivergedException>(() => trainer.Run(10_000, model.TrainStep));

        Assert.True(error.Step > 5 && error.Step < 10_000, $"diverged at step {error.Step}");
        Assert.Contains($"step {error.Step}", error.Message);
        Assert.Contains("clip", error.Message);
        Assert.Contains("smaller learning rate", error.Message);
        Assert.False(double.IsFinite(error.Value));
        // Every step before the failing one is in the history, all finite.
        Assert.Equal(error.Step - 1, trainer.History.Count);
        Assert.All(trainer.History.Losses, loss => Assert.True(double.IsFinite(loss)));
    }

    [Fact]
    public void A_NaN_loss_from_the_step_function_is_caught_at_that_step()
    {
        var model = new LinearRegressionModel();
        var trainer = new Trainer(model, new Adam(0.01), new TrainerOptions { MaxGradientNorm = 5 });
        var error = Assert.Throws<TrainingDivergedException>(() =>
            trainer.Run(10, n => n == 4 ? new StepOutcome(double.NaN, 16) : model.TrainStep(n)));
        Assert.Equal(4, error.Step);
        Assert.Equal("loss", error.Quantity);
        Assert.StartsWith("Training diverged at step 4: the loss became NaN", error.Message);
        Assert.Contains("MaxGradientNorm is 5", error.Message);
        Assert.Equal(3, trainer.Optimizer.StepCount);
    }

    [Fact]
    public void A_NaN_gradient_with_a_finite_loss_is_caught_as_divergence()
    {
        var model = new LinearRegressionModel();
        var trainer = new Trainer(model, new Sgd(0.1), new TrainerOptions { MaxGradientNorm = 5 });
        var error = Assert.Throws<TrainingDivergedException>(() => trainer.Run(10, n =>
        {
            var outcome = model.TrainStep(n);
            if (n == 2) model.B.Gradient[0, 0] = double.PositiveInfinity;
            return outcome;
        }));
        Assert.Equal(2, error.Step);
        Assert.Equal("gradient norm", error.Quantity);
        Assert.Contains("step 2: the gradient norm became +infinity", error.Message);
        Assert.True(double.IsFinite(model.B.Value[0, 0]), "the bad gradient must not reach the parameters");
    }

    [Fact]
    public void Clipping_by_value_then_by_norm_is_recorded_as_one_before_and_after()
    {
        var model = new LinearRegressionModel();
        var trainer = new Trainer(model, new Sgd(0.01), new TrainerOptions { MaxGradientValue = 0.5, MaxGradientNorm = 0.6 });
        double expectedAfter = double.NaN;
        var history = trainer.Run(1, n =>
        {
            var outcome = model.TrainStep(n);
            // What the two clippings must produce from these gradients, computed on copies.
            var copies = model.Parameters.Select(p => new Parameter(p.Name, p.Value.Clone())).ToArray();
            for (int i = 0; i < copies.Length; i++) model.Parameters[i].Gradient.CopyTo(copies[i].Gradient);
            GradientClipping.ByValue(copies, 0.5);
            expectedAfter = GradientClipping.ByGlobalNorm(copies, 0.6).NormAfter;
            return outcome;
        });
        Assert.True(history.GradientNormsBeforeClipping[0] > 1, "the first gradient is large");
        Assert.Equal(expectedAfter, history.GradientNormsAfterClipping[0], 12);
        Assert.True(history.GradientNormsAfterClipping[0] <= 0.6);
        Assert.True(model.Parameters.All(p => p.Gradient.Enumerate().All(g => Math.Abs(g) <= 0.5)));
    }

    [Fact]
    public void Bad_arguments_name_the_problem()
    {
        var model = new LinearRegressionModel();
        Assert.Equal("steps", Assert.Throws<ArgumentOutOfRangeException>(() => new Trainer(model, new Sgd(0.1)).Run(0, model.TrainStep)).ParamName);
        Assert.Equal("MaxGradientNorm", Assert.Throws<ArgumentOutOfRangeException>(
            () => new Trainer(model, new Sgd(0.1), new TrainerOptions { MaxGradientNorm = -1 })).ParamName);
        Assert.Equal("SampleEvery", Assert.Throws<ArgumentOutOfRangeException>(
            () => new Trainer(model, new Sgd(0.1), new TrainerOptions { SampleEvery = 0 })).ParamName);
        Assert.Equal("Smoothing", Assert.Throws<ArgumentOutOfRangeException>(
            () => new Trainer(model, new Sgd(0.1), new TrainerOptions { Smoothing = 1 })).ParamName);
        Assert.Contains("no parameters", Assert.Throws<ArgumentException>(() => new Trainer(new EmptyModel(), new Sgd(0.1))).Message);
        var negative = Assert.Throws<InvalidOperationException>(() => new Trainer(model, new Sgd(0.1)).Run(1, _ => new StepOutcome(1.0, -5)));
        Assert.Contains("-5 characters", negative.Message);
    }

    sealed class EmptyModel : IModel
    {
        public IReadOnlyList<Parameter> Parameters => [];
    }
}
