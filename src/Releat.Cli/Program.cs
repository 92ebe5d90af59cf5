using System.CommandLine;
using Releat.Cli.Commands;
using Releat.Cli.Local;
using Releat.Cli.Output;
using Spectre.Console;

// Everything written through Spectre obeys the same rule: escape codes only to a real terminal without NO_COLOR.
AnsiConsole.Console = Terminal.CreateConsole(Console.Out, Terminal.StdoutIsRich);

var root = new RootCommand("releat: learn and run reinforcement-learning forex trading agents on MetaTrader 5.");
root.Subcommands.Add(DemoCommand.Create());
root.Subcommands.Add(ImportTicksCommand.Create());
root.Subcommands.Add(LaunchMt5ApiCommand.Create());
root.Subcommands.Add(GenerateTicksCommand.Create());
root.Subcommands.Add(BuildTrainDataCommand.Create());
root.Subcommands.Add(TrainCommand.Create());
root.Subcommands.Add(BacktestCommand.Create());
root.Subcommands.Add(SweepCommand.Create());
root.Subcommands.Add(EvaluateCommand.Create());
root.Subcommands.Add(CheckLeakageCommand.Create());
root.Subcommands.Add(ConfigCommand.Create());
root.Subcommands.Add(StartCommand.Create());
root.Subcommands.Add(StopCommand.Create());
root.Subcommands.Add(StatusCommand.Create());
root.Subcommands.Add(JournalCommand.Create());
root.Subcommands.Add(StartCommand.CreateSupervisor());

var parse = root.Parse(args);

// On SIGTERM the stack's supervisor stops six processes in turn: give it the time that takes, not the default 2 s.
var invocation = new InvocationConfiguration();
if (parse.CommandResult.Command.Name == StackSupervisor.Marker)
{
    invocation.ProcessTerminationTimeout = TimeSpan.FromMinutes(3);
}

return await parse.InvokeAsync(invocation).ConfigureAwait(false);
