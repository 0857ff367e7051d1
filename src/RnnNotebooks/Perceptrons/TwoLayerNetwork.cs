using MathNet.Numerics.LinearAlgebra;
using RnnNotebooks.Training;

namespace RnnNotebooks.Perceptrons;

/// <summary>
/// A network with one hidden layer: H = f(W1·X + b1), then scores (logits) Z = W2·H + b2, trained by
/// backpropagation. The hidden units bend the input space so that the output layer can separate
/// classes no straight line separates, such as XOR. The default loss is the <see cref="LogisticLoss"/>
/// on the logits; the predicted probability of class 1 is σ(Z).
/// </summary>
public sealed class TwoLayerNetwork : IModel
{
    /// <summary>Creates the network with weights drawn from <paramref name="random"/>.</summary>
    /// <param name="inputSize">Features per example.</param>
    /// <param name="hiddenSize">Hidden units.</param>
    /// <param name="outputSize">Output scores per example.</param>
    /// <param name="hiddenActivation">f for the hidden layer, e.g. <see cref="Activation.Tanh"/>.</param>
    /// <param name="random">Seeded source for the initial weights (they must differ, or the hidden units stay identical).</param>
    /// <param name="loss">The loss on the logits; <see cref="LogisticLoss"/> when null.</param>
    public TwoLayerNetwork(int inputSize, int hiddenSize, int outputSize, Activation hiddenActivation, Random random, Loss? loss = null)
    {
        ArgumentNullException.ThrowIfNull(random);
        // Checked here so the error names the argument the caller passed, not the layer's.
        Shapes.RequirePositive(inputSize, nameof(inputSize));
        Shapes.RequirePositive(hiddenSize, nameof(hiddenSize));
        Shapes.RequirePositive(outputSize, nameof(outputSize));
        Hidden = new DenseLayer(inputSize, hiddenSize, hiddenActivation, random, "1");
        Output = new DenseLayer(hiddenSize, outputSize, Activation.Identity, random, "2");
        Loss = loss ?? new LogisticLoss();
        Parameters = [.. Hidden.Parameters, .. Output.Parameters];
    }

    /// <summary>The hidden layer, W1 and b1.</summary>
    public DenseLayer Hidden { get; }

    /// <summary>The output layer, W2 and b2, producing logits.</summary>
    public DenseLayer Output { get; }

    /// <summary>The loss minimised by <see cref="Backpropagate"/>.</summary>
    public Loss Loss { get; }

    /// <inheritdoc />
    public IReadOnlyList<Parameter> Parameters { get; }

    /// <summary>The logits Z (outputs × batch) for inputs X (inputs × batch).</summary>
    public Matrix<double> Forward(Matrix<double> inputs) => Output.Forward(Hidden.Forward(inputs));

    /// <summary>The loss on a batch, leaving the gradients alone (what a gradient check perturbs).</summary>
    public double LossOn(Matrix<double> inputs, Matrix<double> targets) => Loss.Value(Forward(inputs), targets);

    /// <summary>
    /// Sets every parameter's gradient to ∂L/∂θ for this batch: zero the gradients, run forward, then
    /// hand ∂L/∂Z back through the output layer and the hidden layer. Returns the loss.
    /// </summary>
    public double Backpropagate(Matrix<double> inputs, Matrix<double> targets)
    {
        foreach (var p in Parameters) p.ZeroGradient();
        var logits = Forward(inputs);
        double loss = Loss.Value(logits, targets);
        Hidden.Backward(Output.Backward(Loss.Gradient(logits, targets)));
        return loss;
    }

    /// <summary>One step of gradient descent: <see cref="Backpropagate"/>, then let <paramref name="optimizer"/> update. Returns the loss before the step.</summary>
    public double TrainStep(Matrix<double> inputs, Matrix<double> targets, Optimizer optimizer)
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        double loss = Backpropagate(inputs, targets);
        optimizer.Step(Parameters);
        return loss;
    }

    /// <summary>Predicted classes (1 where the logit is positive, i.e. σ(z) &gt; ½), outputs × batch.</summary>
    public Matrix<double> Predict(Matrix<double> inputs) => Activation.Step.Apply(Forward(inputs));

    /// <summary>The fraction of entries classified correctly, for labels 0 or 1.</summary>
    public double Accuracy(Matrix<double> inputs, Matrix<double> targets) => Perceptrons.Accuracy.Of(Predict(inputs), targets);

    public override string ToString() => $"TwoLayerNetwork {Hidden.InputSize} → {Hidden.OutputSize} ({Hidden.Activation}) → {Output.OutputSize}, {Loss}";
}
