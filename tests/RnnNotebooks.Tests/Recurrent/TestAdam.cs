using MathNet.Numerics.LinearAlgebra;
using RnnNotebooks.Training;

namespace RnnNotebooks.Tests.Recurrent;

// A minimal Adam (Kingma & Ba 2015) local to this test; the library's optimisers live in Training/.
internal sealed class TestAdam(double learningRate)
{
    readonly Dictionary<Parameter, (Matrix<double> M, Matrix<double> V)> _moments = [];
    int _step;

    public void Step(IReadOnlyList<Parameter> parameters)
    {
        _step++;
        foreach (var p in parameters)
        {
            if (!_moments.TryGetValue(p, out var mv))
                _moments[p] = mv = (Matrix<double>.Build.Dense(p.Value.RowCount, p.Value.ColumnCount), Matrix<double>.Build.Dense(p.Value.RowCount, p.Value.ColumnCount));
            double c1 = 1 - Math.Pow(0.9, _step), c2 = 1 - Math.Pow(0.999, _step);
            for (int j = 0; j < p.Value.ColumnCount; j++)
                for (int i = 0; i < p.Value.RowCount; i++)
                {
                    double g = p.Gradient[i, j];
                    mv.M[i, j] = 0.9 * mv.M[i, j] + 0.1 * g;
                    mv.V[i, j] = 0.999 * mv.V[i, j] + 0.001 * g * g;
                    p.Value[i, j] -= learningRate * (mv.M[i, j] / c1) / (Math.Sqrt(mv.V[i, j] / c2) + 1e-8);
                }
        }
    }
}
