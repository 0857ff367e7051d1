using MathNet.Numerics.LinearAlgebra;

namespace RnnNotebooks.Perceptrons;

/// <summary>
/// An activation function f applied to every entry of a layer's pre-activation z, together with its
/// derivative f′(z), which backpropagation multiplies into the incoming gradient. The course uses
/// <see cref="Step"/> (the perceptron), <see cref="Sigmoid"/> and <see cref="Tanh"/> (smooth
/// squashing, the hidden units of small networks and later the LSTM's gates), <see cref="Relu"/> and
/// <see cref="Identity"/> (raw scores, or logits, for the output layer).
/// </summary>
public sealed class Activation
{
    readonly Func<double, double> _function;
    readonly Func<double, double> _derivative;

    Activation(string name, Func<double, double> function, Func<double, double> derivative)
    {
        Name = name;
        _function = function;
        _derivative = derivative;
    }

    /// <summary>The function's usual name, e.g. "tanh".</summary>
    public string Name { get; }

    /// <summary>f(z) = z: leaves the scores as they are (logits).</summary>
    public static Activation Identity { get; } = new("identity", z => z, _ => 1.0);

    /// <summary>
    /// The Heaviside step, f(z) = 1 if z &gt; 0 else 0: the perceptron's all-or-nothing output. Its
    /// derivative is 0 wherever it exists, so gradient descent cannot train through it; that is why the
    /// perceptron has its own learning rule.
    /// </summary>
    public static Activation Step { get; } = new("step", z => z > 0 ? 1.0 : 0.0, _ => 0.0);

    /// <summary>The logistic sigmoid σ(z) = 1 / (1 + e^−z), a smooth step into (0, 1); σ′(z) = σ(z)(1 − σ(z)).</summary>
    public static Activation Sigmoid { get; } = new("sigmoid", Logistic, z => { double s = Logistic(z); return s * (1 - s); });

    /// <summary>The hyperbolic tangent, a smooth step into (−1, 1) centred on 0; tanh′(z) = 1 − tanh²(z).</summary>
    public static Activation Tanh { get; } = new("tanh", Math.Tanh, z => { double t = Math.Tanh(z); return 1 - t * t; });

    /// <summary>The rectified linear unit, f(z) = max(0, z); f′(z) = 1 for z &gt; 0, else 0.</summary>
    public static Activation Relu { get; } = new("relu", z => z > 0 ? z : 0.0, z => z > 0 ? 1.0 : 0.0);

    /// <summary>f(z) for one number.</summary>
    public double Apply(double z) => _function(z);

    /// <summary>f applied to every entry; returns a new matrix.</summary>
    public Matrix<double> Apply(Matrix<double> z) => z.Map(_function);

    /// <summary>f′(z) for one number.</summary>
    public double Derivative(double z) => _derivative(z);

    /// <summary>f′ applied to every entry; returns a new matrix.</summary>
    public Matrix<double> Derivative(Matrix<double> z) => z.Map(_derivative);

    /// <summary>
    /// σ(z) computed without overflow: for very negative z, e^−z overflows, so use e^z / (1 + e^z).
    /// </summary>
    internal static double Logistic(double z) => z >= 0 ? 1 / (1 + Math.Exp(-z)) : Math.Exp(z) / (1 + Math.Exp(z));

    public override string ToString() => Name;
}
