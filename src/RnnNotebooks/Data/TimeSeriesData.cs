namespace RnnNotebooks.Data;

/// <summary>
/// Values measured at regular dates, oldest first: what a recurrent network learns to forecast.
/// </summary>
public sealed class TimeSeriesData
{
    /// <summary>Pairs each date with its value.</summary>
    public TimeSeriesData(string name, string description, IReadOnlyList<DateOnly> dates, double[] values)
    {
        ArgumentNullException.ThrowIfNull(dates);
        ArgumentNullException.ThrowIfNull(values);
        if (dates.Count != values.Length)
            throw new ArgumentException($"There are {dates.Count} dates but {values.Length} values: give one value per date.", nameof(values));
        Name = name;
        Description = description;
        Dates = dates;
        Values = values;
    }

    /// <summary>The dataset's name (e.g. "airline-passengers").</summary>
    public string Name { get; }

    /// <summary>What the values measure, and in which unit.</summary>
    public string Description { get; }

    /// <summary>The date of each value (the first day of its month or year).</summary>
    public IReadOnlyList<DateOnly> Dates { get; }

    /// <summary>The values, in date order.</summary>
    public double[] Values { get; }

    /// <summary>How many values.</summary>
    public int Count => Values.Length;

    public override string ToString() =>
        $"{Name}: {Count} values from {Dates[0]:yyyy-MM} to {Dates[^1]:yyyy-MM} ({Description})";
}
