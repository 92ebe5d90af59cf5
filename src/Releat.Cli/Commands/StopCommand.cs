using System.CommandLine;
using Releat.Cli.Local;
using Spectre.Console;

namespace Releat.Cli.Commands;

/// <summary>`releat stop`: ends what `releat start` launched (SIGTERM, so the services drain and Redis writes its file).</summary>
internal static class StopCommand
{
    public static Command Create()
    {
        var command = new Command("stop", "Stop the local stack that releat start launched.");
        command.SetAction(async (_, _) =>
        {
            if (!await LocalStack.StopAsync(StartCommand.StackHome, line => AnsiConsole.WriteLine(line)).ConfigureAwait(false))
            {
                AnsiConsole.WriteLine($"Nothing to stop: no {LocalStackState.FileOf(StartCommand.StackHome)}");
            }

            return 0;
        });
        return command;
    }
}
