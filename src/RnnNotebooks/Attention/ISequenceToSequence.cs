using MathNet.Numerics.LinearAlgebra;
using RnnNotebooks.Training;

namespace RnnNotebooks.Attention;

/// <summary>
/// A model that reads a source sequence and writes a target sequence token by token, each token
/// conditioned on the source and the tokens before it: p(y | x) = Π_t p(y_t | y_&lt;t, x). Trained with
/// teacher forcing (the true previous tokens are fed in); decoded greedily or by <see cref="BeamSearch"/>.
/// A batch holds sources of one length and targets of one length.
/// </summary>
public interface ISequenceToSequence : IModel
{
    /// <summary>V, the number of token ids (symbols plus the markers).</summary>
    int VocabularySize { get; }

    /// <summary>The id fed in before the first output token.</summary>
    int StartId { get; }

    /// <summary>The id that ends an output.</summary>
    int EndId { get; }

    /// <summary>
    /// Teacher forcing: the mean cross-entropy of writing each target followed by <see cref="EndId"/>;
    /// with <paramref name="backward"/>, adds every parameter's gradient (zero them first).
    /// </summary>
    /// <param name="sources">sources[b]: the ids of example b's input (all of one length).</param>
    /// <param name="targets">targets[b]: the ids example b must write, without markers (all of one length).</param>
    /// <param name="backward">Whether to backpropagate too.</param>
    double Loss(int[][] sources, int[][] targets, bool backward = false);

    /// <summary>
    /// log p(next token | prefixes[b], sources[b]) for every b: a V×B matrix. Every prefix (the tokens
    /// written so far, without <see cref="StartId"/>) has the same length.
    /// </summary>
    Matrix<double> NextLogProbabilities(int[][] sources, int[][] prefixes);
}
