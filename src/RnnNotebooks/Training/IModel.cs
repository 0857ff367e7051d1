namespace RnnNotebooks.Training;

/// <summary>
/// Anything with learnable parameters: a dense layer, a recurrent cell, a whole language model.
/// Optimisers, gradient clipping, gradient checks, saving and the parameter-summary display all
/// work through this one list.
/// </summary>
public interface IModel
{
    /// <summary>Every learnable tensor, in a stable order, each with its gradient.</summary>
    IReadOnlyList<Parameter> Parameters { get; }
}
