namespace RnnNotebooks.Text;

/// <summary>
/// Text a language model wrote: the prompt it was primed with, the continuation it sampled, and how it
/// sampled (temperature, top-k) at which training step. Notebooks display it with the prompt highlighted;
/// <see cref="ToString"/> gives the plain text.
/// </summary>
/// <param name="Prompt">The text the model was primed with (may be empty).</param>
/// <param name="Continuation">The characters the model sampled after the prompt.</param>
/// <param name="Temperature">The sampling temperature τ (logits divided by τ before the softmax), if any.</param>
/// <param name="TopK">Sampling kept only the k most likely characters, if set.</param>
/// <param name="Step">The training step at which the sample was drawn, if known.</param>
public sealed record GeneratedText(string Prompt, string Continuation, double? Temperature = null, int? TopK = null, int? Step = null)
{
    /// <summary>The prompt followed by the continuation.</summary>
    public string FullText => Prompt + Continuation;

    /// <summary>The prompt followed by the continuation.</summary>
    public override string ToString() => FullText;
}
