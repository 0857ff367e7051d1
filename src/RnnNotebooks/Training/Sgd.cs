namespace RnnNotebooks.Training;

/// <summary>Plain stochastic gradient descent: θ ← θ − η·∂L/∂θ.</summary>
public sealed class Sgd(double learningRate) : Optimizer(learningRate)
{
    /// <inheritdoc />
    protected override void Update(Parameter parameter) =>
        parameter.Value.Subtract(parameter.Gradient.Multiply(LearningRate), parameter.Value);
}
