using RnnNotebooks.Layers;
using RnnNotebooks.Training;

namespace RnnNotebooks.Recurrent.Fast;

/// <summary>
/// The fast path of <see cref="CharLanguageModel.ComputeGradients(TextWindow)"/>: the same maths as the reference
/// layers, for every architecture the model builds (RNN, LSTM or GRU; one layer or a stack; one-hot input or an
/// embedding). The input goes through <see cref="LayerKernel"/>s bottom to top, each over the whole window (in
/// float64, or float32 on request); the output layer, in float64, then reads the top layer's h_1 … h_T, all steps
/// at once:
/// <list type="bullet">
/// <item>logits, dW_hy and dL/dh (the top layer's <see cref="LayerKernel.OutputGradient"/>) are one matrix
/// product each over all T·B columns;</item>
/// <item>backward, each layer's dL/dX becomes the gradient from above of the layer below, and at the bottom an
/// embedding's dL/dX is scattered into the columns of dE it was read from.</item>
/// </list>
/// Buffers are reused while T and B stay the same: a training step allocates only its <see cref="BackwardResult"/>
/// and ‖dL/dh_t‖ arrays. A test holds loss and every gradient equal to the reference to 1e-12.
/// </summary>
internal sealed class LanguageModelKernel
{
    readonly LayerKernel[] _layers;
    readonly Parameter? _embedding;
    readonly Parameter _wy, _by;
    readonly int _v, _h;
    double[] _logits = [], _outputT = [], _embedded = [], _dEmbedded = [];
    int _t, _b;

    LanguageModelKernel(LayerKernel[] layers, Parameter? embedding, Parameter outputWeights, Parameter outputBias)
    {
        _layers = layers;
        _embedding = embedding;
        _wy = outputWeights;
        _by = outputBias;
        _v = outputWeights.Value.RowCount;
        _h = outputWeights.Value.ColumnCount;
    }

    /// <summary>Builds the kernel for <paramref name="model"/>, its layers computing in <paramref name="precision"/>, or
    /// null when one of its layers has no fast path (a cell kind of your own), so the reference path must run.</summary>
    public static LanguageModelKernel? For(CharLanguageModel model, FloatPrecision precision)
    {
        var layers = new LayerKernel[model.Recurrent.Layers.Count];
        for (int l = 0; l < layers.Length; l++)
            if (LayerKernel.For(model.Recurrent.Layers[l], oneHotInput: l == 0 && model.Embedding is null, precision) is { } layer) layers[l] = layer;
            else return null;
        return new LanguageModelKernel(layers, model.Embedding?.Table, model.OutputWeights, model.OutputBias);
    }

    /// <summary>Whether <paramref name="state"/> (one per layer) has exactly the shapes this kernel can start from.</summary>
    public bool Fits(IReadOnlyList<RecurrentState>? state, int batchSize)
    {
        if (state is null) return true;
        if (state.Count != _layers.Length) return false;
        for (int l = 0; l < _layers.Length; l++)
            if (state[l] is null || !_layers[l].Fits(state[l], batchSize)) return false;
        return true;
    }

    /// <summary>Writes every layer's state after the last window's final step into <paramref name="carried"/>,
    /// which must <see cref="Fits"/>.</summary>
    public void WriteFinalState(IReadOnlyList<RecurrentState> carried)
    {
        for (int l = 0; l < _layers.Length; l++) _layers[l].WriteFinalState(carried[l]);
    }

    /// <summary>
    /// Forward, loss and backward over <paramref name="window"/>; zeroes and fills every gradient.
    /// Starts from <paramref name="initial"/> (zeros when null, which <see cref="Fits"/> must accept);
    /// <see cref="WriteFinalState"/> then gives where the window ended.
    /// </summary>
    public BackwardResult Run(TextWindow window, IReadOnlyList<RecurrentState>? initial, IReadOnlyList<Parameter> parameters)
    {
        Forward(window, initial);
        int n = _t * _b;

        // The layers' gradients are zeroed row by row in the halves that fill them (LayerKernel.AccumulateGate).
        for (int p = 0; p < parameters.Count; p++)
            if (!OwnedByLayer(parameters[p])) parameters[p].ZeroGradient();
        double loss = LossAndOutputGradient(window);
        if (double.IsNaN(loss))
        {
            foreach (var layer in _layers) layer.ZeroGradients();
            return BackwardResult.Diverged(n);   // diverged: zero gradients, the trainer names the step
        }
        var y = _logits.AsSpan(0, _v * n);

        // dW_hy += dY·[h_1 … h_T]ᵀ, db_y += Σ dY, dL/dh (H×TB) = W_hyᵀ·dY: one product each.
        var top = _layers[^1];
        DenseProduct.AddProductTransposed(_wy.Gradient.AsColumnMajorArray(), y, top.Outputs.Span, _v, n, _h);
        AddColumnSums(_by.Gradient.AsColumnMajorArray(), y, _v, n);
        DenseProduct.Transpose(_wy.Value.AsColumnMajorArray(), _v, _h, _outputT);
        top.OutputGradient.Clear();
        DenseProduct.AddProduct(top.OutputGradient, _outputT, y, _h, _v, n);

        // BPTT layer by layer from the top; each layer's dL/dX is the gradient from above of the one below it.
        var norms = new double[_layers.Length][];
        for (int l = _layers.Length - 1; l >= 0; l--)
        {
            norms[l] = _layers[l].Backward();
            if (l > 0)
            {
                _layers[l - 1].OutputGradient.Clear();
                _layers[l].AddInputGradient(_layers[l - 1].OutputGradient);
            }
        }
        if (_embedding is not null) ScatterEmbeddingGradient(window.Inputs);
        return new BackwardResult(loss, n, norms);
    }

