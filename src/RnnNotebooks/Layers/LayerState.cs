namespace RnnNotebooks.Layers;

/// <summary>
/// What a layer carries from one time step to the next, and from one window to the next in truncated BPTT
/// (the hidden state of a recurrent cell, <c>RecurrentState</c>). The same types hold the gradient of the
/// loss with respect to a state.
/// </summary>
public abstract record LayerState;

/// <summary>The states of a composite layer's parts, in order: a stack's layers bottom first, a
/// <see cref="Bidirectional"/> layer's forward then backward direction. A part without state is null.</summary>
/// <param name="Parts">One state (or null) per part.</param>
public sealed record LayerStates(IReadOnlyList<LayerState?> Parts) : LayerState
{
    /// <summary>The part states of <paramref name="state"/> for a layer of <paramref name="count"/> parts
    /// (all null when <paramref name="state"/> is null), refusing a state of another shape.</summary>
    public static IReadOnlyList<LayerState?> Split(LayerState? state, int count, string layer, string argument)
    {
        if (state is null) return new LayerState?[count];
        if (state is not LayerStates { Parts: var parts } || parts.Count != count)
            throw new ArgumentException(
                $"A {layer} starts from one state per part ({count}), given as LayerStates; got {Describe(state)}. Pass null for zeros, or the FinalState of an earlier trace.", argument);
        return parts;
    }

    static string Describe(LayerState state) => state is LayerStates s ? $"{s.Parts.Count} states" : $"a {state.GetType().Name}";
}
