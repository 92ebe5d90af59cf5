using System.CommandLine;
using System.Globalization;
using Releat.MarketData.Model;
using Releat.MarketData.Synthetic;
using Releat.Cli.Output;
using Releat.MarketData.Time;

namespace Releat.Cli.Commands;

/// <summary>`releat generate-ticks`: seeded synthetic forex ticks into the store, so nothing needs downloading.</summary>
internal static class GenerateTicksCommand
{
    public static Command Create()
    {
        var symbol = new Option<string>("--symbol") { Description = "Symbol to generate (EURUSD, GBPUSD, USDJPY, USDCHF).", DefaultValueFactory = _ => "EURUSD" };
        var from = new Option<DateTime>("--from") { Description = "First day, UTC (yyyy-MM-dd).", Required = true };
        var to = new Option<DateTime>("--to") { Description = "Day after the last, UTC (yyyy-MM-dd).", Required = true };
        var seed = new Option<ulong>("--seed") { Description = "Same seed, same ticks.", DefaultValueFactory = _ => 1 };
        var momentum = new Option<double>("--momentum") { Description = "Strength of a planted, learnable momentum pattern; 0 = pure random walk.", DefaultValueFactory = _ => 0 };
        var command = new Command("generate-ticks", "Generate seeded synthetic ticks into the tick store under RELEAT_HOME.") { symbol, from, to, seed, momentum };
        command.SetAction((parse, cancellation) => RunAsync(
            parse.GetValue(symbol)!, parse.GetValue(from), parse.GetValue(to), parse.GetValue(seed), parse.GetValue(momentum), cancellation));
        return command;
    }

    public static long Generate(string root, SymbolSpec spec, long fromMs, long toMs, ulong seed, double momentum, Action<double>? progress, CancellationToken cancellation) =>
        SyntheticTickWriter.WriteToStore(root, spec, fromMs, toMs, seed, momentum, progress, cancellation);

    private static async Task<int> RunAsync(string symbol, DateTime from, DateTime to, ulong seed, double momentum, CancellationToken cancellation)
    {
        if (!SymbolCatalog.Defaults.TryGet(symbol, out var spec))
        {
            Console.Error.WriteLine($"releat generate-ticks: --symbol '{symbol}' is not a known symbol");
            return 2;
        }

        var fromMs = UtcTime.FromDate(DateOnly.FromDateTime(from));
        var toMs = UtcTime.FromDate(DateOnly.FromDateTime(to));
        if (toMs <= fromMs)
        {
            Console.Error.WriteLine("releat generate-ticks: --to must be after --from");
            return 2;
        }

        long count = 0;
        try
        {
            await ProgressDisplay.RunAsync($"generating {spec.Name}", toStandardError: false, line =>
            {
                count = Generate(ReleatHome.Path, spec, fromMs, toMs, seed, momentum, f => line.Update($"generating {spec.Name}", Math.Clamp(f, 0, 1), 1), cancellation);
                return Task.CompletedTask;
            }).ConfigureAwait(false);
        }
        catch (InvalidOperationException e)
        {
            Console.Error.WriteLine($"releat generate-ticks: {e.Message}");
            return 2;
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{spec.Name}: {count} ticks from {from:yyyy-MM-dd} to {to:yyyy-MM-dd} stored in {ReleatHome.Path}"));
        return 0;
    }
}
