using System.CommandLine;
using System.Globalization;
using Grpc.Core;
using Releat.Cli.Local;
using Grpc.Net.Client;
using Releat.Training.Runs;
using Spectre.Console;
using V1 = Releat.Contracts.V1;

namespace Releat.Cli.Commands;

/// <summary>`releat status`: each process of the local stack, then the trader's view and the agent's latest signal.</summary>
internal static class StatusCommand
{
    public static Command Create()
    {
        var command = new Command("status", "Show the local stack: processes, trader status, latest signals.");
        command.SetAction(async (_, cancellation) =>
        {
            var state = LocalStackState.Read(StartCommand.StackHome);
            if (state is null)
            {
                AnsiConsole.WriteLine("Not running (releat start runs it).");
                return 1;
            }

            bool supervised = state.SupervisorPid is int supervisor && DetachedProcess.IsAlive(supervisor, StackSupervisor.Marker);
            var table = new Table().AddColumns("process", "pid", "state", "restarts", "last exit");
            foreach (var process in state.Processes)
            {
                table.AddRow(
                    process.Name,
                    process.Pid.ToString(CultureInfo.InvariantCulture),
                    StateOf(process, supervised),
                    process.Restarts.ToString(CultureInfo.InvariantCulture),
                    process.LastExit is { } exit ? Markup.Escape($"{exit} at {process.LastExitUtc:HH:mm:ss}") : "-");
            }

            AnsiConsole.Write(table);
            AnsiConsole.WriteLine(supervised
                ? $"supervisor pid {state.SupervisorPid}: starts again whatever exits. Logs in {Path.GetDirectoryName(state.Processes[0].Log)}"
                : "no supervisor running: nothing is started again when it exits (releat start starts what is missing)");
            try
            {
                await ShowTraderAsync(cancellation).ConfigureAwait(false);
            }
            catch (RpcException e)
            {
                AnsiConsole.MarkupLine($"[yellow]trader/signal not answering:[/] {e.StatusCode} {Markup.Escape(e.Status.Detail)}");
            }

            return 0;
        });
        return command;
    }

    private static string StateOf(LocalStackProcess process, bool supervised)
    {
        if (DetachedProcess.IsAlive(process.Pid, process.Name))
        {
            return "[green]running[/]";
        }

        return supervised && process.RestartDueUtc is { } due
            ? string.Create(CultureInfo.InvariantCulture, $"[yellow]restarting in {Math.Max(0, (due - DateTime.UtcNow).TotalSeconds):0} s[/]")
            : supervised ? "[yellow]starting[/]" : "[red]gone[/]";
    }

    private static async Task ShowTraderAsync(CancellationToken cancellation)
    {
        using var traderChannel = GrpcChannel.ForAddress(LocalService.Named("trader").GrpcAddress);
        using var signalChannel = GrpcChannel.ForAddress(LocalService.Named("signal").GrpcAddress);
        var status = await new V1.TraderControl.TraderControlClient(traderChannel)
            .GetStatusAsync(new V1.GetTraderStatusRequest(), cancellationToken: cancellation).ConfigureAwait(false);
        AnsiConsole.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"trader: market time {status.Time?.ToDateTime():yyyy-MM-dd HH:mm:ss}, equity {status.Equity:N2}, day P&L {status.DailyPnl:+0.00;-0.00}, exposure {status.TotalExposureLots} lots{(status.Paused ? ", PAUSED: " + status.PauseReason : "")}"));
        var signals = new V1.Signals.SignalsClient(signalChannel);
        foreach (var agent in status.Agents)
        {
            string latest;
            try
            {
                var signal = await signals.GetLatestSignalAsync(new V1.GetLatestSignalRequest { AgentId = agent.AgentId }, cancellationToken: cancellation).ConfigureAwait(false);
                latest = string.Create(CultureInfo.InvariantCulture,
                    $"latest signal {signal.DecisionTime.ToDateTime():HH:mm:ss} {signal.Decision.ActionName} ({signal.LatencyUs} us, {signal.CheckpointId})");
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.NotFound)
            {
                var paths = new AgentPaths(StartCommand.StackHome, agent.AgentId);
                latest = CheckpointCatalog.Deployable(paths, AgentPaths.DefaultRun) is null
                    ? $"stays flat: {CheckpointCatalog.WhyNotDeployable(paths, AgentPaths.DefaultRun)}"
                    : "no signal yet (features warming up)";
            }

            AnsiConsole.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {agent.AgentId}: {agent.PositionVolume:+0.00;-0.00;0} lots {agent.Symbol}, signals acted {agent.SignalsActed}, rejected {agent.SignalsRejected}; {latest}"));
        }
    }
}
