using RnnNotebooks.Training;

namespace RnnNotebooks.Recurrent;

/// <summary>
/// Connects a <see cref="CharLanguageModel"/> to the <see cref="Trainer"/>: truncated BPTT over a
/// list of windows, one window per step, the hidden state carried from window to window and reset
/// to zeros at the start of every pass over the text (an epoch).
/// </summary>
public static class LanguageModelTraining
{
    /// <summary>
    /// The step function for <see cref="Trainer.Run"/>: step n trains on window (n − 1) mod count.
    /// The dL/dhₜ norms it reports are the first recurrent layer's, the one furthest from the loss,
    /// where vanishing gradients show first.
    /// </summary>
    /// <example><c>trainer.Run(500, model.TrainingSteps(TextWindows.Cut(text, vocabulary, 25, 8)));</c></example>
    /// <exception cref="ArgumentException">There are no windows (the text is shorter than one window).</exception>
    public static Func<int, StepOutcome> TrainingSteps(this CharLanguageModel model, IReadOnlyList<TextWindow> windows)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(windows);
        if (windows.Count == 0)
            throw new ArgumentException(
                "There are no windows to train on: the text is shorter than one window. Use a shorter windowLength or a smaller batchSize in TextWindows.Cut.",
                nameof(windows));
        return step =>
        {
            if (step < 1)
                throw new ArgumentOutOfRangeException(nameof(step), step, "Training steps count from 1.");
            int index = (step - 1) % windows.Count;
            if (index == 0) model.ResetState();
            var result = model.ComputeGradients(windows[index]);
            return new StepOutcome(result.Loss, result.Characters, result.HiddenGradientNorms.Count > 0 ? result.HiddenGradientNorms[0] : null);
        };
    }
}
