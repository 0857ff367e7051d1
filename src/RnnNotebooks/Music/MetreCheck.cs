namespace RnnNotebooks.Music;

/// <summary>
/// How well a tune keeps its metre, a test of whether a generated tune "scans": of its bars that are neither a
/// pickup (a part's first bar when it is shorter than the metre: the anacrusis folk tunes and their second parts
/// often start with) nor a part's last bar (which may be short to make up the pickup), how many last exactly one
/// bar of the metre.
/// Example: <c>AbcParser.Parse(text).Metre.Fraction</c>.
/// </summary>
/// <param name="Checked">Bars checked: every written bar in a metre except the pickups and each part's last bar.</param>
/// <param name="Full">Of those, how many have the metre's length.</param>
public sealed record MetreCheck(int Checked, int Full)
{
    /// <summary>Full ÷ checked; 0 when no bar could be checked.</summary>
    public double Fraction => Checked == 0 ? 0 : (double)Full / Checked;

    /// <summary>Checks <paramref name="bars"/>, as written.</summary>
    public static MetreCheck Of(IReadOnlyList<WrittenBar> bars)
    {
        ArgumentNullException.ThrowIfNull(bars);
        int checkedBars = 0, full = 0;
        for (int i = 0; i < bars.Count; i++)
        {
            var bar = bars[i];
            bool firstOfPart = i == 0 || bars[i - 1].EndsPart;
            bool pickup = firstOfPart && bar.MetreLength is double m && bar.Length < m - 1e-9;
            if (pickup || bar.EndsPart || bar.MetreLength is null) continue;
            checkedBars++;
            if (bar.IsFull) full++;
        }
        return new MetreCheck(checkedBars, full);
    }

    public override string ToString() => $"{Full} of {Checked} bars in the metre ({100 * Fraction:0}%)";
}
