namespace RnnNotebooks.Training;

/// <summary>
/// What one training step reports back to the <see cref="Trainer"/>, after its forward and
/// backward pass have filled the parameters' gradients.
/// </summary>
/// <param name="Loss">The loss of this step (e.g. mean cross-entropy in nats per character).</param>
/// <param name="Characters">How many characters (or time steps × sequences) the step processed; used for chars/s.</param>
/// <param name="HiddenGradientNorms">Optionally ‖∂L/∂hₜ‖ for every time step t of the window, the data of the
/// vanishing/exploding-gradient plot. The trainer copies it when it records it, so a reused buffer is fine.</param>
public readonly record struct StepOutcome(double Loss, int Characters, IReadOnlyList<double>? HiddenGradientNorms = null);
