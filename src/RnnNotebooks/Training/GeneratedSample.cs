namespace RnnNotebooks.Training;

/// <summary>Text the model generated after <paramref name="Step"/> training steps.</summary>
public sealed record GeneratedSample(int Step, string Text);
