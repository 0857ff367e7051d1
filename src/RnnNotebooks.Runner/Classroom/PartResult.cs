namespace RnnNotebooks.Runner.Classroom;

/// <summary>What one solution region of an exercise earned (<see cref="SolutionParts"/>).</summary>
/// <param name="Region">The region, as the course notebook marks it.</param>
/// <param name="Points">All of the region's points, or 0.</param>
/// <param name="Message">"passed", or the first reason it scored 0.</param>
public sealed record PartResult(MarkedRegion Region, int Points, string Message)
{
    /// <summary>The region's label, or "" for the one region of an exercise that needs none.</summary>
    public string Label => Region.Label ?? "";
}
