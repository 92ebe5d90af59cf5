using System.CommandLine;
using Spectre.Console;

namespace Releat.Cli.Commands;

/// <summary>`releat demo`: the whole path in one process on embedded defaults and synthetic data.</summary>
internal static class DemoCommand
{
    public static Command Create()
    {
        var seed = new Option<int>("--seed") { Description = "Seed for every random choice of the demo.", DefaultValueFactory = _ => 1 };
        var command = new Command("demo", "Run the whole path in one process on embedded defaults and synthetic data.")
        {
            seed,
        };
        command.SetAction((parse, cancellation) => RunAsync(parse.GetValue(seed), cancellation));
        return command;
    }

    private static Task<int> RunAsync(int seed, CancellationToken cancellation)
    {
        cancellation.ThrowIfCancellationRequested();
        AnsiConsole.MarkupLine($"[bold]releat demo[/] (seed {seed})");
        return Task.FromResult(0);
    }
}