    /// <summary>
    /// The loss over <paramref name="window"/> from <paramref name="initial"/> (zeros when null), forward only:
    /// no gradient is read or written. <see cref="WriteFinalState"/> then gives where the window ended.
    /// NaN when the model has diverged.
    /// </summary>
    public double Loss(TextWindow window, IReadOnlyList<RecurrentState>? initial)
    {
        Forward(window, initial);
        return LossAndOutputGradient(window);
    }

    // Every layer over the window, bottom first: the bottom reads ids (or their embedding columns), the others the
    // layer below's h_1 … h_T.
    void Forward(TextWindow window, IReadOnlyList<RecurrentState>? initial)
    {
        Resize(window.Length, window.BatchSize);
        ReadOnlyMemory<double> input = default;
        if (_embedding is not null) input = Embed(window.Inputs);
        for (int l = 0; l < _layers.Length; l++)
        {
            _layers[l].Forward(window.Inputs, input, initial?[l], _t, _b);
            input = _layers[l].Outputs;
        }
    }

    // Logits for every step at once, Y (V×TB) = b_y + W_hy · [h_1 … h_T]; then the loss, and dY = dL/dY in
    // the logits' place, from the head every model shares.
    double LossAndOutputGradient(TextWindow window)
    {
        int n = _t * _b;
        var y = _logits.AsSpan(0, _v * n);
        var by = _by.Value.AsColumnMajorArray();
        for (int col = 0; col < n; col++) by.CopyTo(y.Slice(col * _v, _v));
        DenseProduct.AddProduct(y, _wy.Value.AsColumnMajorArray(), _layers[^1].Outputs.Span, _v, _h, n);
        return SoftmaxCrossEntropy.Apply(y, _v, window.Targets);
    }

    // X (D_e×TB) = E[:, c] for every input id: step t's columns at t·B.
    ReadOnlyMemory<double> Embed(int[][] ids)
    {
        var table = _embedding!.Value.AsColumnMajorArray();
        int d = _embedding.Value.RowCount;
        for (int t = 0; t < _t; t++)
            for (int s = 0; s < _b; s++)
                table.AsSpan(ids[t][s] * d, d).CopyTo(_embedded.AsSpan((t * _b + s) * d, d));
        return _embedded;
    }

    // dE[:, c] += dL/dx for every time c was read (dE was zeroed with the other non-layer gradients).
    void ScatterEmbeddingGradient(int[][] ids)
    {
        var dX = _dEmbedded.AsSpan();
        dX.Clear();
        _layers[0].AddInputGradient(dX);
        var gradient = _embedding!.Gradient.AsColumnMajorArray();
        int d = _embedding.Value.RowCount;
        for (int t = 0; t < _t; t++)
            for (int s = 0; s < _b; s++)
            {
                var source = dX.Slice((t * _b + s) * d, d);
                var target = gradient.AsSpan(ids[t][s] * d, d);
                for (int i = 0; i < d; i++) target[i] += source[i];
            }
    }

    bool OwnedByLayer(Parameter parameter)
    {
        foreach (var layer in _layers)
            if (layer.Owns(parameter)) return true;
        return false;
    }

    void Resize(int t, int b)
    {
        if (t == _t && b == _b) return;
        _t = t;
        _b = b;
        _logits = new double[_v * t * b];
        _outputT = new double[_h * _v];
        int d = _embedding?.Value.RowCount ?? 0;
        _embedded = new double[d * t * b];
        _dEmbedded = new double[d * t * b];
    }

    static void AddColumnSums(Span<double> target, ReadOnlySpan<double> m, int rows, int columns)
    {
        for (int j = 0; j < columns; j++)
        {
            var column = m.Slice(j * rows, rows);
            for (int i = 0; i < rows; i++) target[i] += column[i];
        }
    }
}
