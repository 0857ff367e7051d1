using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using RnnNotebooks.Benchmarks;

// No arguments: run everything. Otherwise BenchmarkDotNet's own options, e.g.
//   --filter '*TrainingStep*'   --job short   --list flat   --rows 'LSTM H=128 T=25 *'
// Benchmarks run in this process: BenchmarkDotNet's usual separate build of a generated project
// takes longer than its 2-minute timeout on a busy 2-core machine.
// --rows "pattern,pattern" keeps only the training-step rows whose names match (see TrainingStepCases.Filter).
var rest = new List<string>();
for (int i = 0; i < args.Length; i++)
    if (args[i] == "--rows" && i + 1 < args.Length) TrainingStepCases.Filter.AddRange(args[++i].Split(','));
    else rest.Add(args[i]);
args = [.. rest];
if (args.Contains("--cores"))
{
    CoreComparison.Run();
    return;
}
if (args.Contains("--cpu-time"))
{
    CpuTimeTable.Run();
    return;
}
string[] options = args.Contains("--inProcess") ? args : [.. args, "--inProcess"];
var config = DefaultConfig.Instance
    .AddColumn(new CharactersPerSecondColumn())
    .WithSummaryStyle(SummaryStyle.Default.WithMaxParameterColumnWidth(40));
var switcher = BenchmarkSwitcher.FromAssembly(typeof(CharactersPerSecondColumn).Assembly);
if (args.Length == 0) switcher.RunAll(config, options);
else switcher.Run(options, config);
