using MathNet.Numerics.LinearAlgebra;

namespace RnnNotebooks.Text;

/// <summary>A rule for choosing the next character from the model's scores (logits) over the vocabulary.</summary>
public interface ISampler
{
    /// <summary>The id of the chosen character; random choices draw from <paramref name="random"/>.</summary>
    int Sample(Vector<double> logits, Random random);
}
