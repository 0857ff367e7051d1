namespace RnnNotebooks.Text;

/// <summary>
/// Perplexity = e^(loss in nats per character): the number of equally likely characters the model is
/// effectively choosing among. A model that knows nothing has perplexity V (the vocabulary size);
/// a perfect one has 1.
/// </summary>
public static class Perplexity
{
    /// <summary>e^<paramref name="natsPerCharacter"/>.</summary>
    public static double FromLoss(double natsPerCharacter) => Math.Exp(natsPerCharacter);

    /// <summary>The same loss in bits per character (nats / ln 2), the unit of compression papers.</summary>
    public static double BitsPerCharacter(double natsPerCharacter) => natsPerCharacter / Math.Log(2);
}
