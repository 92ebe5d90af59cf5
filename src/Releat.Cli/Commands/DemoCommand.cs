using System.CommandLine;
using System.Diagnostics;
using Releat.Cli.Demo;
using Spectre.Console;

namespace Releat.Cli.Commands;

/// <summary>`releat demo`: the whole path in one process on embedded defaults and synthetic data.</summary>
internal static class DemoCommand
{
    public static Command Create()
    {
        var seed = new Option<ulong>("--seed") { Description = "Seed for every random choice of the demo.", DefaultValueFactory = _ => 1 };
        var command = new Command("demo", "Run the whole path in one process on embedded defaults and synthetic data.") { seed };
        command.SetAction((parse, cancellation) => RunAsync(parse.GetValue(seed), cancellation));
        return command;
    }

    private static async Task<int> RunAsync(ulong seed, CancellationToken cancellation)
    {
        // A fresh folder per run, so a demo never mixes with the user's own data or an earlier demo.
        var home = Path.Combine(ReleatHome.Path, "demo");
        if (Directory.Exists(home))
        {
            Directory.Delete(home, recursive: true);
        }

        Directory.CreateDirectory(home);
        AnsiConsole.MarkupLine($"[bold]releat demo[/] (seed {seed}) in {Markup.Escape(home)}");
        var clock = Stopwatch.StartNew();
        var stages = await new DemoPipeline(home, seed, line => AnsiConsole.WriteLine(line)).RunAsync(cancellation).ConfigureAwait(false);
        var done = stages.Count(s => s.Done);
        AnsiConsole.MarkupLine($"[bold]{done} of {stages.Count} stages ran[/] in {clock.Elapsed.TotalSeconds:0.0} s; data in {Markup.Escape(home)}");
        return 0;
    }
}
