using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;
using RnnNotebooks.Benchmarks;

// No arguments: run everything. Otherwise BenchmarkDotNet's own options, e.g.
//   --filter '*TrainingStep*'   --job short   --list flat
var config = DefaultConfig.Instance.AddColumn(new CharactersPerSecondColumn());
var switcher = BenchmarkSwitcher.FromAssembly(typeof(CharactersPerSecondColumn).Assembly);
if (args.Length == 0) switcher.RunAll(config);
else switcher.Run(args, config);
