using Releat.MarketData.Benchmarks;
using Releat.MarketData.Model;

// Market data core figures: generator, MT5 import, store reads, broker per-tick cost. Args: [ticks] (default 3,000,000).
int ticks = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 3_000_000;
using var workspace = new Workspace();
var table = new ResultTable();

Tick[] generated = GeneratorBenchmark.Run(ticks, table);
string export = Mt5Export.Write(generated, workspace.File("EURUSD_ticks.csv"), table);
ImportBenchmark.Run(export, workspace.Path, generated.Length, table);
StoreReadBenchmark.Run(workspace.Path, generated, table);
BrokerBenchmark.Run(generated, table);

table.Print(Console.Out);
