namespace RnnNotebooks.Training;

/// <summary>
/// ‖∂L/∂hₜ‖ for each time step t of one training window, recorded at <paramref name="Step"/>: how
/// much the loss still "reaches back" to early time steps. Falling towards t = 0 means vanishing
/// gradients; rising means exploding ones.
/// </summary>
public sealed record HiddenGradientNorms(int Step, IReadOnlyList<double> NormPerTimeStep);
