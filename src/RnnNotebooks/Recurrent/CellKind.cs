namespace RnnNotebooks.Recurrent;

/// <summary>The library's three cell kinds, for the short constructors (<c>new CharLanguageModel(vocab, CellKind.Gru)</c>);
/// every kind, the library's or your own, can also be given as its <see cref="CellSpec"/>.</summary>
public enum CellKind
{
    /// <summary>The plain (Elman) RNN: h_t = φ(W_xh·x_t + W_hh·h_{t−1} + b_h), see <see cref="RnnCell"/>.</summary>
    Rnn,
    /// <summary>Long short-term memory: gates and a cell state, see <see cref="LstmCell"/>.</summary>
    Lstm,
    /// <summary>Gated recurrent unit: update and reset gates, see <see cref="GruCell"/>.</summary>
    Gru,
}

/// <summary>The nonlinearity φ of a plain <see cref="RnnCell"/>.</summary>
public enum RnnActivation
{
    /// <summary>tanh: bounded in (−1, 1); its derivative 1 − h² is at most 1, so gradients tend to vanish.</summary>
    Tanh,
    /// <summary>ReLU: max(0, z); unbounded, so with W_hh near the identity gradients neither vanish nor saturate.</summary>
    Relu,
}
