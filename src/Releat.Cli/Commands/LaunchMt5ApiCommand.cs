using System.CommandLine;

namespace Releat.Cli.Commands;

/// <summary>`releat launch-mt5-api`: the mt5-gateway in the foreground (Ctrl+C stops it).</summary>
internal static class LaunchMt5ApiCommand
{
    public static Command Create()
    {
        var backend = new Option<string>("--backend") { Description = "simulated (paper trading) or mt5 (a real terminal through the bridge EA).", DefaultValueFactory = _ => "simulated" };
        backend.AcceptOnlyFromAmong("simulated", "mt5");
        var source = new Option<string>("--source") { Description = "Simulated ticks: synthetic, or store (replay of RELEAT_HOME's tick store).", DefaultValueFactory = _ => "synthetic" };
        source.AcceptOnlyFromAmong("synthetic", "store");
        var speed = new Option<double>("--speed") { Description = "Simulated market speed: 1 real time, 10 ten times faster, 0 as fast as possible.", DefaultValueFactory = _ => 1 };
        var symbols = new Option<string[]>("--symbols") { Description = "Symbols to stream live.", AllowMultipleArgumentsPerToken = true };
        var command = new Command("launch-mt5-api", "Run the mt5-gateway in the foreground: market data and order execution over gRPC.")
        {
            backend, source, speed, symbols,
        };
        command.SetAction(async (parse, cancellation) =>
        {
            var settings = new List<string>
            {
                $"--Gateway:Backend={(parse.GetValue(backend) == "mt5" ? "Mt5" : "Simulated")}",
                $"--Gateway:Simulated:Source={(parse.GetValue(source) == "store" ? "Store" : "Synthetic")}",
                FormattableString.Invariant($"--Gateway:Simulated:Speed={parse.GetValue(speed)}"),
                $"--Gateway:DataRoot={ReleatHome.Path}",
                "--Logging:Console:FormatterName=simple",
            };
            var chosen = parse.GetValue(symbols) ?? [];
            for (var i = 0; i < chosen.Length; i++)
            {
                settings.Add(FormattableString.Invariant($"--Gateway:Symbols:{i}={chosen[i]}"));
            }

            return await ServiceLauncher.RunInForegroundAsync("mt5-gateway", "Releat.Mt5Gateway", settings, cancellation).ConfigureAwait(false);
        });
        return command;
    }
}
