using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace RnnNotebooks.Benchmarks;

/// <summary>The table's headline number: characters per step (B·T) ÷ median step time.</summary>
public sealed class CharactersPerSecondColumn : IColumn
{
    public string Id => nameof(CharactersPerSecondColumn);
    public string ColumnName => "chars/s";
    public bool AlwaysShow => true;
    public ColumnCategory Category => ColumnCategory.Custom;
    public int PriorityInCategory => 0;
    public bool IsNumeric => true;
    public UnitType UnitType => UnitType.Dimensionless;
    public string Legend => "Characters processed per second: B·T / median time of one training step";

    public bool IsAvailable(Summary summary) => true;
    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, summary.Style);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        if (benchmarkCase.Parameters["Case"] is not TrainingStepCase row) return "-";
        var statistics = summary[benchmarkCase]?.ResultStatistics;
        if (statistics is null || statistics.Median <= 0) return "?";
        return $"{row.Characters / (statistics.Median * 1e-9):N0}";
    }
}
