namespace RnnNotebooks.Training;

/// <summary>What a gradient clipping did: the global gradient norm before and after.</summary>
/// <param name="NormBefore">‖g‖ over every parameter before clipping.</param>
/// <param name="NormAfter">‖g‖ after clipping (equal to <paramref name="NormBefore"/> when nothing was clipped).</param>
public readonly record struct ClippingResult(double NormBefore, double NormAfter)
{
    /// <summary>Whether the clipping changed the gradients.</summary>
    public bool Clipped => NormAfter != NormBefore;
}
